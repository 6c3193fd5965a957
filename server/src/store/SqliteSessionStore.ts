import type { Statement } from "better-sqlite3";
import type { SessionRecord, SessionStore } from "./SessionStore";
import type { SqliteDatabase } from "./sqlite";

interface SessionRow {
  id_hash: string;
  user_id: string;
  expires_at: number;
}

/** The embedded SessionStore: the `sessions` table (keyed by `id_hash`) of a database opened with `openSqlite`. */
export class SqliteSessionStore implements SessionStore {
  readonly #db: SqliteDatabase;
  readonly #insert: Statement<[string, string, number]>;
  readonly #select: Statement<[string], SessionRow>;
  readonly #selectByUser: Statement<[string], SessionRow>;
  readonly #updateExpiry: Statement<[number, string]>;
  readonly #delete: Statement<[string]>;
  readonly #deleteByUser: Statement<[string]>;
  readonly #deleteExpired: Statement<[number]>;

  /** Prepares every statement once against `db`, whose schema must be migrated (see `openSqlite`). */
  constructor(db: SqliteDatabase) {
    this.#db = db;
    this.#insert = db.prepare("INSERT INTO sessions (id_hash, user_id, expires_at) VALUES (?, ?, ?)");
    this.#select = db.prepare("SELECT id_hash, user_id, expires_at FROM sessions WHERE id_hash = ?");
    this.#selectByUser = db.prepare("SELECT id_hash, user_id, expires_at FROM sessions WHERE user_id = ?");
    this.#updateExpiry = db.prepare("UPDATE sessions SET expires_at = ? WHERE id_hash = ?");
    this.#delete = db.prepare("DELETE FROM sessions WHERE id_hash = ?");
    this.#deleteByUser = db.prepare("DELETE FROM sessions WHERE user_id = ?");
    this.#deleteExpired = db.prepare("DELETE FROM sessions WHERE expires_at <= ?");
  }

  async create(session: SessionRecord): Promise<void> {
    this.#insert.run(session.key, session.userId, session.expiresAt);
  }

  async get(key: string): Promise<SessionRecord | undefined> {
    const row = this.#select.get(key);
    return row && toRecord(row);
  }

  async listByUser(userId: string): Promise<SessionRecord[]> {
    return this.#selectByUser.all(userId).map(toRecord);
  }

  async setExpiry(key: string, expiresAt: number): Promise<boolean> {
    return this.#updateExpiry.run(expiresAt, key).changes > 0;
  }

  async remove(key: string): Promise<boolean> {
    return this.#delete.run(key).changes > 0;
  }

  async removeByUser(userId: string): Promise<string[]> {
    return this.#db.transaction(() => {
      const keys = this.#selectByUser.all(userId).map((row) => row.id_hash);
      this.#deleteByUser.run(userId);
      return keys;
    })();
  }

  async removeExpired(now: number): Promise<number> {
    return this.#deleteExpired.run(now).changes;
  }
}

function toRecord(row: SessionRow): SessionRecord {
  return { key: row.id_hash, userId: row.user_id, expiresAt: row.expires_at };
}
