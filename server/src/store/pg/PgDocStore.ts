import * as Y from "yjs";
import type { DocStore, StoredDoc } from "../DocStore";
import { readStoredUpdate } from "../readStoredUpdate";
import { StoreClosedError } from "../StoreClosedError";
import { shouldCompact } from "../shouldCompact";
import { inTransaction } from "./inTransaction";
import { PgLock } from "./pgLocks";
import type { PgPool } from "./postgres";

interface DocRow {
  /** 0 for the snapshot, 1 for an update row. */
  kind: number;
  seq: number;
  data: unknown;
}

/**
 * The DocStore for several server instances: board documents in the `board_snapshots` and `board_updates` tables of a
 * PostgreSQL database (see `openPostgres`). Every instance appends to the same board; `seq` is a `bigserial`.
 *
 * A bigserial is handed out when an INSERT starts, not when it commits, so a reader may see seq 11 (committed) while
 * seq 10 (another instance, still committing) is invisible. Two rules follow, and make that harmless:
 * - `load` returns the snapshot and *every* update row still stored, not only rows past the snapshot's seq: a row that
 *   committed after a compaction read the table survives that compaction and must still be loaded;
 * - `compact` deletes exactly the rows it folded into the snapshot (by seq), never "everything <= uptoSeq".
 */
export class PgDocStore implements DocStore {
  readonly #pool: PgPool;
  #closed = false;

  /** Uses `pool`, whose schema must be migrated (see `openPostgres`); `close()` leaves the pool to its owner. */
  constructor(pool: PgPool) {
    this.#pool = pool;
  }

  async load(boardId: string): Promise<StoredDoc> {
    this.#assertOpen();
    // One statement, so one MVCC snapshot: a compaction committing meanwhile cannot hide rows from this read.
    const { rows } = await this.#pool.query<DocRow>(
      `SELECT 0 AS kind, upto_seq AS seq, state AS data FROM board_snapshots WHERE board_id = $1
       UNION ALL
       SELECT 1 AS kind, seq, data FROM board_updates WHERE board_id = $1
       ORDER BY kind, seq`,
      [boardId],
    );
    const updates: Uint8Array[] = [];
    let byteSize = 0;
    let lastSeq = 0;
    let updatesSinceSnapshot = 0;
    for (const row of rows) {
      const data = readStoredUpdate(row.data, boardId, row.kind === 0 ? "snapshot" : row.seq);
      updates.push(data);
      byteSize += data.byteLength;
      lastSeq = Math.max(lastSeq, row.seq);
      if (row.kind === 1) updatesSinceSnapshot++;
    }
    return { updates, lastSeq, byteSize, updatesSinceSnapshot };
  }

  async append(boardId: string, update: Uint8Array): Promise<number> {
    this.#assertOpen();
    const { rows } = await this.#pool.query<{ seq: number }>(
      "INSERT INTO board_updates (board_id, data) VALUES ($1, $2) RETURNING seq",
      [boardId, update],
    );
    return (rows[0] as { seq: number }).seq;
  }

  /**
   * Replaces the snapshot and deletes the updates it covers, under a transaction-level advisory lock on the board (an
   * instance that finds it taken skips: another is compacting the same board right now).
   *
   * The caller's `snapshot` is its own document's state, and with several instances that document may lack another
   * instance's latest updates (a pub/sub message still in flight or dropped), and even the content of a snapshot
   * another instance wrote since this one loaded. So under the lock this reads the stored snapshot and every visible
   * update with seq <= uptoSeq, applies them onto the caller's snapshot, and stores the result: the new snapshot
   * contains every update it replaces, whatever the caller had applied. When they add nothing (the single-instance
   * case), the caller's bytes are stored unchanged. Only the rows that were read are deleted (see the class comment).
   */
  async compact(boardId: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    this.#assertOpen();
    await inTransaction(this.#pool, async (client) => {
      const { rows: locked } = await client.query<{ locked: boolean }>(
        "SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS locked",
        [PgLock.document, boardId],
      );
      if (!locked[0]?.locked) return;
      const { rows: stored } = await client.query<{ state: unknown; upto_seq: number }>(
        "SELECT state, upto_seq FROM board_snapshots WHERE board_id = $1",
        [boardId],
      );
      const { rows: updates } = await client.query<{ seq: number; data: unknown }>(
        "SELECT seq, data FROM board_updates WHERE board_id = $1 ORDER BY seq",
        [boardId],
      );
      const snapshotSeq = stored[0]?.upto_seq ?? 0;
      const lastSeq = Math.max(snapshotSeq, updates.at(-1)?.seq ?? 0);
      if (!shouldCompact(boardId, uptoSeq, snapshotSeq, lastSeq)) return;
      const covered = updates.filter((row) => row.seq <= uptoSeq);
      const state = completeSnapshot(
        boardId,
        snapshot,
        stored[0] ? readStoredUpdate(stored[0].state, boardId, "snapshot") : undefined,
        covered.map((row) => readStoredUpdate(row.data, boardId, row.seq)),
      );
      await client.query(
        `INSERT INTO board_snapshots (board_id, state, upto_seq) VALUES ($1, $2, $3)
         ON CONFLICT (board_id) DO UPDATE SET state = excluded.state, upto_seq = excluded.upto_seq`,
        [boardId, state, uptoSeq],
      );
      await client.query("DELETE FROM board_updates WHERE board_id = $1 AND seq = ANY($2::bigint[])", [
        boardId,
        covered.map((row) => row.seq),
      ]);
    });
  }

  async remove(boardId: string): Promise<void> {
    this.#assertOpen();
    await inTransaction(this.#pool, async (client) => {
      // Waits for a compaction in progress, so it cannot write the snapshot back after the board is gone.
      await client.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [PgLock.document, boardId]);
      await client.query("DELETE FROM board_updates WHERE board_id = $1", [boardId]);
      await client.query("DELETE FROM board_snapshots WHERE board_id = $1", [boardId]);
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  #assertOpen(): void {
    if (this.#closed) throw new StoreClosedError("PgDocStore");
  }
}

/** The caller's snapshot, or, when the stored snapshot or the covered rows hold something it lacks, their union. */
function completeSnapshot(
  boardId: string,
  snapshot: Uint8Array,
  storedSnapshot: Uint8Array | undefined,
  covered: Uint8Array[],
): Uint8Array {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, snapshot);
    const before = Y.snapshot(doc);
    doc.transact(() => {
      if (storedSnapshot) Y.applyUpdate(doc, storedSnapshot);
      for (const update of covered) Y.applyUpdate(doc, update);
    });
    if (Y.equalSnapshots(before, Y.snapshot(doc))) return snapshot;
    return Y.encodeStateAsUpdate(doc);
  } catch (error) {
    throw new Error(`compaction of board ${boardId} could not merge the stored updates`, { cause: error });
  } finally {
    doc.destroy();
  }
}
