import type { Statement } from "better-sqlite3";
import type { DocStore, StoredDoc } from "./DocStore";
import { readStoredUpdate } from "./readStoredUpdate";
import { StoreClosedError } from "./StoreClosedError";
import { shouldCompact } from "./shouldCompact";
import type { SqliteDatabase } from "./sqlite";

interface SnapshotRow {
  state: unknown;
  upto_seq: number;
}

interface UpdateRow {
  seq: number;
  data: unknown;
}

/**
 * Appends after which the WAL is checkpointed (an append writes ~3 pages, so this is about SQLite's own default of
 * 1,000 pages).
 */
export const CHECKPOINT_EVERY_APPENDS = 300;

/**
 * The embedded DocStore: board documents in the `board_snapshots` and `board_updates` tables of a database
 * opened with `openSqlite` (whose WAL settings make each `append` survive a kill -9 once it resolves).
 * It shares the connection with other stores, so `close()` leaves the connection to whoever opened it.
 */
export class SqliteDocStore implements DocStore {
  readonly #db: SqliteDatabase;
  readonly #selectSnapshot: Statement<[string], SnapshotRow>;
  readonly #selectUpdatesAfter: Statement<[string, number], UpdateRow>;
  readonly #selectSnapshotSeq: Statement<[string], { upto_seq: number }>;
  readonly #selectLastSeq: Statement<[string], { seq: number | null }>;
  readonly #insertUpdate: Statement<[string, Uint8Array]>;
  readonly #upsertSnapshot: Statement<[string, Uint8Array, number]>;
  readonly #deleteUpdatesUpto: Statement<[string, number]>;
  readonly #deleteUpdates: Statement<[string]>;
  readonly #deleteSnapshot: Statement<[string]>;
  #closed = false;
  #appendsSinceCheckpoint = 0;
  #checkpointScheduled = false;

  /** Prepares every statement once against `db`, whose schema must be migrated (see `openSqlite`). */
  constructor(db: SqliteDatabase) {
    this.#db = db;
    this.#selectSnapshot = db.prepare("SELECT state, upto_seq FROM board_snapshots WHERE board_id = ?");
    this.#selectUpdatesAfter = db.prepare(
      "SELECT seq, data FROM board_updates WHERE board_id = ? AND seq > ? ORDER BY seq",
    );
    this.#selectSnapshotSeq = db.prepare("SELECT upto_seq FROM board_snapshots WHERE board_id = ?");
    this.#selectLastSeq = db.prepare("SELECT max(seq) AS seq FROM board_updates WHERE board_id = ?");
    this.#insertUpdate = db.prepare("INSERT INTO board_updates (board_id, data) VALUES (?, ?)");
    this.#upsertSnapshot = db.prepare(
      `INSERT INTO board_snapshots (board_id, state, upto_seq) VALUES (?, ?, ?)
       ON CONFLICT (board_id) DO UPDATE SET state = excluded.state, upto_seq = excluded.upto_seq`,
    );
    this.#deleteUpdatesUpto = db.prepare("DELETE FROM board_updates WHERE board_id = ? AND seq <= ?");
    this.#deleteUpdates = db.prepare("DELETE FROM board_updates WHERE board_id = ?");
    this.#deleteSnapshot = db.prepare("DELETE FROM board_snapshots WHERE board_id = ?");
  }

  async load(boardId: string): Promise<StoredDoc> {
    this.#assertOpen();
    // One read transaction, so another process compacting between the two reads cannot hide rows.
    const { snapshot, rows } = this.#db.transaction(() => {
      const snapshot = this.#selectSnapshot.get(boardId);
      return { snapshot, rows: this.#selectUpdatesAfter.all(boardId, snapshot?.upto_seq ?? 0) };
    })();
    const updates: Uint8Array[] = [];
    let byteSize = 0;
    if (snapshot) {
      const state = readStoredUpdate(snapshot.state, boardId, "snapshot");
      updates.push(state);
      byteSize += state.byteLength;
    }
    for (const row of rows) {
      const data = readStoredUpdate(row.data, boardId, row.seq);
      updates.push(data);
      byteSize += data.byteLength;
    }
    const lastSeq = rows.at(-1)?.seq ?? snapshot?.upto_seq ?? 0;
    return { updates, lastSeq, byteSize, updatesSinceSnapshot: rows.length };
  }

  async append(boardId: string, update: Uint8Array): Promise<number> {
    this.#assertOpen();
    const seq = Number(this.#insertUpdate.run(boardId, update).lastInsertRowid);
    if (++this.#appendsSinceCheckpoint >= CHECKPOINT_EVERY_APPENDS) this.#scheduleCheckpoint();
    return seq;
  }

  /**
   * Moves the WAL into the database file on a later turn of the event loop: the caller broadcasts the appended update
   * as soon as this append resolves (a microtask), so the checkpoint's fsyncs never stand between an update and its
   * observers. PASSIVE never waits for readers; whatever it cannot move now goes with the next one.
   */
  #scheduleCheckpoint(): void {
    if (this.#checkpointScheduled) return;
    this.#checkpointScheduled = true;
    setImmediate(() => {
      this.#checkpointScheduled = false;
      if (this.#closed || !this.#db.open) return;
      this.#appendsSinceCheckpoint = 0;
      try {
        this.#db.pragma("wal_checkpoint(PASSIVE)");
      } catch {
        // Best effort, as SQLite treats its own automatic checkpoints: the updates are already safe in the WAL, the next
        // checkpoint (or SQLite's backstop) catches up, and a failing disk fails the next append, which the room reports
        // and retries. Throwing here would only take the process down from a timer.
      }
    });
  }

  async compact(boardId: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    this.#assertOpen();
    this.#db
      .transaction(() => {
        const snapshotSeq = this.#selectSnapshotSeq.get(boardId)?.upto_seq ?? 0;
        const lastSeq = Math.max(snapshotSeq, this.#selectLastSeq.get(boardId)?.seq ?? 0);
        if (!shouldCompact(boardId, uptoSeq, snapshotSeq, lastSeq)) return;
        this.#upsertSnapshot.run(boardId, snapshot, uptoSeq);
        this.#deleteUpdatesUpto.run(boardId, uptoSeq);
      })
      .immediate();
  }

  async remove(boardId: string): Promise<void> {
    this.#assertOpen();
    this.#db.transaction(() => {
      this.#deleteUpdates.run(boardId);
      this.#deleteSnapshot.run(boardId);
    })();
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  #assertOpen(): void {
    if (this.#closed) throw new StoreClosedError("SqliteDocStore");
  }
}
