import type { Role } from "../roles";

/** One person's membership of one board. */
export interface MemberRecord {
  boardId: string;
  userId: string;
  role: Role;
  /** Milliseconds since the Unix epoch. */
  joinedAt: number;
}

/** What a role change or removal did; `last_owner` means it was refused because the board would have no owner left. */
export type MemberChange = "ok" | "not_member" | "last_owner";

/**
 * Who belongs to which board, with what role. Every change that could take away a board's last owner is refused
 * atomically (two owners demoting each other at once cannot both succeed). Every method may throw.
 */
export interface MemberStore {
  /**
   * Adds a member, or, if they already are one, keeps the higher of the two roles (an invitation never demotes);
   * returns the role they now hold.
   */
  join(member: MemberRecord): Promise<Role>;
  get(boardId: string, userId: string): Promise<MemberRecord | undefined>;
  /** A board's members: owners, then editors, then viewers; each in order of joining (ties by user id). */
  listByBoard(boardId: string): Promise<MemberRecord[]>;
  /** Every board one user belongs to, most recently joined first (ties by board id). */
  listByUser(userId: string): Promise<MemberRecord[]>;
  /** Changes a member's role unless that would leave the board without an owner. */
  setRole(boardId: string, userId: string, role: Role): Promise<MemberChange>;
  /** Removes a member unless they are the board's last owner. */
  remove(boardId: string, userId: string): Promise<MemberChange>;
  /** Removes every membership of a board (when the board is deleted). */
  removeBoard(boardId: string): Promise<void>;
}
