import type { Statement } from "better-sqlite3";
import type { Role } from "../roles";
import type { InviteRecord, InviteStore } from "./InviteStore";
import type { SqliteDatabase } from "./sqlite";

interface InviteRow {
  id: string;
  board_id: string;
  token_hash: string;
  role: Role;
  created_by: string;
  created_at: number;
  expires_at: number;
}

const COLUMNS = "id, board_id, token_hash, role, created_by, created_at, expires_at";

/** The embedded InviteStore: the `board_invites` table of a database opened with `openSqlite`. */
export class SqliteInviteStore implements InviteStore {
  readonly #insert: Statement<[string, string, string, Role, string, number, number]>;
  readonly #selectByToken: Statement<[string], InviteRow>;
  readonly #selectByBoard: Statement<[string], InviteRow>;
  readonly #delete: Statement<[string, string]>;
  readonly #deleteBoard: Statement<[string]>;

  /** Prepares every statement once against `db`, whose schema must be migrated (see `openSqlite`). */
  constructor(db: SqliteDatabase) {
    this.#insert = db.prepare(`INSERT INTO board_invites (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    this.#selectByToken = db.prepare(`SELECT ${COLUMNS} FROM board_invites WHERE token_hash = ?`);
    this.#selectByBoard = db.prepare(
      `SELECT ${COLUMNS} FROM board_invites WHERE board_id = ? ORDER BY created_at DESC, id`,
    );
    this.#delete = db.prepare("DELETE FROM board_invites WHERE board_id = ? AND id = ?");
    this.#deleteBoard = db.prepare("DELETE FROM board_invites WHERE board_id = ?");
  }

  async create(invite: InviteRecord): Promise<void> {
    this.#insert.run(
      invite.id,
      invite.boardId,
      invite.tokenHash,
      invite.role,
      invite.createdBy,
      invite.createdAt,
      invite.expiresAt,
    );
  }

  async getByTokenHash(tokenHash: string): Promise<InviteRecord | undefined> {
    const row = this.#selectByToken.get(tokenHash);
    return row && toRecord(row);
  }

  async listByBoard(boardId: string): Promise<InviteRecord[]> {
    return this.#selectByBoard.all(boardId).map(toRecord);
  }

  async remove(boardId: string, id: string): Promise<boolean> {
    return this.#delete.run(boardId, id).changes > 0;
  }

  async removeBoard(boardId: string): Promise<void> {
    this.#deleteBoard.run(boardId);
  }
}

function toRecord(row: InviteRow): InviteRecord {
  return {
    id: row.id,
    boardId: row.board_id,
    tokenHash: row.token_hash,
    role: row.role,
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}
