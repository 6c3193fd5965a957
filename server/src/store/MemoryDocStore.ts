import type { DocStore, StoredDoc } from "./DocStore";
import { StoreClosedError } from "./StoreClosedError";
import { shouldCompact } from "./shouldCompact";

interface MemoryBoard {
  snapshot?: { state: Uint8Array; uptoSeq: number };
  updates: { seq: number; data: Uint8Array }[];
}

/** The in-memory DocStore twin for unit tests: same contract as SQLite, nothing survives the process. */
export class MemoryDocStore implements DocStore {
  readonly #boards = new Map<string, MemoryBoard>();
  /** One counter for every board, like SQLite's AUTOINCREMENT: a seq is never reused, even after `remove`. */
  #seq = 0;
  #closed = false;

  async load(boardId: string): Promise<StoredDoc> {
    this.#assertOpen();
    const board = this.#boards.get(boardId);
    const updates: Uint8Array[] = [];
    if (board?.snapshot) updates.push(board.snapshot.state.slice());
    for (const update of board?.updates ?? []) updates.push(update.data.slice());
    return {
      updates,
      lastSeq: board ? lastSeqOf(board) : 0,
      byteSize: updates.reduce((sum, update) => sum + update.byteLength, 0),
      updatesSinceSnapshot: board?.updates.length ?? 0,
    };
  }

  async append(boardId: string, update: Uint8Array): Promise<number> {
    this.#assertOpen();
    const seq = ++this.#seq;
    this.#board(boardId).updates.push({ seq, data: update.slice() });
    return seq;
  }

  async compact(boardId: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    this.#assertOpen();
    const board = this.#boards.get(boardId) ?? { updates: [] };
    if (!shouldCompact(boardId, uptoSeq, board.snapshot?.uptoSeq ?? 0, lastSeqOf(board))) return;
    this.#boards.set(boardId, board);
    board.snapshot = { state: snapshot.slice(), uptoSeq };
    board.updates = board.updates.filter((update) => update.seq > uptoSeq);
  }

  async remove(boardId: string): Promise<void> {
    this.#assertOpen();
    this.#boards.delete(boardId);
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  #board(boardId: string): MemoryBoard {
    let board = this.#boards.get(boardId);
    if (!board) {
      board = { updates: [] };
      this.#boards.set(boardId, board);
    }
    return board;
  }

  #assertOpen(): void {
    if (this.#closed) throw new StoreClosedError("MemoryDocStore");
  }
}

function lastSeqOf(board: MemoryBoard): number {
  return board.updates.at(-1)?.seq ?? board.snapshot?.uptoSeq ?? 0;
}
