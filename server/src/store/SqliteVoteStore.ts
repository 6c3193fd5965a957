import type { RoundStatus } from "@converge/shared";
import type { Statement } from "better-sqlite3";
import type { SqliteDatabase } from "./sqlite";
import type { BallotRecord, CastResult, RoundRecord, VoteStore } from "./VoteStore";
import {
  BALLOT_COLUMNS,
  type BallotRow,
  ballotFromRow,
  ROUND_COLUMNS,
  type RoundRow,
  roundFromRow,
  spentOutside,
} from "./voteRows";

/** The embedded VoteStore: the `vote_rounds` and `vote_ballots` tables of a database opened with `openSqlite`. */
export class SqliteVoteStore implements VoteStore {
  readonly #db: SqliteDatabase;
  readonly #insertRound: Statement<
    [string, string, string, string, string, string, number | null, string | null, number, null, null]
  >;
  readonly #selectRound: Statement<[string, string], RoundRow>;
  readonly #selectOpen: Statement<[string], RoundRow>;
  readonly #selectStatus: Statement<[string], { status: RoundStatus }>;
  readonly #selectMine: Statement<[string, string], BallotRow>;
  readonly #upsertBallot: Statement<[string, string, string, string, number]>;
  readonly #selectBallots: Statement<[string], BallotRow>;
  readonly #endRound: Statement<[string, number, string | null, string]>;
  readonly #deleteBoardBallots: Statement<[string]>;
  readonly #deleteBoardRounds: Statement<[string]>;

  /** Prepares every statement once against `db`, whose schema must be migrated (see `openSqlite`). */
  constructor(db: SqliteDatabase) {
    this.#db = db;
    this.#insertRound = db.prepare(
      `INSERT INTO vote_rounds (${ROUND_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#selectRound = db.prepare(`SELECT ${ROUND_COLUMNS} FROM vote_rounds WHERE board_id = ? AND id = ?`);
    this.#selectOpen = db.prepare(
      `SELECT ${ROUND_COLUMNS} FROM vote_rounds WHERE board_id = ? AND status = 'open' ORDER BY created_at, id`,
    );
    this.#selectStatus = db.prepare("SELECT status FROM vote_rounds WHERE id = ?");
    this.#selectMine = db.prepare(
      `SELECT ${BALLOT_COLUMNS} FROM vote_ballots WHERE round_id = ? AND user_id = ?`,
    );
    this.#upsertBallot = db.prepare(
      `INSERT INTO vote_ballots (${BALLOT_COLUMNS}) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (round_id, user_id, card_id) DO UPDATE SET value = excluded.value`,
    );
    this.#selectBallots = db.prepare(
      `SELECT ${BALLOT_COLUMNS} FROM vote_ballots WHERE round_id = ? ORDER BY cast_at, user_id, card_id`,
    );
    this.#endRound = db.prepare(
      "UPDATE vote_rounds SET status = ?, ended_at = ?, results = ? WHERE id = ? AND status = 'open'",
    );
    this.#deleteBoardBallots = db.prepare(
      "DELETE FROM vote_ballots WHERE round_id IN (SELECT id FROM vote_rounds WHERE board_id = ?)",
    );
    this.#deleteBoardRounds = db.prepare("DELETE FROM vote_rounds WHERE board_id = ?");
  }

  async createRound(round: RoundRecord): Promise<void> {
    this.#insertRound.run(
      round.id,
      round.boardId,
      round.kind,
      round.status,
      round.facilitatorId,
      JSON.stringify(round.cardIds),
      round.budget,
      round.scale,
      round.createdAt,
      null,
      null,
    );
  }

  async getRound(boardId: string, roundId: string): Promise<RoundRecord | undefined> {
    const row = this.#selectRound.get(boardId, roundId);
    return row && roundFromRow(row);
  }

  async openRounds(boardId: string): Promise<RoundRecord[]> {
    return this.#selectOpen.all(boardId).map(roundFromRow);
  }

  async castBallot(ballot: BallotRecord, options: { budget?: number } = {}): Promise<CastResult> {
    return this.#db
      .transaction((): CastResult => {
        if (this.#selectStatus.get(ballot.roundId)?.status !== "open") {
          return { ok: false, reason: "round_not_open" };
        }
        const mine = this.#selectMine.all(ballot.roundId, ballot.userId).map(ballotFromRow);
        if (options.budget !== undefined && typeof ballot.value === "number") {
          const spentElsewhere = spentOutside(mine, ballot.cardId);
          if (spentElsewhere + ballot.value > options.budget) {
            return { ok: false, reason: "over_budget", spentElsewhere };
          }
        }
        const castAt = mine.length > 0 ? Math.min(...mine.map((b) => b.castAt)) : ballot.castAt;
        this.#upsertBallot.run(
          ballot.roundId,
          ballot.userId,
          ballot.cardId,
          JSON.stringify(ballot.value),
          castAt,
        );
        return { ok: true, firstInRound: mine.length === 0 };
      })
      .immediate();
  }

  async listBallots(roundId: string): Promise<BallotRecord[]> {
    return this.#selectBallots.all(roundId).map(ballotFromRow);
  }

  async endRound(
    roundId: string,
    status: Exclude<RoundStatus, "open">,
    endedAt: number,
    results: unknown,
  ): Promise<boolean> {
    const json = results === null || results === undefined ? null : JSON.stringify(results);
    return this.#endRound.run(status, endedAt, json, roundId).changes > 0;
  }

  async removeBoard(boardId: string): Promise<void> {
    this.#db.transaction(() => {
      this.#deleteBoardBallots.run(boardId);
      this.#deleteBoardRounds.run(boardId);
    })();
  }
}
