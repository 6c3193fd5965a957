import type { SessionRecord, SessionStore } from "../SessionStore";
import type { PgPool } from "./postgres";

interface SessionRow {
  id_hash: string;
  user_id: string;
  expires_at: number;
}

/**
 * The SessionStore for several server instances: the `sessions` table (keyed by `id_hash`) of a PostgreSQL database,
 * so a session started on one instance is valid on every other.
 */
export class PgSessionStore implements SessionStore {
  readonly #pool: PgPool;

  /** Uses `pool`, whose schema must be migrated. */
  constructor(pool: PgPool) {
    this.#pool = pool;
  }

  async create(session: SessionRecord): Promise<void> {
    await this.#pool.query("INSERT INTO sessions (id_hash, user_id, expires_at) VALUES ($1, $2, $3)", [
      session.key,
      session.userId,
      session.expiresAt,
    ]);
  }

  async get(key: string): Promise<SessionRecord | undefined> {
    const { rows } = await this.#pool.query<SessionRow>(
      "SELECT id_hash, user_id, expires_at FROM sessions WHERE id_hash = $1",
      [key],
    );
    return rows[0] && toRecord(rows[0]);
  }

  async listByUser(userId: string): Promise<SessionRecord[]> {
    const { rows } = await this.#pool.query<SessionRow>(
      "SELECT id_hash, user_id, expires_at FROM sessions WHERE user_id = $1",
      [userId],
    );
    return rows.map(toRecord);
  }

  async setExpiry(key: string, expiresAt: number): Promise<boolean> {
    const result = await this.#pool.query("UPDATE sessions SET expires_at = $1 WHERE id_hash = $2", [
      expiresAt,
      key,
    ]);
    return (result.rowCount ?? 0) > 0;
  }

  async remove(key: string): Promise<boolean> {
    const result = await this.#pool.query("DELETE FROM sessions WHERE id_hash = $1", [key]);
    return (result.rowCount ?? 0) > 0;
  }

  async removeByUser(userId: string): Promise<string[]> {
    const { rows } = await this.#pool.query<{ id_hash: string }>(
      "DELETE FROM sessions WHERE user_id = $1 RETURNING id_hash",
      [userId],
    );
    return rows.map((row) => row.id_hash);
  }

  async removeExpired(now: number): Promise<number> {
    const result = await this.#pool.query("DELETE FROM sessions WHERE expires_at <= $1", [now]);
    return result.rowCount ?? 0;
  }
}

function toRecord(row: SessionRow): SessionRecord {
  return { key: row.id_hash, userId: row.user_id, expiresAt: row.expires_at };
}
