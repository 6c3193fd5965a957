import { EmailTakenError, type UserRecord, type UserStore } from "../UserStore";
import type { PgPool } from "./postgres";

interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  created_at: number;
}

const COLUMNS = "id, email, name, password_hash, created_at";

/** PostgreSQL's SQLSTATE for a unique-constraint violation. */
const UNIQUE_VIOLATION = "23505";

/** The UserStore for several server instances: the `users` table of a PostgreSQL database (see `openPostgres`). */
export class PgUserStore implements UserStore {
  readonly #pool: PgPool;

  /** Uses `pool`, whose schema must be migrated. */
  constructor(pool: PgPool) {
    this.#pool = pool;
  }

  async create(user: UserRecord): Promise<void> {
    try {
      await this.#pool.query(`INSERT INTO users (${COLUMNS}) VALUES ($1, $2, $3, $4, $5)`, [
        user.id,
        user.email,
        user.name,
        user.passwordHash,
        user.createdAt,
      ]);
    } catch (error) {
      if (isUniqueEmailViolation(error)) throw new EmailTakenError("this email is already registered");
      throw error;
    }
  }

  async get(id: string): Promise<UserRecord | undefined> {
    const { rows } = await this.#pool.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
    return rows[0] && toRecord(rows[0]);
  }

  async getByEmail(email: string): Promise<UserRecord | undefined> {
    const { rows } = await this.#pool.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE email = $1`, [
      email,
    ]);
    return rows[0] && toRecord(rows[0]);
  }

  async getMany(ids: readonly string[]): Promise<UserRecord[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const { rows } = await this.#pool.query<UserRow>(
      `SELECT ${COLUMNS} FROM users WHERE id = ANY($1::text[])`,
      [unique],
    );
    return rows.map(toRecord);
  }
}

function isUniqueEmailViolation(error: unknown): boolean {
  return (
    error instanceof Error &&
    "code" in error &&
    error.code === UNIQUE_VIOLATION &&
    "constraint" in error &&
    error.constraint === "users_email_key"
  );
}

function toRecord(row: UserRow): UserRecord {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
  };
}
