export type { BoardRecord, BoardStore } from "./BoardStore";
export type { DocStore, StoredDoc } from "./DocStore";
export type { InviteRecord, InviteStore } from "./InviteStore";
export type { MemberChange, MemberRecord, MemberStore } from "./MemberStore";
export { MemoryBoardStore } from "./MemoryBoardStore";
export { MemoryDocStore } from "./MemoryDocStore";
export { MemoryInviteStore } from "./MemoryInviteStore";
export { MemoryMemberStore } from "./MemoryMemberStore";
export { MemorySessionStore } from "./MemorySessionStore";
export { MemoryUserStore } from "./MemoryUserStore";
export { MemoryVoteStore } from "./MemoryVoteStore";
export { PgBoardStore } from "./pg/PgBoardStore";
export { PgDocStore } from "./pg/PgDocStore";
export { PgInviteStore } from "./pg/PgInviteStore";
export { PgMemberStore } from "./pg/PgMemberStore";
export { PgSessionStore } from "./pg/PgSessionStore";
export { PgUserStore } from "./pg/PgUserStore";
export { PgVoteStore } from "./pg/PgVoteStore";
export { migratePostgres, openPostgres, PG_MIGRATIONS, type PgPool } from "./pg/postgres";
export type { SessionRecord, SessionStore } from "./SessionStore";
export { SqliteBoardStore } from "./SqliteBoardStore";
export { SqliteDocStore } from "./SqliteDocStore";
export { SqliteInviteStore } from "./SqliteInviteStore";
export { SqliteMemberStore } from "./SqliteMemberStore";
export { SqliteSessionStore } from "./SqliteSessionStore";
export { SqliteUserStore } from "./SqliteUserStore";
export { SqliteVoteStore } from "./SqliteVoteStore";
export { StoreClosedError } from "./StoreClosedError";
export { StoreCorruptError } from "./StoreCorruptError";
export {
  migrateSqlite,
  openSqlite,
  SQLITE_BUSY_TIMEOUT_MS,
  SQLITE_MIGRATIONS,
  type SqliteDatabase,
} from "./sqlite";
export { EmailTakenError, type UserRecord, type UserStore } from "./UserStore";
export type { BallotRecord, CastResult, RoundRecord, VoteStore } from "./VoteStore";
