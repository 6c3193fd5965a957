import { createHash, randomBytes } from "node:crypto";
import { ApiError } from "../ApiError";
import type { Role } from "../roles";
import type { InviteRecord } from "../store";
import { requireRole } from "./access";
import type { BoardDeps } from "./BoardDeps";

/** Default lifetime of an invitation. */
export const DEFAULT_INVITE_HOURS = 7 * 24;
/** Longest lifetime of an invitation. */
export const MAX_INVITE_HOURS = 30 * 24;

/** A new invitation: the only time its token is ever shown. */
export interface CreatedInvite {
  id: string;
  token: string;
  /** The client route that accepts it. */
  url: string;
  role: Role;
  expiresAt: number;
}

/** An invitation as its board's owners see it (never the token). */
export interface InviteView {
  id: string;
  role: Role;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
}

/** What the invite page shows before accepting. */
export interface InvitePreview {
  boardId: string;
  boardTitle: string;
  role: Role;
  /** The inviter's name. */
  invitedBy: string;
  expiresAt: number;
}

/** Invitations: create, list and revoke (owners); preview and accept (anyone signed in with the link). */
export interface InviteService {
  create(
    actorId: string,
    boardId: string,
    input: { role: Role; expiresInHours: number },
  ): Promise<CreatedInvite>;
  list(actorId: string, boardId: string): Promise<InviteView[]>;
  revoke(actorId: string, boardId: string, inviteId: string): Promise<void>;
  /** 404 unknown or revoked, 410 expired. */
  preview(token: string): Promise<InvitePreview>;
  /** Joins the board with the invitation's role (keeping a higher role already held); 404 unknown, 410 expired. */
  accept(userId: string, token: string): Promise<{ boardId: string; role: Role }>;
}

/** The hex SHA-256 of an invitation token: the only form in which it is stored. */
export function hashInviteToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Builds the invitation module; `now` is injectable for tests. */
export function createInviteService(deps: BoardDeps, now: () => number = Date.now): InviteService {
  const { boards, members, invites, users, sockets } = deps;

  const live = async (token: string): Promise<InviteRecord> => {
    const invite = /^[A-Za-z0-9_-]{43}$/.test(token)
      ? await invites.getByTokenHash(hashInviteToken(token))
      : undefined;
    if (!invite || !(await boards.get(invite.boardId))) {
      throw new ApiError(404, "invite_not_found", "This invitation does not exist or was revoked.");
    }
    if (invite.expiresAt <= now()) throw new ApiError(410, "invite_expired", "This invitation has expired.");
    return invite;
  };

  return {
    async create(actorId, boardId, { role, expiresInHours }) {
      await requireRole(deps, boardId, actorId, "owner");
      const token = randomBytes(32).toString("base64url");
      const createdAt = now();
      const invite: InviteRecord = {
        id: crypto.randomUUID(),
        boardId,
        tokenHash: hashInviteToken(token),
        role,
        createdBy: actorId,
        createdAt,
        expiresAt: createdAt + expiresInHours * 3_600_000,
      };
      await invites.create(invite);
      return { id: invite.id, token, url: `/invite/${token}`, role, expiresAt: invite.expiresAt };
    },

    async list(actorId, boardId) {
      await requireRole(deps, boardId, actorId, "owner");
      return (await invites.listByBoard(boardId)).map(({ id, role, createdBy, createdAt, expiresAt }) => ({
        id,
        role,
        createdBy,
        createdAt,
        expiresAt,
      }));
    },

    async revoke(actorId, boardId, inviteId) {
      await requireRole(deps, boardId, actorId, "owner");
      if (!(await invites.remove(boardId, inviteId))) {
        throw new ApiError(404, "invite_not_found", "This board has no such invitation.");
      }
    },

    async preview(token) {
      const invite = await live(token);
      const [board, inviter] = await Promise.all([boards.get(invite.boardId), users.get(invite.createdBy)]);
      return {
        boardId: invite.boardId,
        boardTitle: board?.title ?? "",
        role: invite.role,
        invitedBy: inviter?.name ?? "Former member",
        expiresAt: invite.expiresAt,
      };
    },

    async accept(userId, token) {
      const invite = await live(token);
      const role = await members.join({
        boardId: invite.boardId,
        userId,
        role: invite.role,
        joinedAt: now(),
      });
      sockets.setRole(invite.boardId, userId, role);
      return { boardId: invite.boardId, role };
    },
  };
}
