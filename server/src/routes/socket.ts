import { isValidBoardId } from "@converge/shared";
import { Hono } from "hono";
import type { RawData, WebSocket } from "ws";
import { ApiError } from "../ApiError";
import type { Authorize } from "../authorize";
import type { UpgradeEnv } from "../http/upgrade";
import type { Logger } from "../logger";
import type { Principal } from "../rooms/Room";

/** What the socket route hands an upgraded socket to: something that takes its frames and hears when it closes. */
export interface SocketSession {
  receive(data: ArrayBuffer | Uint8Array | string | Blob): void;
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
  logger: Logger;
}

/**
 * `GET /ws/:boardId`: authorizes (Origin, session, board, membership) before upgrading (a refusal is a plain HTTP answer, never a Yjs byte), then speaks
 * the y-websocket protocol. The stock client may append query parameters; they are ignored.
 */
export function createSocketRoute({ authorize, openSocket, logger }: SocketRouteDeps): Hono {
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
    acceptSocket((ws) => listen(ws, openSocket(ws, { boardId, principal, session }), boardId, logger));
    // Never sent: the upgrade handler completes the WebSocket handshake instead.
    return c.body(null, 200);
  });
  return app;
}

/**
 * Routes an open socket's events to its session. A function of its own, so the listeners (alive as long as the
 * socket) hold only these four values, not the upgrade request's scope.
 */
function listen(ws: WebSocket, session: SocketSession, boardId: string, logger: Logger): void {
  ws.on("message", (data, isBinary) => session.receive(isBinary ? binaryOf(data) : String(data)));
  ws.on("close", () => session.closed());
  // Protocol errors (a bad frame, a message over maxPayload): ws closes the socket itself, with a close code.
  ws.on("error", (error) => logger.debug({ boardId, err: error }, "socket error"));
}

/** One binary frame as ws delivers it (a Buffer by default, fragments or an ArrayBuffer if so configured). */
function binaryOf(data: RawData): Uint8Array | ArrayBuffer {
  return Array.isArray(data) ? Buffer.concat(data) : data;
}
