import type { ActivityEntry, ActivityPage, ActivityStore, StoredActivity } from "./ActivityStore";

/** The in-memory ActivityStore, for tests and the app without a database. */
export class MemoryActivityStore implements ActivityStore {
  #entries: StoredActivity[] = [];
  #seq = 0;

  async append(entries: readonly ActivityEntry[]): Promise<void> {
    for (const entry of entries) this.#entries.push({ ...entry, seq: ++this.#seq });
  }

  async listByBoard(boardId: string, page: ActivityPage): Promise<StoredActivity[]> {
    return this.#page((entry) => entry.boardId === boardId, page);
  }

  async listByCard(boardId: string, cardId: string, page: ActivityPage): Promise<StoredActivity[]> {
    return this.#page((entry) => entry.boardId === boardId && entry.cardId === cardId, page);
  }

  async removeBoard(boardId: string): Promise<void> {
    this.#entries = this.#entries.filter((entry) => entry.boardId !== boardId);
  }

  #page(match: (entry: StoredActivity) => boolean, { before, limit }: ActivityPage): StoredActivity[] {
    const result: StoredActivity[] = [];
    for (let i = this.#entries.length - 1; i >= 0 && result.length < limit; i--) {
      const entry = this.#entries[i] as StoredActivity;
      if ((before === undefined || entry.seq < before) && match(entry)) result.push(entry);
    }
    return result;
  }
}
