import { randomBytes } from "node:crypto";
import pg from "pg";
import { openPostgres, type PgPool } from "./postgres";

/** The maintenance database tests create their own databases from (override with TEST_POSTGRES_URL). */
export const TEST_POSTGRES_URL =
  process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

const TABLES = [
  "board_snapshots",
  "board_updates",
  "boards",
  "users",
  "sessions",
  "board_members",
  "board_invites",
  "board_activity",
];

/** A freshly created, migrated PostgreSQL database for one test file, so parallel runs never collide. */
export interface TestDatabase {
  /** Its connection URL. */
  url: string;
  /** A migrated pool on it (closed by `drop`). */
  pool: PgPool;
  /** Empties every table (sequences keep counting, as they would in production); DELETE is far quicker than TRUNCATE on tiny tables. */
  truncate(): Promise<void>;
  /** Closes the pool and drops the database, disconnecting anyone still on it. */
  drop(): Promise<void>;
}

/** Creates `converge_test_<random>` through the maintenance database and opens a migrated pool on it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `converge_test_${randomBytes(6).toString("hex")}`;
  await admin(`CREATE DATABASE ${name}`);
  // Tests do not need a commit to survive a PostgreSQL crash (a killed client is still safe); skip the WAL fsync.
  await admin(`ALTER DATABASE ${name} SET synchronous_commit = off`);
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  const pool = await openPostgres(url.toString(), { max: 5 });
  return {
    url: url.toString(),
    pool,
    truncate: async () => {
      for (const table of TABLES) await pool.query(`DELETE FROM ${table}`);
    },
    drop: async () => {
      await pool.end();
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
