import { ApiError } from "../ApiError";
import { CloseCode } from "../protocol";
import type { Role } from "../roles";
import type { MemberChange } from "../store";
import { requireRole } from "./access";
import type { BoardDeps } from "./BoardDeps";

/** A member as others on the board see them. */
export interface MemberView {
  id: string;
  name: string;
  role: Role;
}

/** Members: list, change a role, remove (or leave). */
export interface MemberService {
  list(userId: string, boardId: string): Promise<MemberView[]>;
  /** Owner only; a demotion reaches the member's open sockets at once. 409 if the board would lose its last owner. */
  setRole(actorId: string, boardId: string, memberId: string, role: Role): Promise<MemberView>;
  /** Owner only, or a member leaving; closes their sockets (4403). 409 if the board would lose its last owner. */
  remove(actorId: string, boardId: string, memberId: string): Promise<void>;
}

/** A board's members with their names, owners first. */
export async function listMembers(
  { members, users }: Pick<BoardDeps, "members" | "users">,
  boardId: string,
): Promise<MemberView[]> {
  const records = await members.listByBoard(boardId);
  const names = new Map((await users.getMany(records.map((m) => m.userId))).map((u) => [u.id, u.name]));
  return records.map((m) => ({ id: m.userId, name: names.get(m.userId) ?? "Former user", role: m.role }));
}

/** Builds the member module. */
export function createMemberService(deps: BoardDeps): MemberService {
  const { members, sockets } = deps;
  return {
    async list(userId, boardId) {
      await requireRole(deps, boardId, userId, "viewer");
      return listMembers(deps, boardId);
    },

    async setRole(actorId, boardId, memberId, role) {
      await requireRole(deps, boardId, actorId, "owner");
      check(await members.setRole(boardId, memberId, role));
      sockets.setRole(boardId, memberId, role);
      const view = (await listMembers(deps, boardId)).find((m) => m.id === memberId);
      if (!view) throw memberNotFound();
      return view;
    },

    async remove(actorId, boardId, memberId) {
      const leaving = actorId === memberId;
      await requireRole(deps, boardId, actorId, leaving ? "viewer" : "owner");
      check(await members.remove(boardId, memberId));
      sockets.closeUserOnBoard(
        boardId,
        memberId,
        CloseCode.notAllowed,
        leaving ? "left the board" : "removed from board",
      );
    },
  };
}

function check(change: MemberChange): void {
  if (change === "not_member") throw memberNotFound();
  if (change === "last_owner") {
    throw new ApiError(409, "last_owner", "A board needs at least one owner; make someone else owner first.");
  }
}

function memberNotFound(): ApiError {
  return new ApiError(404, "member_not_found", "This person is not a member of this board.");
}
