import type { Statement } from "better-sqlite3";
import type { SqliteDatabase } from "../store/sqlite";
import type {
  ActivityData,
  ActivityEntry,
  ActivityKind,
  ActivityPage,
  ActivityStore,
  StoredActivity,
} from "./ActivityStore";

interface ActivityRow {
  seq: number;
  board_id: string;
  at: number;
  actor_id: string;
  actor_name: string;
  kind: ActivityKind;
  card_id: string | null;
  lane_id: string | null;
  data: string;
}

const COLUMNS = "seq, board_id, at, actor_id, actor_name, kind, card_id, lane_id, data";
/** Larger than any seq, for "from the newest". */
const NEWEST = Number.MAX_SAFE_INTEGER;

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
      `SELECT ${COLUMNS} FROM board_activity WHERE board_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?`,
    );
    this.#byCard = db.prepare(
      `SELECT ${COLUMNS} FROM board_activity WHERE board_id = ? AND card_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?`,
    );
    this.#deleteBoard = db.prepare("DELETE FROM board_activity WHERE board_id = ?");
  }

  async append(entries: readonly ActivityEntry[]): Promise<void> {
    this.#db.transaction(() => {
      for (const e of entries) {
        this.#insert.run(
          e.boardId,
          e.at,
          e.actorId,
          e.actorName,
          e.kind,
          e.cardId,
          e.laneId,
          JSON.stringify(e.data),
        );
      }
    })();
  }

  async listByBoard(boardId: string, { before, limit }: ActivityPage): Promise<StoredActivity[]> {
    return this.#byBoard.all(boardId, before ?? NEWEST, limit).map(toEntry);
  }

  async listByCard(
    boardId: string,
    cardId: string,
    { before, limit }: ActivityPage,
  ): Promise<StoredActivity[]> {
    return this.#byCard.all(boardId, cardId, before ?? NEWEST, limit).map(toEntry);
  }

  async removeBoard(boardId: string): Promise<void> {
    this.#deleteBoard.run(boardId);
  }
}

function toEntry(row: ActivityRow): StoredActivity {
  return {
    seq: row.seq,
    boardId: row.board_id,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    kind: row.kind,
    cardId: row.card_id,
    laneId: row.lane_id,
    data: JSON.parse(row.data) as ActivityData,
  };
}
