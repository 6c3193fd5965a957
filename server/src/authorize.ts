import type { Principal } from "./rooms/Room";
import type { BoardStore } from "./store";

/** The answer to "may this request open this board?": who it is, or the HTTP refusal to send before any upgrade. */
export type AuthorizeResult =
  | { ok: true; principal: Principal }
  | { ok: false; status: 401 | 403 | 404; code: string; message: string };

/** Decides who a request is and what it may do on a board. */
export type Authorize = (request: Request, boardId: string) => Promise<AuthorizeResult>;

/**
 * The seam the accounts issue plugs into. For now everyone may read and write any existing board, as an anonymous
 * principal; an unknown board is a 404.
 */
export function createAuthorize({ boards }: { boards: Pick<BoardStore, "get"> }): Authorize {
  return async function authorize(_request: Request, boardId: string): Promise<AuthorizeResult> {
    const board = await boards.get(boardId);
    if (!board) return { ok: false, status: 404, code: "board_not_found", message: "No board has this id." };
    return { ok: true, principal: { userId: "anonymous", name: "Anonymous", canWrite: true } };
  };
}
