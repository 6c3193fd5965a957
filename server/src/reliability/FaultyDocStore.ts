import type { DocStore, StoredDoc } from "../store";

/** An error shaped like better-sqlite3's (`code` set), e.g. SQLITE_FULL (disk full) or SQLITE_BUSY (locked). */
export class InjectedStoreError extends Error {
  override readonly name = "SqliteError";
  constructor(readonly code: "SQLITE_FULL" | "SQLITE_BUSY" | "SQLITE_IOERR") {
    super(code === "SQLITE_FULL" ? "database or disk is full" : `injected ${code}`);
  }
}

/**
 * A DocStore wrapper for fault injection: while `failAppends` is set, every `append` (and `compact`) throws that
 * error instead of writing; `loadFailure` does the same for `load`. Everything else passes through to `inner`.
 */
export class FaultyDocStore implements DocStore {
  failAppends: InjectedStoreError | null = null;
  loadFailure: InjectedStoreError | null = null;
  /** Appends refused so far. */
  refusedAppends = 0;
  /** Appends that reached the inner store. */
  storedAppends = 0;

  constructor(readonly inner: DocStore) {}

  load(boardId: string): Promise<StoredDoc> {
    if (this.loadFailure) return Promise.reject(this.loadFailure);
    return this.inner.load(boardId);
  }
  async append(boardId: string, update: Uint8Array): Promise<number> {
    if (this.failAppends) {
      this.refusedAppends++;
      throw this.failAppends;
    }
    const seq = await this.inner.append(boardId, update);
    this.storedAppends++;
    return seq;
  }
  compact(boardId: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    if (this.failAppends) return Promise.reject(this.failAppends);
    return this.inner.compact(boardId, snapshot, uptoSeq);
  }
  remove(boardId: string): Promise<void> {
    return this.inner.remove(boardId);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}
