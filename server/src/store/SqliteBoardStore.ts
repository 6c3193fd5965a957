import type { Statement } from "better-sqlite3";
import type { BoardRecord, BoardStore } from "./BoardStore";
import type { SqliteDatabase } from "./sqlite";

interface BoardRow {
  id: string;
  title: string;
  created_at: number;
}

/** The embedded BoardStore: the `boards` table of a database opened with `openSqlite`. */
export class SqliteBoardStore implements BoardStore {
  readonly #insert: Statement<[string, string, number]>;
  readonly #select: Statement<[string], BoardRow>;
  readonly #selectAll: Statement<[], BoardRow>;
  readonly #updateTitle: Statement<[string, string]>;
  readonly #delete: Statement<[string]>;

  /** Prepares every statement once against `db`, whose schema must be migrated (see `openSqlite`). */
  constructor(db: SqliteDatabase) {
    this.#insert = db.prepare("INSERT INTO boards (id, title, created_at) VALUES (?, ?, ?)");
    this.#select = db.prepare("SELECT id, title, created_at FROM boards WHERE id = ?");
    // BINARY collation orders ids like JavaScript's `<` for the ASCII ids the server generates.
    this.#selectAll = db.prepare("SELECT id, title, created_at FROM boards ORDER BY created_at DESC, id ASC");
    this.#updateTitle = db.prepare("UPDATE boards SET title = ? WHERE id = ?");
    this.#delete = db.prepare("DELETE FROM boards WHERE id = ?");
  }

  async create(record: BoardRecord): Promise<void> {
    this.#insert.run(record.id, record.title, record.createdAt);
  }

  async get(id: string): Promise<BoardRecord | undefined> {
    const row = this.#select.get(id);
    return row && toRecord(row);
  }

  async list(): Promise<BoardRecord[]> {
    return this.#selectAll.all().map(toRecord);
  }

  async rename(id: string, title: string): Promise<boolean> {
    return this.#updateTitle.run(title, id).changes > 0;
  }

  async remove(id: string): Promise<boolean> {
    return this.#delete.run(id).changes > 0;
  }
}

function toRecord(row: BoardRow): BoardRecord {
  return { id: row.id, title: row.title, createdAt: row.created_at };
}
