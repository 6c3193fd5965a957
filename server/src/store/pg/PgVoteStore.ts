import type { RoundStatus } from "@converge/shared";
import type { BallotRecord, CastResult, RoundRecord, VoteStore } from "../VoteStore";
import {
  BALLOT_COLUMNS,
  type BallotRow,
  ballotFromRow,
  ROUND_COLUMNS,
  type RoundRow,
  roundFromRow,
  spentOutside,
} from "../voteRows";
import { inTransaction } from "./inTransaction";
import type { PgPool } from "./postgres";

/** The VoteStore for several server instances: the `vote_rounds` and `vote_ballots` tables of PostgreSQL. */
export class PgVoteStore implements VoteStore {
  readonly #pool: PgPool;

  /** Uses `pool`, whose schema must be migrated. */
  constructor(pool: PgPool) {
    this.#pool = pool;
  }

  async createRound(round: RoundRecord): Promise<void> {
    await this.#pool.query(
      `INSERT INTO vote_rounds (${ROUND_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, NULL)`,
      [
        round.id,
        round.boardId,
        round.kind,
        round.status,
        round.facilitatorId,
        JSON.stringify(round.cardIds),
        round.budget,
        round.scale,
        round.createdAt,
      ],
    );
  }

  async getRound(boardId: string, roundId: string): Promise<RoundRecord | undefined> {
    const { rows } = await this.#pool.query<RoundRow>(
      `SELECT ${ROUND_COLUMNS} FROM vote_rounds WHERE board_id = $1 AND id = $2`,
      [boardId, roundId],
    );
    return rows[0] && roundFromRow(rows[0]);
  }

  async openRounds(boardId: string): Promise<RoundRecord[]> {
    const { rows } = await this.#pool.query<RoundRow>(
      `SELECT ${ROUND_COLUMNS} FROM vote_rounds WHERE board_id = $1 AND status = 'open'
       ORDER BY created_at, id COLLATE "C"`,
      [boardId],
    );
    return rows.map(roundFromRow);
  }

  async castBallot(ballot: BallotRecord, options: { budget?: number } = {}): Promise<CastResult> {
    return inTransaction(this.#pool, async (client): Promise<CastResult> => {
      // The round's row lock serialises ballots of one round across instances, so a budget cannot be overspent.
      const { rows: status } = await client.query<{ status: RoundStatus }>(
        "SELECT status FROM vote_rounds WHERE id = $1 FOR UPDATE",
        [ballot.roundId],
      );
      if (status[0]?.status !== "open") return { ok: false, reason: "round_not_open" };
      const { rows } = await client.query<BallotRow>(
        `SELECT ${BALLOT_COLUMNS} FROM vote_ballots WHERE round_id = $1 AND user_id = $2`,
        [ballot.roundId, ballot.userId],
      );
      const mine = rows.map(ballotFromRow);
      if (options.budget !== undefined && typeof ballot.value === "number") {
        const spentElsewhere = spentOutside(mine, ballot.cardId);
        if (spentElsewhere + ballot.value > options.budget) {
          return { ok: false, reason: "over_budget", spentElsewhere };
        }
      }
      const castAt = mine.length > 0 ? Math.min(...mine.map((b) => b.castAt)) : ballot.castAt;
      await client.query(
        `INSERT INTO vote_ballots (${BALLOT_COLUMNS}) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (round_id, user_id, card_id) DO UPDATE SET value = excluded.value`,
        [ballot.roundId, ballot.userId, ballot.cardId, JSON.stringify(ballot.value), castAt],
      );
      return { ok: true, firstInRound: mine.length === 0 };
    });
  }

  async listBallots(roundId: string): Promise<BallotRecord[]> {
    const { rows } = await this.#pool.query<BallotRow>(
      `SELECT ${BALLOT_COLUMNS} FROM vote_ballots WHERE round_id = $1
       ORDER BY cast_at, user_id COLLATE "C", card_id COLLATE "C"`,
      [roundId],
    );
    return rows.map(ballotFromRow);
  }

  async endRound(
    roundId: string,
    status: Exclude<RoundStatus, "open">,
    endedAt: number,
    results: unknown,
  ): Promise<boolean> {
    const json = results === null || results === undefined ? null : JSON.stringify(results);
    const result = await this.#pool.query(
      "UPDATE vote_rounds SET status = $1, ended_at = $2, results = $3 WHERE id = $4 AND status = 'open'",
      [status, endedAt, json, roundId],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async removeBoard(boardId: string): Promise<void> {
    await this.#pool.query("DELETE FROM vote_rounds WHERE board_id = $1", [boardId]);
  }
}
