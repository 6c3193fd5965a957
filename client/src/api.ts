/** A board as the REST API lists it. */
export interface BoardRecord {
  readonly id: string;
  readonly title: string;
  readonly createdAt: string | number;
}

/** A failed API call, carrying the server's `{error:{code,message}}` when it sent one. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, {
    ...init,
    headers: { Accept: "application/json", ...(init?.body ? { "Content-Type": "application/json" } : {}) },
  });
  const body: unknown = await response.json().catch((error: unknown) => {
    if (response.ok) throw error;
    return null;
  });
  if (!response.ok) {
    const problem = isRecord(body) && isRecord(body.error) ? body.error : {};
    throw new ApiError(
      response.status,
      typeof problem.code === "string" ? problem.code : `http_${response.status}`,
      typeof problem.message === "string" ? problem.message : `The server answered ${response.status}.`,
    );
  }
  return body as T;
}

/** Lists the boards (GET /api/boards). */
export function listBoards(): Promise<BoardRecord[]> {
  return request<BoardRecord[]>("/api/boards");
}

/** Creates a board; the server seeds it with the default lanes (POST /api/boards). */
export function createBoard(title: string): Promise<BoardRecord> {
  return request<BoardRecord>("/api/boards", { method: "POST", body: JSON.stringify({ title }) });
}

/** Reads one board's record (GET /api/boards/:id); an ApiError with status 404 when there is no such board. */
export function getBoardRecord(id: string): Promise<BoardRecord> {
  return request<BoardRecord>(`/api/boards/${encodeURIComponent(id)}`);
}
