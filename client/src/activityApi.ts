import { request } from "./api";

/** One entry of a board's activity feed: who changed what, and when. */
export interface ActivityEntry {
  readonly id: string;
  /** Milliseconds since the epoch. */
  readonly at: number;
  readonly actorId: string | null;
  readonly actorName: string | null;
  readonly cardId: string | null;
  /** What happened, in words ("moved Billing to Done"), or the operation's name when the server sent no words. */
  readonly summary: string;
}

/** One page of activity, newest first, with the cursor of the next (older) page when there is one. */
export interface ActivityPage {
  readonly entries: readonly ActivityEntry[];
  readonly before: string | null;
}

type Raw = Record<string, unknown>;

function isRecord(value: unknown): value is Raw {
  return typeof value === "object" && value !== null;
}

function str(raw: Raw, ...keys: string[]): string | null {
  for (const key of keys) if (typeof raw[key] === "string" && raw[key] !== "") return raw[key] as string;
  return null;
}

function time(raw: Raw): number {
  for (const key of ["at", "createdAt", "time", "timestamp"]) {
    const value = raw[key];
    if (typeof value === "number") return value;
    if (typeof value === "string" && !Number.isNaN(Date.parse(value))) return Date.parse(value);
  }
  return 0;
}

/** Names the server needs resolved against the board: lanes by id and cards by id. */
export interface ActivityNames {
  readonly lane: (laneId: string) => string | undefined;
  readonly card: (cardId: string) => string | undefined;
}

const FIELD_WORDS: Record<string, string> = {
  goalId: "goal",
  dueDate: "due date",
  businessValue: "business value",
  timeCriticality: "time criticality",
  riskReduction: "risk reduction",
};

/** Words for one recorded change (`kind` + `data` as the activity API records them). */
export function describeActivity(kind: string, data: Raw, names?: ActivityNames): string {
  const text = (key: string) => (typeof data[key] === "string" ? (data[key] as string) : "");
  const lane = (key: string) => names?.lane(text(key)) ?? "another lane";
  switch (kind) {
    case "card.created":
      return `created “${text("title")}”`;
    case "card.renamed":
      return `renamed “${text("from")}” to “${text("to")}”`;
    case "card.moved":
      return `moved the card from ${lane("fromLaneId")} to ${lane("toLaneId")}`;
    case "card.archived":
      return "archived the card";
    case "card.restored":
      return "restored the card";
    case "card.deleted":
      return `deleted “${text("title")}”`;
    case "card.fields": {
      const fields = Array.isArray(data.fields) ? (data.fields as unknown[]).map(String) : [];
      const words = fields.map((field) => FIELD_WORDS[field] ?? field);
      return words.length > 0 ? `set ${words.join(", ")}` : "changed planning fields";
    }
    case "card.description":
      return "edited the description";
    case "lane.created":
      return `added lane “${text("title")}”`;
    case "lane.renamed":
      return `renamed lane “${text("from")}” to “${text("to")}”`;
    case "lane.deleted":
      return `deleted lane “${text("title")}”`;
    case "board.imported":
      return "imported cards into the board";
    default:
      return kind;
  }
}

/** Reads one entry defensively, so a richer server answer still shows. */
export function parseActivityEntry(raw: unknown, index: number, names?: ActivityNames): ActivityEntry | null {
  if (!isRecord(raw)) return null;
  const actor = isRecord(raw.actor) ? raw.actor : isRecord(raw.user) ? raw.user : {};
  const kind = str(raw, "kind", "op", "type");
  return {
    id: typeof raw.seq === "number" ? String(raw.seq) : (str(raw, "id") ?? String(index)),
    at: time(raw),
    actorId: str(raw, "actorId", "userId", "by") ?? str(actor, "id"),
    actorName: str(raw, "actorName", "userName") ?? str(actor, "name"),
    cardId: str(raw, "cardId"),
    summary:
      str(raw, "summary", "message", "text") ??
      (kind ? describeActivity(kind, isRecord(raw.data) ? raw.data : {}, names) : "changed the board"),
  };
}

/** Reads a page of the feed: `{entries: [...], nextBefore}` (or events/items, a bare array). */
export function parseActivityPage(body: unknown, names?: ActivityNames): ActivityPage {
  const list = Array.isArray(body)
    ? body
    : isRecord(body)
      ? ([body.entries, body.events, body.items, body.activity].find(Array.isArray) ?? [])
      : [];
  const entries = (list as unknown[])
    .map((entry, index) => parseActivityEntry(entry, index, names))
    .filter((entry): entry is ActivityEntry => entry !== null);
  const raw = isRecord(body) ? (body.nextBefore ?? body.before ?? body.next ?? null) : null;
  const cursor = typeof raw === "number" || (typeof raw === "string" && raw !== "") ? String(raw) : null;
  return { entries, before: cursor };
}

/** A page of a board's activity (GET /api/boards/:id/activity), optionally for one card, older than `before`. */
export async function fetchActivity(
  boardId: string,
  {
    cardId,
    before,
    limit = 30,
    names,
  }: { cardId?: string; before?: string | null; limit?: number; names?: ActivityNames } = {},
): Promise<ActivityPage> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (cardId) query.set("cardId", cardId);
  if (before) query.set("before", before);
  const body = await request<unknown>(`/api/boards/${encodeURIComponent(boardId)}/activity?${query}`);
  return parseActivityPage(body, names);
}
