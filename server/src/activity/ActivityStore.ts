/** What an activity entry records (DESIGN: who changed what and when). */
export const ACTIVITY_KINDS = [
  "card.created",
  "card.renamed",
  "card.moved",
  "card.archived",
  "card.restored",
  "card.deleted",
  "card.fields",
  "card.description",
  "lane.created",
  "lane.renamed",
  "lane.deleted",
  "board.imported",
] as const;
/** One of ACTIVITY_KINDS. */
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** Kind-specific detail: titles before/after, lanes from/to, the fields that changed. */
export type ActivityData = { readonly [key: string]: string | number | boolean | null | readonly string[] };

/** One thing one person did to a board, as recorded. */
export interface ActivityEntry {
  readonly boardId: string;
  /** Milliseconds since the Unix epoch. */
  readonly at: number;
  readonly actorId: string;
  /** The actor's name when it happened. */
  readonly actorName: string;
  readonly kind: ActivityKind;
  /** The card concerned, or null for lane and board entries. */
  readonly cardId: string | null;
  /** The lane concerned: a card's lane at the time (the destination of a move), or the lane itself. */
  readonly laneId: string | null;
  readonly data: ActivityData;
}

/** An entry as stored, with its position in the board's history (newer entries have higher `seq`). */
export interface StoredActivity extends ActivityEntry {
  readonly seq: number;
}

/** A page of history: at most `limit` entries older than `before` (a seq), newest first. */
export interface ActivityPage {
  /** Only entries with seq < before; absent = from the newest. */
  readonly before?: number;
  readonly limit: number;
}

/**
 * Where activity is kept: appended in batches, read newest first by board or by card. Every method may throw; the
 * recorder logs a failed append and carries on (activity never blocks editing).
 */
export interface ActivityStore {
  /** Appends entries atomically, in order. */
  append(entries: readonly ActivityEntry[]): Promise<void>;
  /** A board's entries, newest first. */
  listByBoard(boardId: string, page: ActivityPage): Promise<StoredActivity[]>;
  /** One card's entries, newest first. */
  listByCard(boardId: string, cardId: string, page: ActivityPage): Promise<StoredActivity[]>;
  /** Deletes a board's history (when the board is deleted). */
  removeBoard(boardId: string): Promise<void>;
}
