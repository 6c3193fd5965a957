import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";

/** An open better-sqlite3 connection, shared by every SQLite store built on the same file. */
export type SqliteDatabase = Database.Database;

/**
 * The schema, one SQL script per version, applied in order and never edited once released:
 * a later change is a new entry at the end.
 */
export const SQLITE_MIGRATIONS: readonly string[] = [
  // 1: board documents (a snapshot per board plus the updates appended after it).
  `CREATE TABLE board_snapshots (
     board_id TEXT PRIMARY KEY,
     state BLOB NOT NULL,
     upto_seq INTEGER NOT NULL
   );
   CREATE TABLE board_updates (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     board_id TEXT NOT NULL,
     data BLOB NOT NULL
   );
   CREATE INDEX board_updates_board_seq ON board_updates (board_id, seq);`,
  // 2: board records.
  `CREATE TABLE boards (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE INDEX boards_created_at ON boards (created_at);`,
  // 3: accounts, sessions (by the hash of their id), board members and invitations (by the hash of their token).
  `CREATE TABLE users (
     id TEXT PRIMARY KEY,
     email TEXT NOT NULL UNIQUE,
     name TEXT NOT NULL,
     password_hash TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE sessions (
     id_hash TEXT PRIMARY KEY,
     user_id TEXT NOT NULL,
     expires_at INTEGER NOT NULL
   );
   CREATE INDEX sessions_user ON sessions (user_id);
   CREATE INDEX sessions_expires_at ON sessions (expires_at);
   CREATE TABLE board_members (
     board_id TEXT NOT NULL,
     user_id TEXT NOT NULL,
     role TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
     joined_at INTEGER NOT NULL,
     PRIMARY KEY (board_id, user_id)
   );
   CREATE INDEX board_members_user ON board_members (user_id);
   CREATE TABLE board_invites (
     id TEXT PRIMARY KEY,
     board_id TEXT NOT NULL,
     token_hash TEXT NOT NULL UNIQUE,
     role TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
     created_by TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL
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
     created_at INTEGER NOT NULL,
     ended_at INTEGER,
     results TEXT
   );
   CREATE INDEX vote_rounds_board ON vote_rounds (board_id, status);
   CREATE TABLE vote_ballots (
     round_id TEXT NOT NULL REFERENCES vote_rounds (id) ON DELETE CASCADE,
     user_id TEXT NOT NULL,
     card_id TEXT NOT NULL,
     value TEXT NOT NULL,
     cast_at INTEGER NOT NULL,
     PRIMARY KEY (round_id, user_id, card_id)
   );`,
  // 5: who changed what on a board, and when (activity), read newest first by board or by card.
  `CREATE TABLE board_activity (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     board_id TEXT NOT NULL,
     at INTEGER NOT NULL,
     actor_id TEXT NOT NULL,
     actor_name TEXT NOT NULL,
     kind TEXT NOT NULL,
     card_id TEXT,
     lane_id TEXT,
     data TEXT NOT NULL
   );
   CREATE INDEX board_activity_board ON board_activity (board_id, seq);
   CREATE INDEX board_activity_card ON board_activity (board_id, card_id, seq);`,
];

/**
 * How long a statement waits for another connection's write lock before failing with SQLITE_BUSY. Short on purpose:
 * better-sqlite3 waits on the event loop, so a foreign process holding the lock would otherwise stall every board,
 * REST call and ping on this server for the whole wait. The server is the file's only writer; a busy append fails
 * fast, the room keeps the update, tells its clients "not saved yet" and retries with backoff, and a busy REST call
 * answers 503 with Retry-After.
 */
export const SQLITE_BUSY_TIMEOUT_MS = 50;

/**
 * SQLite's automatic WAL checkpoint, kept only as a backstop (~40 MiB of WAL). Left at its default of 1,000 pages it
 * runs inside the commit that crosses the threshold, so every few hundred appends one board update waited ~5 ms (two
 * fsyncs) before its broadcast. `SqliteDocStore` checkpoints far sooner, on a later turn of the event loop, after the
 * update has gone out; this backstop catches a WAL that grows from other writes alone.
 */
export const WAL_AUTOCHECKPOINT_BACKSTOP_PAGES = 10_000;

/**
 * Opens (creating it and its directory if needed) the database `file`, or an in-memory one for
 * ':memory:', sets the pragmas and brings the schema up to date.
 *
 * WAL with `synchronous=NORMAL`: a transaction is in the WAL file (the OS page cache) when
 * `commit` returns, so it survives the process being killed (even with SIGKILL); only an OS crash
 * or power loss can drop the last commits before a checkpoint, which the single-machine default
 * accepts in exchange for no fsync per write.
 */
export function openSqlite(file: string): SqliteDatabase {
  const inMemory = file === ":memory:" || file === "";
  if (!inMemory) mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_BACKSTOP_PAGES}`);
    db.pragma("foreign_keys = ON");
    migrateSqlite(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** Applies the migrations `db` has not seen yet, each in its own transaction; refuses a schema newer than this code. */
export function migrateSqlite(db: SqliteDatabase, migrations: readonly string[] = SQLITE_MIGRATIONS): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    applied_at INTEGER NOT NULL
  )`);
  const currentVersion = db.prepare<[], { version: number | null }>(
    "SELECT max(version) AS version FROM schema_migrations",
  );
  const record = db.prepare<[number, number]>(
    "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
  );
  const found = currentVersion.get()?.version ?? 0;
  if (found > migrations.length) {
    throw new Error(`database schema is at version ${found}, newer than this server's ${migrations.length}`);
  }
  for (let index = 0; index < migrations.length; index++) {
    const version = index + 1;
    const sql = migrations[index] as string;
    // IMMEDIATE takes the write lock first, so two processes opening the file together apply each step once.
    db.transaction(() => {
      if ((currentVersion.get()?.version ?? 0) >= version) return;
      db.exec(sql);
      record.run(version, Date.now());
    }).immediate();
  }
}
