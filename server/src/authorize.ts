import type { Sessions } from "./auth";
import { isAllowedOrigin } from "./http/origin";
import { canWriteDocument } from "./roles";
import type { Principal } from "./rooms/Room";
import type { BoardStore, MemberStore } from "./store";

/** The answer to "may this request open this board?": who it is and their session, or the HTTP refusal to send. */
export type AuthorizeResult =
  | { ok: true; principal: Principal; session: { key: string; expiresAt: Date } }
  | { ok: false; status: 401 | 403 | 404; code: string; message: string };

/** Decides who a request is and what it may do on a board. */
export type Authorize = (request: Request, boardId: string) => Promise<AuthorizeResult>;

/** What `createAuthorize` checks against. */
export interface AuthorizeDeps {
  boards: Pick<BoardStore, "get">;
  members: Pick<MemberStore, "get">;
  sessions: Pick<Sessions, "readToken" | "validate">;
  allowedOrigins: readonly string[];
  trustProxy: boolean;
}

/**
 * The socket upgrade's gate, run before any Yjs byte: a foreign or missing Origin is 403 (cross-site WebSocket
 * hijacking), no valid session cookie 401, an unknown board 404, not a member 403; otherwise the member's principal
 * (viewers may not write).
 */
export function createAuthorize({
  boards,
  members,
  sessions,
  allowedOrigins,
  trustProxy,
}: AuthorizeDeps): Authorize {
  return async function authorize(request: Request, boardId: string): Promise<AuthorizeResult> {
    if (!isAllowedOrigin(request, { allowedOrigins, trustProxy })) {
      return {
        ok: false,
        status: 403,
        code: "origin_forbidden",
        message: "This Origin may not open boards here.",
      };
    }
    const token = sessions.readToken(request.headers.get("cookie") ?? undefined);
    const signedIn = token ? await sessions.validate(token) : null;
    if (!signedIn) return { ok: false, status: 401, code: "unauthenticated", message: "Sign in first." };
    const board = await boards.get(boardId);
    if (!board) return { ok: false, status: 404, code: "board_not_found", message: "No board has this id." };
    const member = await members.get(boardId, signedIn.user.id);
    if (!member)
      return { ok: false, status: 403, code: "not_a_member", message: "You are not a member of this board." };
    return {
      ok: true,
      principal: {
        userId: signedIn.user.id,
        name: signedIn.user.name,
        role: member.role,
        canWrite: canWriteDocument(member.role),
      },
      session: { key: signedIn.session.key, expiresAt: signedIn.session.expiresAt },
    };
  };
}
