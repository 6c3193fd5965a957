import type { PokerScale, RoundStatus, ScaleValue, VoteKind } from "@converge/shared";
import type { BallotRecord, RoundRecord } from "./VoteStore";

// The vote tables' row shapes and mappings, the same in SQLite and PostgreSQL (BIGINT reads as a number there).

/** A `vote_rounds` row. */
export interface RoundRow {
  id: string;
  board_id: string;
  kind: VoteKind;
  status: RoundStatus;
  facilitator_id: string;
  card_ids: string;
  budget: number | null;
  scale: PokerScale | null;
  created_at: number;
  ended_at: number | null;
  results: string | null;
}

/** A `vote_ballots` row; `value` is JSON. */
export interface BallotRow {
  round_id: string;
  user_id: string;
  card_id: string;
  value: string;
  cast_at: number;
}

/** Column list of `vote_rounds`, in insert order. */
export const ROUND_COLUMNS =
  "id, board_id, kind, status, facilitator_id, card_ids, budget, scale, created_at, ended_at, results";
/** Column list of `vote_ballots`, in insert order. */
export const BALLOT_COLUMNS = "round_id, user_id, card_id, value, cast_at";

/** A round row as a RoundRecord. */
export function roundFromRow(row: RoundRow): RoundRecord {
  return {
    id: row.id,
    boardId: row.board_id,
    kind: row.kind,
    status: row.status,
    facilitatorId: row.facilitator_id,
    cardIds: JSON.parse(row.card_ids) as string[],
    budget: row.budget,
    scale: row.scale,
    createdAt: row.created_at,
    endedAt: row.ended_at,
    results: row.results === null ? null : (JSON.parse(row.results) as unknown),
  };
}

/** A ballot row as a BallotRecord. */
export function ballotFromRow(row: BallotRow): BallotRecord {
  return {
    roundId: row.round_id,
    userId: row.user_id,
    cardId: row.card_id,
    value: JSON.parse(row.value) as ScaleValue,
    castAt: row.cast_at,
  };
}

/** Dots a person has placed on the round's cards other than `cardId`. */
export function spentOutside(mine: readonly BallotRecord[], cardId: string): number {
  return mine
    .filter((b) => b.cardId !== cardId)
    .reduce((sum, b) => sum + (typeof b.value === "number" ? b.value : 0), 0);
}
