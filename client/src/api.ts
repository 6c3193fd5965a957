/** A failed API call, carrying the server's `{error:{code,message}}` when it sent one. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds from the Retry-After header of a 429, when the server sent one. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

type Listener = () => void;
const unauthenticatedListeners = new Set<Listener>();

/**
 * Subscribes to "the server says I am not signed in" (a 401 from any call that expects a session),
 * so the app can show the sign-in page; returns the unsubscribe function.
 */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

/** Options of one request beyond fetch's own. */
export interface RequestOptions {
  /** A 401 is an ordinary answer here (sign-in, "am I signed in?"), not a lost session. */
  readonly unauthenticatedIsExpected?: boolean;
}

function retryAfter(response: Response): number | null {
  const header = response.headers.get("Retry-After");
  if (header === null) return null;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
}

/** Calls the JSON API; resolves with the body (undefined for 204) or rejects with an ApiError. */
export async function request<T>(path: string, init?: RequestInit, options: RequestOptions = {}): Promise<T> {
  const response = await fetch(path, {
    ...init,
    credentials: "same-origin",
    headers: { Accept: "application/json", ...(init?.body ? { "Content-Type": "application/json" } : {}) },
  });
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch((error: unknown) => {
    if (response.ok) throw error;
    console.warn(`The server answered ${response.status} without a JSON body`, error);
    return null;
  });
  if (!response.ok) {
    const problem = isRecord(body) && isRecord(body.error) ? body.error : {};
    const failure = new ApiError(
      response.status,
      typeof problem.code === "string" ? problem.code : `http_${response.status}`,
      typeof problem.message === "string" ? problem.message : `The server answered ${response.status}.`,
      retryAfter(response),
    );
    if (response.status === 401 && !options.unauthenticatedIsExpected) {
      for (const listener of unauthenticatedListeners) listener();
    }
    throw failure;
  }
  return body as T;
}

/** A JSON body for a state-changing request. */
export function json(method: "POST" | "PATCH" | "DELETE", body?: unknown): RequestInit {
  return body === undefined ? { method } : { method, body: JSON.stringify(body) };
}

/** The message to show for a failed call: the server's words for an ApiError, a plain one for a network failure. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return "Could not reach the server. Check your connection and try again.";
}
