import type { Role } from "../../roles";
import type { InviteRecord, InviteStore } from "../InviteStore";
import type { PgPool } from "./postgres";

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

/** The InviteStore for several server instances: the `board_invites` table of a PostgreSQL database. */
export class PgInviteStore implements InviteStore {
  readonly #pool: PgPool;

  /** Uses `pool`, whose schema must be migrated. */
  constructor(pool: PgPool) {
    this.#pool = pool;
  }

  async create(invite: InviteRecord): Promise<void> {
    await this.#pool.query(`INSERT INTO board_invites (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      invite.id,
      invite.boardId,
      invite.tokenHash,
      invite.role,
      invite.createdBy,
      invite.createdAt,
      invite.expiresAt,
    ]);
  }

  async getByTokenHash(tokenHash: string): Promise<InviteRecord | undefined> {
    const { rows } = await this.#pool.query<InviteRow>(
      `SELECT ${COLUMNS} FROM board_invites WHERE token_hash = $1`,
      [tokenHash],
    );
    return rows[0] && toRecord(rows[0]);
  }

  async listByBoard(boardId: string): Promise<InviteRecord[]> {
    const { rows } = await this.#pool.query<InviteRow>(
      `SELECT ${COLUMNS} FROM board_invites WHERE board_id = $1 ORDER BY created_at DESC, id COLLATE "C"`,
      [boardId],
    );
    return rows.map(toRecord);
  }

  async remove(boardId: string, id: string): Promise<boolean> {
    const result = await this.#pool.query("DELETE FROM board_invites WHERE board_id = $1 AND id = $2", [
      boardId,
      id,
    ]);
    return (result.rowCount ?? 0) > 0;
  }

  async removeBoard(boardId: string): Promise<void> {
    await this.#pool.query("DELETE FROM board_invites WHERE board_id = $1", [boardId]);
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
