import type { BoardRecord, BoardStore } from "../BoardStore";
import type { PgPool } from "./postgres";

interface BoardRow {
  id: string;
  title: string;
  created_at: number;
}

/** The BoardStore for several server instances: the `boards` table of a PostgreSQL database (see `openPostgres`). */
export class PgBoardStore implements BoardStore {
  readonly #pool: PgPool;

  /** Uses `pool`, whose schema must be migrated. */
  constructor(pool: PgPool) {
    this.#pool = pool;
  }

  async create(record: BoardRecord): Promise<void> {
    await this.#pool.query("INSERT INTO boards (id, title, created_at) VALUES ($1, $2, $3)", [
      record.id,
      record.title,
      record.createdAt,
    ]);
  }

  async get(id: string): Promise<BoardRecord | undefined> {
    const { rows } = await this.#pool.query<BoardRow>(
      "SELECT id, title, created_at FROM boards WHERE id = $1",
      [id],
    );
    return rows[0] && toRecord(rows[0]);
  }

  async list(): Promise<BoardRecord[]> {
    // The "C" collation orders ids like JavaScript's `<` (and SQLite's BINARY), whatever the database's locale.
    const { rows } = await this.#pool.query<BoardRow>(
      `SELECT id, title, created_at FROM boards ORDER BY created_at DESC, id COLLATE "C" ASC`,
    );
    return rows.map(toRecord);
  }

  async rename(id: string, title: string): Promise<boolean> {
    const result = await this.#pool.query("UPDATE boards SET title = $1 WHERE id = $2", [title, id]);
    return (result.rowCount ?? 0) > 0;
  }

  async remove(id: string): Promise<boolean> {
    const result = await this.#pool.query("DELETE FROM boards WHERE id = $1", [id]);
    return (result.rowCount ?? 0) > 0;
  }
}

function toRecord(row: BoardRow): BoardRecord {
  return { id: row.id, title: row.title, createdAt: row.created_at };
}
