/** A board's record: what lists and titles show, apart from its Yjs document. */
export interface BoardRecord {
  id: string;
  title: string;
  /** Milliseconds since the Unix epoch. */
  createdAt: number;
}

/** Where board records live. Every method may throw. */
export interface BoardStore {
  /** Stores a new board; rejects if a board with this id exists. */
  create(record: BoardRecord): Promise<void>;
  /** The board with this id, or undefined if there is none. */
  get(id: string): Promise<BoardRecord | undefined>;
  /** Every board, newest `createdAt` first (ties by id, ascending). */
  list(): Promise<BoardRecord[]>;
  /** Changes a board's title; false if there is no such board. */
  rename(id: string, title: string): Promise<boolean>;
  /** Deletes a board's record (not its document: see DocStore.remove); false if there was none. */
  remove(id: string): Promise<boolean>;
}
