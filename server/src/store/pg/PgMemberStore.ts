import type pg from "pg";
import { higherRole, type Role } from "../../roles";
import type { MemberChange, MemberRecord, MemberStore } from "../MemberStore";
import { inTransaction } from "./inTransaction";
import { PgLock } from "./pgLocks";
import type { PgPool } from "./postgres";

interface MemberRow {
  board_id: string;
  user_id: string;
  role: Role;
  joined_at: number;
}

const COLUMNS = "board_id, user_id, role, joined_at";
/** Owners first, then editors, then viewers. */
const ROLE_ORDER = "CASE role WHEN 'owner' THEN 0 WHEN 'editor' THEN 1 ELSE 2 END";

/**
 * The MemberStore for several server instances: the `board_members` table of a PostgreSQL database. Every change to
 * one board's members runs under a transaction-level advisory lock on that board, so the last-owner rule (read, then
 * write) holds across instances: two owners demoting themselves at once cannot both succeed.
 */
export class PgMemberStore implements MemberStore {
  readonly #pool: PgPool;

  /** Uses `pool`, whose schema must be migrated. */
  constructor(pool: PgPool) {
    this.#pool = pool;
  }

  async join(member: MemberRecord): Promise<Role> {
    return this.#locked(member.boardId, async (client) => {
      const existing = await select(client, member.boardId, member.userId);
      if (!existing) {
        await client.query(`INSERT INTO board_members (${COLUMNS}) VALUES ($1, $2, $3, $4)`, [
          member.boardId,
          member.userId,
          member.role,
          member.joinedAt,
        ]);
        return member.role;
      }
      const role = higherRole(existing.role, member.role);
      if (role !== existing.role) await updateRole(client, member.boardId, member.userId, role);
      return role;
    });
  }

  async get(boardId: string, userId: string): Promise<MemberRecord | undefined> {
    const row = await select(this.#pool, boardId, userId);
    return row && toRecord(row);
  }

  async listByBoard(boardId: string): Promise<MemberRecord[]> {
    const { rows } = await this.#pool.query<MemberRow>(
      `SELECT ${COLUMNS} FROM board_members WHERE board_id = $1
       ORDER BY ${ROLE_ORDER}, joined_at, user_id COLLATE "C"`,
      [boardId],
    );
    return rows.map(toRecord);
  }

  async listByUser(userId: string): Promise<MemberRecord[]> {
    const { rows } = await this.#pool.query<MemberRow>(
      `SELECT ${COLUMNS} FROM board_members WHERE user_id = $1 ORDER BY joined_at DESC, board_id COLLATE "C"`,
      [userId],
    );
    return rows.map(toRecord);
  }

  async setRole(boardId: string, userId: string, role: Role): Promise<MemberChange> {
    return this.#locked(boardId, async (client): Promise<MemberChange> => {
      const existing = await select(client, boardId, userId);
      if (!existing) return "not_member";
      if (role !== "owner" && (await isLastOwner(client, existing))) return "last_owner";
      await updateRole(client, boardId, userId, role);
      return "ok";
    });
  }

  async remove(boardId: string, userId: string): Promise<MemberChange> {
    return this.#locked(boardId, async (client): Promise<MemberChange> => {
      const existing = await select(client, boardId, userId);
      if (!existing) return "not_member";
      if (await isLastOwner(client, existing)) return "last_owner";
      await client.query("DELETE FROM board_members WHERE board_id = $1 AND user_id = $2", [boardId, userId]);
      return "ok";
    });
  }

  async removeBoard(boardId: string): Promise<void> {
    await this.#pool.query("DELETE FROM board_members WHERE board_id = $1", [boardId]);
  }

  #locked<T>(boardId: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.#pool, async (client) => {
      await client.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [PgLock.members, boardId]);
      return work(client);
    });
  }
}

async function select(
  db: pg.Pool | pg.PoolClient,
  boardId: string,
  userId: string,
): Promise<MemberRow | undefined> {
  const { rows } = await db.query<MemberRow>(
    `SELECT ${COLUMNS} FROM board_members WHERE board_id = $1 AND user_id = $2`,
    [boardId, userId],
  );
  return rows[0];
}

async function updateRole(client: pg.PoolClient, boardId: string, userId: string, role: Role): Promise<void> {
  await client.query("UPDATE board_members SET role = $1 WHERE board_id = $2 AND user_id = $3", [
    role,
    boardId,
    userId,
  ]);
}

async function isLastOwner(client: pg.PoolClient, row: MemberRow): Promise<boolean> {
  if (row.role !== "owner") return false;
  const { rows } = await client.query<{ n: number }>(
    "SELECT count(*) AS n FROM board_members WHERE board_id = $1 AND role = 'owner'",
    [row.board_id],
  );
  return (rows[0]?.n ?? 0) <= 1;
}

function toRecord(row: MemberRow): MemberRecord {
  return { boardId: row.board_id, userId: row.user_id, role: row.role, joinedAt: row.joined_at };
}
