import type { ActivityData, ActivityEntry, ActivityKind, StoredActivity } from "./ActivityStore";

// The row shape the SQL ActivityStores share; not part of the module's public surface.

/** A `board_activity` row; `data` is JSON text (SQLite) or already parsed (PostgreSQL's JSONB). */
export interface ActivityRow {
  seq: number;
  board_id: string;
  at: number;
  actor_id: string;
  actor_name: string;
  kind: ActivityKind;
  card_id: string | null;
  lane_id: string | null;
  data: string | ActivityData;
}

/** The columns of an ActivityRow, in order. */
export const ACTIVITY_COLUMNS = "seq, board_id, at, actor_id, actor_name, kind, card_id, lane_id, data";

/** Larger than any seq, for "from the newest". */
export const NEWEST_SEQ = Number.MAX_SAFE_INTEGER;

/** The stored entry a row holds. */
export function activityFromRow(row: ActivityRow): StoredActivity {
  return {
    seq: row.seq,
    boardId: row.board_id,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    kind: row.kind,
    cardId: row.card_id,
    laneId: row.lane_id,
    data: typeof row.data === "string" ? (JSON.parse(row.data) as ActivityData) : row.data,
  };
}

/** The values an INSERT of `entry` binds, in the order of the columns after `seq` (data as JSON text). */
export function activityToRow(
  entry: ActivityEntry,
): [string, number, string, string, string, string | null, string | null, string] {
  return [
    entry.boardId,
    entry.at,
    entry.actorId,
    entry.actorName,
    entry.kind,
    entry.cardId,
    entry.laneId,
    JSON.stringify(entry.data),
  ];
}
