import { isValidBoardId } from "@converge/shared";
import { upgradeWebSocket } from "@hono/node-server";
import { Hono } from "hono";
import { WebSocket } from "ws";
import { ApiError } from "../ApiError";
import type { Authorize } from "../authorize";
import type { Logger } from "../logger";
import { CloseCode } from "../protocol";
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
    if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
      throw new ApiError(426, "upgrade_required", "This endpoint speaks WebSocket only.");
    }
    let session: SocketSession | undefined;
    return upgradeWebSocket(
      c,
      {
        onOpen: (_event, ws) => {
          const raw = ws.raw;
          if (!(raw instanceof WebSocket)) {
            logger.error({ boardId }, "upgraded socket is not a ws WebSocket");
            ws.close(CloseCode.internalError, "server misconfigured");
            return;
          }
          session = openSocket(raw, { boardId, principal: access.principal, session: access.session });
        },
        onMessage: (event) => session?.receive(event.data),
        onClose: () => session?.closed(),
        onError: (event) => logger.debug({ boardId, event: String(event.type) }, "socket error"),
      },
      { onError: (error) => logger.error({ err: error, boardId }, "socket event handler failed") },
    );
  });
  return app;
}
