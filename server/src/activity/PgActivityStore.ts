import { inTransaction } from "../store/pg/inTransaction";
import type { PgPool } from "../store/pg/postgres";
import type { ActivityEntry, ActivityPage, ActivityStore, StoredActivity } from "./ActivityStore";
import {
  ACTIVITY_COLUMNS,
  type ActivityRow,
  activityFromRow,
  activityToRow,
  NEWEST_SEQ,
} from "./activityRows";

/** Values per inserted row. */
const ROW_PARAMS = 8;
/** Rows per INSERT, well under PostgreSQL's 65,535 parameters a statement. */
const ROWS_PER_INSERT = 1_000;

/** The ActivityStore for several server instances: the `board_activity` table of PostgreSQL (migration 5). */
export class PgActivityStore implements ActivityStore {
  readonly #pool: PgPool;

  /** Uses `pool`, whose schema must be migrated. */
  constructor(pool: PgPool) {
    this.#pool = pool;
  }

  async append(entries: readonly ActivityEntry[]): Promise<void> {
    if (entries.length === 0) return;
    // One transaction, rows in order: a multi-row VALUES takes its seqs in row order.
    await inTransaction(this.#pool, async (client) => {
      for (let start = 0; start < entries.length; start += ROWS_PER_INSERT) {
        const batch = entries.slice(start, start + ROWS_PER_INSERT);
        const placeholders = batch.map((_, row) => {
          const first = row * ROW_PARAMS;
          return `(${Array.from({ length: ROW_PARAMS }, (_, i) => `$${first + i + 1}`).join(", ")})`;
        });
        await client.query(
          `INSERT INTO board_activity (board_id, at, actor_id, actor_name, kind, card_id, lane_id, data)
           VALUES ${placeholders.join(", ")}`,
          batch.flatMap(activityToRow),
        );
      }
    });
  }

  async listByBoard(boardId: string, { before, limit }: ActivityPage): Promise<StoredActivity[]> {
    const { rows } = await this.#pool.query<ActivityRow>(
      `SELECT ${ACTIVITY_COLUMNS} FROM board_activity WHERE board_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3`,
      [boardId, before ?? NEWEST_SEQ, limit],
    );
    return rows.map(activityFromRow);
  }

  async listByCard(
    boardId: string,
    cardId: string,
    { before, limit }: ActivityPage,
  ): Promise<StoredActivity[]> {
    const { rows } = await this.#pool.query<ActivityRow>(
      `SELECT ${ACTIVITY_COLUMNS} FROM board_activity WHERE board_id = $1 AND card_id = $2 AND seq < $3
       ORDER BY seq DESC LIMIT $4`,
      [boardId, cardId, before ?? NEWEST_SEQ, limit],
    );
    return rows.map(activityFromRow);
  }

  async removeBoard(boardId: string): Promise<void> {
    await this.#pool.query("DELETE FROM board_activity WHERE board_id = $1", [boardId]);
  }
}
