import type { Statement } from "better-sqlite3";
import type { SqliteDatabase } from "../store/sqlite";
import type { ActivityEntry, ActivityPage, ActivityStore, StoredActivity } from "./ActivityStore";
import {
  ACTIVITY_COLUMNS,
  type ActivityRow,
  activityFromRow,
  activityToRow,
  NEWEST_SEQ,
} from "./activityRows";

/** The embedded ActivityStore: the `board_activity` table of a database opened with `openSqlite`. */
export class SqliteActivityStore implements ActivityStore {
  readonly #db: SqliteDatabase;
  readonly #insert: Statement<[string, number, string, string, string, string | null, string | null, string]>;
  readonly #byBoard: Statement<[string, number, number], ActivityRow>;
  readonly #byCard: Statement<[string, string, number, number], ActivityRow>;
  readonly #deleteBoard: Statement<[string]>;

  /** Prepares every statement once against `db`, whose schema must be migrated (see `openSqlite`). */
  constructor(db: SqliteDatabase) {
    this.#db = db;
    this.#insert = db.prepare(
      `INSERT INTO board_activity (board_id, at, actor_id, actor_name, kind, card_id, lane_id, data)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#byBoard = db.prepare(
      `SELECT ${ACTIVITY_COLUMNS} FROM board_activity WHERE board_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?`,
    );
    this.#byCard = db.prepare(
      `SELECT ${ACTIVITY_COLUMNS} FROM board_activity WHERE board_id = ? AND card_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?`,
    );
    this.#deleteBoard = db.prepare("DELETE FROM board_activity WHERE board_id = ?");
  }

  async append(entries: readonly ActivityEntry[]): Promise<void> {
    this.#db.transaction(() => {
      for (const e of entries) {
        this.#insert.run(...activityToRow(e));
      }
    })();
  }

  async listByBoard(boardId: string, { before, limit }: ActivityPage): Promise<StoredActivity[]> {
    return this.#byBoard.all(boardId, before ?? NEWEST_SEQ, limit).map(activityFromRow);
  }

  async listByCard(
    boardId: string,
    cardId: string,
    { before, limit }: ActivityPage,
  ): Promise<StoredActivity[]> {
    return this.#byCard.all(boardId, cardId, before ?? NEWEST_SEQ, limit).map(activityFromRow);
  }

  async removeBoard(boardId: string): Promise<void> {
    this.#deleteBoard.run(boardId);
  }
}
