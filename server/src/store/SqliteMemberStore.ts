import type { Statement } from "better-sqlite3";
import { higherRole, type Role } from "../roles";
import type { MemberChange, MemberRecord, MemberStore } from "./MemberStore";
import type { SqliteDatabase } from "./sqlite";

interface MemberRow {
  board_id: string;
  user_id: string;
  role: Role;
  joined_at: number;
}

const COLUMNS = "board_id, user_id, role, joined_at";
/** Owners first, then editors, then viewers. */
const ROLE_ORDER = "CASE role WHEN 'owner' THEN 0 WHEN 'editor' THEN 1 ELSE 2 END";

/** The embedded MemberStore: the `board_members` table of a database opened with `openSqlite`. */
export class SqliteMemberStore implements MemberStore {
  readonly #db: SqliteDatabase;
  readonly #insert: Statement<[string, string, Role, number]>;
  readonly #updateRole: Statement<[Role, string, string]>;
  readonly #select: Statement<[string, string], MemberRow>;
  readonly #selectByBoard: Statement<[string], MemberRow>;
  readonly #selectByUser: Statement<[string], MemberRow>;
  readonly #countOwners: Statement<[string], { n: number }>;
  readonly #delete: Statement<[string, string]>;
  readonly #deleteBoard: Statement<[string]>;

  /** Prepares every statement once against `db`, whose schema must be migrated (see `openSqlite`). */
  constructor(db: SqliteDatabase) {
    this.#db = db;
    this.#insert = db.prepare(`INSERT INTO board_members (${COLUMNS}) VALUES (?, ?, ?, ?)`);
    this.#updateRole = db.prepare("UPDATE board_members SET role = ? WHERE board_id = ? AND user_id = ?");
    this.#select = db.prepare(`SELECT ${COLUMNS} FROM board_members WHERE board_id = ? AND user_id = ?`);
    this.#selectByBoard = db.prepare(
      `SELECT ${COLUMNS} FROM board_members WHERE board_id = ? ORDER BY ${ROLE_ORDER}, joined_at, user_id`,
    );
    this.#selectByUser = db.prepare(
      `SELECT ${COLUMNS} FROM board_members WHERE user_id = ? ORDER BY joined_at DESC, board_id`,
    );
    this.#countOwners = db.prepare(
      "SELECT count(*) AS n FROM board_members WHERE board_id = ? AND role = 'owner'",
    );
    this.#delete = db.prepare("DELETE FROM board_members WHERE board_id = ? AND user_id = ?");
    this.#deleteBoard = db.prepare("DELETE FROM board_members WHERE board_id = ?");
  }

  async join(member: MemberRecord): Promise<Role> {
    return this.#db
      .transaction((): Role => {
        const existing = this.#select.get(member.boardId, member.userId);
        if (!existing) {
          this.#insert.run(member.boardId, member.userId, member.role, member.joinedAt);
          return member.role;
        }
        const role = higherRole(existing.role, member.role);
        if (role !== existing.role) this.#updateRole.run(role, member.boardId, member.userId);
        return role;
      })
      .immediate();
  }

  async get(boardId: string, userId: string): Promise<MemberRecord | undefined> {
    const row = this.#select.get(boardId, userId);
    return row && toRecord(row);
  }

  async listByBoard(boardId: string): Promise<MemberRecord[]> {
    return this.#selectByBoard.all(boardId).map(toRecord);
  }

  async listByUser(userId: string): Promise<MemberRecord[]> {
    return this.#selectByUser.all(userId).map(toRecord);
  }

  async setRole(boardId: string, userId: string, role: Role): Promise<MemberChange> {
    return this.#db
      .transaction((): MemberChange => {
        const existing = this.#select.get(boardId, userId);
        if (!existing) return "not_member";
        if (this.#isLastOwner(existing) && role !== "owner") return "last_owner";
        this.#updateRole.run(role, boardId, userId);
        return "ok";
      })
      .immediate();
  }

  async remove(boardId: string, userId: string): Promise<MemberChange> {
    return this.#db
      .transaction((): MemberChange => {
        const existing = this.#select.get(boardId, userId);
        if (!existing) return "not_member";
        if (this.#isLastOwner(existing)) return "last_owner";
        this.#delete.run(boardId, userId);
        return "ok";
      })
      .immediate();
  }

  async removeBoard(boardId: string): Promise<void> {
    this.#deleteBoard.run(boardId);
  }

  #isLastOwner(row: MemberRow): boolean {
    return row.role === "owner" && (this.#countOwners.get(row.board_id)?.n ?? 0) <= 1;
  }
}

function toRecord(row: MemberRow): MemberRecord {
  return { boardId: row.board_id, userId: row.user_id, role: row.role, joinedAt: row.joined_at };
}
