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

/** Reads one entry defensively, so a richer server answer still shows. */
export function parseActivityEntry(raw: unknown, index: number): ActivityEntry | null {
  if (!isRecord(raw)) return null;
  const actor = isRecord(raw.actor) ? raw.actor : isRecord(raw.user) ? raw.user : {};
  return {
    id: str(raw, "id") ?? String(index),
    at: time(raw),
    actorId: str(raw, "actorId", "userId", "by") ?? str(actor, "id"),
    actorName: str(raw, "actorName", "userName") ?? str(actor, "name"),
    cardId: str(raw, "cardId"),
    summary:
      str(raw, "summary", "message", "description", "text") ??
      str(raw, "op", "kind", "type") ??
      "changed the board",
  };
}

/** Reads a page of the feed: `{entries|events|items|activity: [...], before|next|nextBefore?}` or a bare array. */
export function parseActivityPage(body: unknown): ActivityPage {
  const list = Array.isArray(body)
    ? body
    : isRecord(body)
      ? ([body.entries, body.events, body.items, body.activity].find(Array.isArray) ?? [])
      : [];
  const entries = (list as unknown[])
    .map(parseActivityEntry)
    .filter((entry): entry is ActivityEntry => entry !== null);
  const cursor = isRecord(body) ? (str(body, "before", "next", "nextBefore", "cursor") ?? null) : null;
  return { entries, before: cursor };
}

/** A page of a board's activity (GET /api/boards/:id/activity), optionally for one card, older than `before`. */
export async function fetchActivity(
  boardId: string,
  { cardId, before, limit = 30 }: { cardId?: string; before?: string | null; limit?: number } = {},
): Promise<ActivityPage> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (cardId) query.set("cardId", cardId);
  if (before) query.set("before", before);
  const body = await request<unknown>(`/api/boards/${encodeURIComponent(boardId)}/activity?${query}`);
  return parseActivityPage(body);
}
