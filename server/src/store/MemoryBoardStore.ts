import type { BoardRecord, BoardStore } from "./BoardStore";

/** The in-memory BoardStore twin for unit tests. */
export class MemoryBoardStore implements BoardStore {
  readonly #boards = new Map<string, BoardRecord>();

  async create(record: BoardRecord): Promise<void> {
    if (this.#boards.has(record.id)) throw new Error(`board ${record.id} already exists`);
    this.#boards.set(record.id, { ...record });
  }

  async get(id: string): Promise<BoardRecord | undefined> {
    const record = this.#boards.get(id);
    return record && { ...record };
  }

  async list(): Promise<BoardRecord[]> {
    return [...this.#boards.values()]
      .map((record) => ({ ...record }))
      .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async rename(id: string, title: string): Promise<boolean> {
    const record = this.#boards.get(id);
    if (!record) return false;
    record.title = title;
    return true;
  }

  async remove(id: string): Promise<boolean> {
    return this.#boards.delete(id);
  }
}
