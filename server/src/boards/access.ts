import { ApiError } from "../ApiError";
import { hasRole, type Role } from "../roles";
import type { BoardRecord, BoardStore, MemberRecord, MemberStore } from "../store";

/** The board and the caller's membership, or 404 (no such board) / 403 (not a member, or a weaker role). */
export async function requireRole(
  { boards, members }: { boards: Pick<BoardStore, "get">; members: Pick<MemberStore, "get"> },
  boardId: string,
  userId: string,
  minimum: Role,
): Promise<{ board: BoardRecord; member: MemberRecord }> {
  const board = await boards.get(boardId);
  if (!board) throw boardNotFound();
  const member = await members.get(boardId, userId);
  if (!member) throw new ApiError(403, "not_a_member", "You are not a member of this board.");
  if (!hasRole(member.role, minimum)) {
    throw new ApiError(
      403,
      "forbidden",
      `This needs the ${minimum} role; you are ${articleFor(member.role)} ${member.role}.`,
    );
  }
  return { board, member };
}

/** The 404 for a board id nobody has. */
export function boardNotFound(): ApiError {
  return new ApiError(404, "board_not_found", "No board has this id.");
}

function articleFor(role: Role): string {
  return role === "owner" || role === "editor" ? "an" : "a";
}
