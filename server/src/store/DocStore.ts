/** A board's stored Yjs state: an optional snapshot followed by the updates appended after it, oldest first. */
export interface StoredDoc {
  updates: Uint8Array[];
  lastSeq: number;
  byteSize: number;
  updatesSinceSnapshot: number;
}

/** Where board documents live. Every method may throw; callers retry and never write a doc that failed to load. */
export interface DocStore {
  /** Everything stored for a board (empty `updates` for a new board). Throws StoreCorruptError if rows are unreadable. */
  load(boardId: string): Promise<StoredDoc>;
  /** Appends one update durably (committed before the promise resolves) and returns its sequence number. */
  append(boardId: string, update: Uint8Array): Promise<number>;
  /** Replaces the snapshot with `snapshot` and deletes every update with seq <= uptoSeq, atomically. */
  compact(boardId: string, snapshot: Uint8Array, uptoSeq: number): Promise<void>;
  /** Deletes everything stored for a board. */
  remove(boardId: string): Promise<void>;
  /** Stops the store; later calls reject. A store built on a shared connection leaves the connection open. */
  close(): Promise<void>;
}
