import type { Statement } from "better-sqlite3";
import type { SqliteDatabase } from "./sqlite";
import { EmailTakenError, type UserRecord, type UserStore } from "./UserStore";

interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  created_at: number;
}

const COLUMNS = "id, email, name, password_hash, created_at";

/** The embedded UserStore: the `users` table of a database opened with `openSqlite`. */
export class SqliteUserStore implements UserStore {
  readonly #db: SqliteDatabase;
  readonly #insert: Statement<[string, string, string, string, number]>;
  readonly #select: Statement<[string], UserRow>;
  readonly #selectByEmail: Statement<[string], UserRow>;

  /** Prepares every statement once against `db`, whose schema must be migrated (see `openSqlite`). */
  constructor(db: SqliteDatabase) {
    this.#db = db;
    this.#insert = db.prepare(`INSERT INTO users (${COLUMNS}) VALUES (?, ?, ?, ?, ?)`);
    this.#select = db.prepare(`SELECT ${COLUMNS} FROM users WHERE id = ?`);
    this.#selectByEmail = db.prepare(`SELECT ${COLUMNS} FROM users WHERE email = ?`);
  }

  async create(user: UserRecord): Promise<void> {
    try {
      this.#insert.run(user.id, user.email, user.name, user.passwordHash, user.createdAt);
    } catch (error) {
      if (isUniqueEmailViolation(error)) throw new EmailTakenError("this email is already registered");
      throw error;
    }
  }

  async get(id: string): Promise<UserRecord | undefined> {
    const row = this.#select.get(id);
    return row && toRecord(row);
  }

  async getByEmail(email: string): Promise<UserRecord | undefined> {
    const row = this.#selectByEmail.get(email);
    return row && toRecord(row);
  }

  async getMany(ids: readonly string[]): Promise<UserRecord[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const rows = this.#db
      .prepare<string[], UserRow>(
        `SELECT ${COLUMNS} FROM users WHERE id IN (${unique.map(() => "?").join(",")})`,
      )
      .all(...unique);
    return rows.map(toRecord);
  }
}

function isUniqueEmailViolation(error: unknown): boolean {
  return (
    error instanceof Error &&
    "code" in error &&
    error.code === "SQLITE_CONSTRAINT_UNIQUE" &&
    error.message.includes("users.email")
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
