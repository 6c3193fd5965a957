import { isValidBoardId } from "@converge/shared";
import { Hono } from "hono";
import type { RawData, WebSocket } from "ws";
import { ApiError } from "../ApiError";
import type { Authorize } from "../authorize";
import type { UpgradeEnv } from "../http/upgrade";
import type { Principal } from "../rooms/Room";

/** What the socket route hands an upgraded socket to: it takes the socket's frames, errors and close. */
export interface SocketSession {
  receive(data: ArrayBuffer | Uint8Array | string | Blob): void;
  /** A protocol error (a bad frame, a message over maxPayload); ws closes the socket itself, with a close code. */
  errored(error: Error): void;
  closed(): void;
}

/** Opens a session for an upgraded, authorized socket. */
export type OpenSocket = (
  ws: WebSocket,
  context: { boardId: string; principal: Principal; session: { key: string; expiresAt: Date } },
) => SocketSession;

/** The socket route's dependencies. */
export interface SocketRouteDeps {
  authorize: Authorize;
  openSocket: OpenSocket;
}

/**
 * `GET /ws/:boardId`: authorizes (Origin, session, board, membership) before upgrading (a refusal is a plain HTTP answer, never a Yjs byte), then speaks
 * the y-websocket protocol. The stock client may append query parameters; they are ignored.
 */
export function createSocketRoute({ authorize, openSocket }: SocketRouteDeps): Hono {
  const app = new Hono();
  app.get("/:boardId", async (c) => {
    const boardId = c.req.param("boardId");
    if (!isValidBoardId(boardId))
      throw new ApiError(400, "invalid_board_id", "This is not a valid board id.");
    const access = await authorize(c.req.raw, boardId);
    if (!access.ok) throw new ApiError(access.status, access.code, access.message);
    const acceptSocket = (c.env as Partial<UpgradeEnv> | undefined)?.acceptSocket;
    if (!acceptSocket || c.req.header("upgrade")?.toLowerCase() !== "websocket") {
      throw new ApiError(426, "upgrade_required", "This endpoint speaks WebSocket only.");
    }
    const { principal, session } = access;
    acceptSocket((ws) => listen(ws, openSocket(ws, { boardId, principal, session })));
    // Never sent: the upgrade handler completes the WebSocket handshake instead.
    return c.body(null, 200);
  });
  return app;
}

/**
 * Routes an open socket's events to its session. A function of its own, so the listeners (alive as long as the
 * socket) hold only the session, not the upgrade request's scope: the route's board id, for one, is a slice of the
 * request path and would keep the whole path alive.
 */
function listen(ws: WebSocket, session: SocketSession): void {
  ws.on("message", (data, isBinary) => session.receive(isBinary ? binaryOf(data) : String(data)));
  ws.on("error", (error) => session.errored(error));
  ws.on("close", () => session.closed());
}

/** One binary frame as ws delivers it (a Buffer by default, fragments or an ArrayBuffer if so configured). */
function binaryOf(data: RawData): Uint8Array | ArrayBuffer {
  return Array.isArray(data) ? Buffer.concat(data) : data;
}
