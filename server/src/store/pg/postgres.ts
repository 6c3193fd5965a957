import pg from "pg";
import { inTransaction } from "./inTransaction";
import { PgLock } from "./pgLocks";

/** A pool of PostgreSQL connections, shared by every PostgreSQL store of one server. */
export type PgPool = pg.Pool;

/**
 * The schema, one SQL script per version (numbered like the SQLite ones), applied in order and never edited once
 * released: a later change is a new entry at the end.
 */
export const PG_MIGRATIONS: readonly string[] = [
  // 1: board documents (a snapshot per board plus the updates appended after it).
  `CREATE TABLE board_snapshots (
     board_id TEXT PRIMARY KEY,
     state BYTEA NOT NULL,
     upto_seq BIGINT NOT NULL
   );
   CREATE TABLE board_updates (
     seq BIGSERIAL PRIMARY KEY,
     board_id TEXT NOT NULL,
     data BYTEA NOT NULL
   );
   CREATE INDEX board_updates_board_seq ON board_updates (board_id, seq);`,
  // 2: board records.
  `CREATE TABLE boards (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     created_at BIGINT NOT NULL
   );
   CREATE INDEX boards_created_at ON boards (created_at);`,
  // 3: accounts, sessions (by the hash of their id), board members and invitations (by the hash of their token).
  `CREATE TABLE users (
     id TEXT PRIMARY KEY,
     email TEXT NOT NULL,
     name TEXT NOT NULL,
     password_hash TEXT NOT NULL,
     created_at BIGINT NOT NULL,
     CONSTRAINT users_email_key UNIQUE (email)
   );
   CREATE TABLE sessions (
     id_hash TEXT PRIMARY KEY,
     user_id TEXT NOT NULL,
     expires_at BIGINT NOT NULL
   );
   CREATE INDEX sessions_user ON sessions (user_id);
   CREATE INDEX sessions_expires_at ON sessions (expires_at);
   CREATE TABLE board_members (
     board_id TEXT NOT NULL,
     user_id TEXT NOT NULL,
     role TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
     joined_at BIGINT NOT NULL,
     PRIMARY KEY (board_id, user_id)
   );
   CREATE INDEX board_members_user ON board_members (user_id);
   CREATE TABLE board_invites (
     id TEXT PRIMARY KEY,
     board_id TEXT NOT NULL,
     token_hash TEXT NOT NULL UNIQUE,
     role TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
     created_by TEXT NOT NULL,
     created_at BIGINT NOT NULL,
     expires_at BIGINT NOT NULL
   );
   CREATE INDEX board_invites_board ON board_invites (board_id);`,
  // 4: voting rounds and their secret ballots (DESIGN §5); values are JSON (a number of dots or a scale value).
  `CREATE TABLE vote_rounds (
     id TEXT PRIMARY KEY,
     board_id TEXT NOT NULL,
     kind TEXT NOT NULL CHECK (kind IN ('dot', 'poker')),
     status TEXT NOT NULL CHECK (status IN ('open', 'revealed', 'closed')),
     facilitator_id TEXT NOT NULL,
     card_ids TEXT NOT NULL,
     budget INTEGER,
     scale TEXT,
     created_at BIGINT NOT NULL,
     ended_at BIGINT,
     results TEXT
   );
   CREATE INDEX vote_rounds_board ON vote_rounds (board_id, status);
   CREATE TABLE vote_ballots (
     round_id TEXT NOT NULL REFERENCES vote_rounds (id) ON DELETE CASCADE,
     user_id TEXT NOT NULL,
     card_id TEXT NOT NULL,
     value TEXT NOT NULL,
     cast_at BIGINT NOT NULL,
     PRIMARY KEY (round_id, user_id, card_id)
   );`,
  // 5: board activity (who changed what and when), newest read first by board or by card.
  `CREATE TABLE board_activity (
     seq BIGSERIAL PRIMARY KEY,
     board_id TEXT NOT NULL,
     at BIGINT NOT NULL,
     actor_id TEXT NOT NULL,
     actor_name TEXT NOT NULL,
     kind TEXT NOT NULL,
     card_id TEXT,
     lane_id TEXT,
     data JSONB NOT NULL
   );
   CREATE INDEX board_activity_board ON board_activity (board_id, seq);
   CREATE INDEX board_activity_card ON board_activity (board_id, card_id, seq);`,
];

/**
 * BIGINT (seqs, millisecond timestamps, counts) is parsed as a JavaScript number: every value we store is far below
 * 2^53, and the stores' types promise numbers.
 */
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.INT8 && format !== "binary"
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** Options of `openPostgres`. */
export interface OpenPostgresOptions {
  /** Most connections the pool opens (pg's default is 10). */
  max?: number;
}

/**
 * Connects a pool to `url` and brings the schema up to date; several instances starting together apply each
 * migration once (they queue on an advisory lock). Rejects, with the pool closed, if the database is unreachable.
 */
export async function openPostgres(url: string, options: OpenPostgresOptions = {}): Promise<PgPool> {
  const pool = new pg.Pool({ connectionString: url, types, max: options.max ?? 10 });
  // An idle client losing its connection (e.g. PostgreSQL restarting) emits on the pool; the next query reconnects.
  pool.on("error", (error) => {
    process.emitWarning(`PostgreSQL idle client error: ${error.message}`);
  });
  try {
    await migratePostgres(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return pool;
}

/** Applies the migrations the database has not seen yet, each in its own transaction; refuses a newer schema. */
export async function migratePostgres(
  pool: PgPool,
  migrations: readonly string[] = PG_MIGRATIONS,
): Promise<void> {
  for (let index = 0; index <= migrations.length; index++) {
    const applied = await inTransaction(pool, async (client) => {
      await client.query("SELECT pg_advisory_xact_lock($1, 0)", [PgLock.migrations]);
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY,
        applied_at BIGINT NOT NULL
      )`);
      const { rows } = await client.query<{ version: number | null }>(
        "SELECT max(version) AS version FROM schema_migrations",
      );
      const found = rows[0]?.version ?? 0;
      if (found > migrations.length) {
        throw new Error(
          `database schema is at version ${found}, newer than this server's ${migrations.length}`,
        );
      }
      if (found >= migrations.length) return false;
      const version = found + 1;
      await client.query(migrations[found] as string);
      await client.query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)", [
        version,
        Date.now(),
      ]);
      return true;
    });
    if (!applied) return;
  }
}
