import { higherRole, ROLES, type Role } from "../roles";
import type { MemberChange, MemberRecord, MemberStore } from "./MemberStore";

/** The in-memory MemberStore twin for unit tests. */
export class MemoryMemberStore implements MemberStore {
  /** Keyed by `boardId\u0000userId`. */
  readonly #members = new Map<string, MemberRecord>();

  async join(member: MemberRecord): Promise<Role> {
    const existing = this.#members.get(keyOf(member.boardId, member.userId));
    if (existing) {
      existing.role = higherRole(existing.role, member.role);
      return existing.role;
    }
    this.#members.set(keyOf(member.boardId, member.userId), { ...member });
    return member.role;
  }

  async get(boardId: string, userId: string): Promise<MemberRecord | undefined> {
    const member = this.#members.get(keyOf(boardId, userId));
    return member && { ...member };
  }

  async listByBoard(boardId: string): Promise<MemberRecord[]> {
    return [...this.#members.values()]
      .filter((m) => m.boardId === boardId)
      .sort(
        (a, b) =>
          ROLES.indexOf(b.role) - ROLES.indexOf(a.role) ||
          a.joinedAt - b.joinedAt ||
          compare(a.userId, b.userId),
      )
      .map((m) => ({ ...m }));
  }

  async listByUser(userId: string): Promise<MemberRecord[]> {
    return [...this.#members.values()]
      .filter((m) => m.userId === userId)
      .sort((a, b) => b.joinedAt - a.joinedAt || compare(a.boardId, b.boardId))
      .map((m) => ({ ...m }));
  }

  async setRole(boardId: string, userId: string, role: Role): Promise<MemberChange> {
    const member = this.#members.get(keyOf(boardId, userId));
    if (!member) return "not_member";
    if (member.role === "owner" && role !== "owner" && this.#owners(boardId) === 1) return "last_owner";
    member.role = role;
    return "ok";
  }

  async remove(boardId: string, userId: string): Promise<MemberChange> {
    const member = this.#members.get(keyOf(boardId, userId));
    if (!member) return "not_member";
    if (member.role === "owner" && this.#owners(boardId) === 1) return "last_owner";
    this.#members.delete(keyOf(boardId, userId));
    return "ok";
  }

  async removeBoard(boardId: string): Promise<void> {
    for (const [key, member] of this.#members) if (member.boardId === boardId) this.#members.delete(key);
  }

  #owners(boardId: string): number {
    let owners = 0;
    for (const member of this.#members.values()) {
      if (member.boardId === boardId && member.role === "owner") owners++;
    }
    return owners;
  }
}

function keyOf(boardId: string, userId: string): string {
  return `${boardId}\u0000${userId}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
