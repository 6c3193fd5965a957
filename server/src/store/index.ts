export type { BoardRecord, BoardStore } from "./BoardStore";
export type { DocStore, StoredDoc } from "./DocStore";
export { MemoryBoardStore } from "./MemoryBoardStore";
export { MemoryDocStore } from "./MemoryDocStore";
export { SqliteBoardStore } from "./SqliteBoardStore";
export { SqliteDocStore } from "./SqliteDocStore";
export { StoreClosedError } from "./StoreClosedError";
export { StoreCorruptError } from "./StoreCorruptError";
export {
  migrateSqlite,
  openSqlite,
  SQLITE_BUSY_TIMEOUT_MS,
  SQLITE_MIGRATIONS,
  type SqliteDatabase,
} from "./sqlite";
