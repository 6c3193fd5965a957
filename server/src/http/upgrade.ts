import { type IncomingMessage, type Server, STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import type { WebSocket, WebSocketServer } from "ws";
import type { Logger } from "../logger";

/** Given by the upgrade handler to the app as `c.env.acceptSocket`: a route that authorized the upgrade calls it. */
export type AcceptSocket = (open: (ws: WebSocket) => void) => void;

/** The env an upgrade request is fetched with (besides @hono/node-server's own `incoming`). */
export interface UpgradeEnv {
  incoming: IncomingMessage;
  acceptSocket: AcceptSocket;
}

/**
 * Runs every WebSocket upgrade request through the app (so `/ws/:boardId` authorizes it with the same routing, errors
 * and `{ error: { code, message } }` bodies as REST), and completes the upgrade only when the route accepted it.
 *
 * Instead of @hono/node-server's `upgradeWebSocket`, whose listeners keep the whole upgrade request (IncomingMessage,
 * Request, Hono Context, URLs, headers) alive for the life of every socket — about 4 KiB each in a heap snapshot —
 * and wrap each frame in a MessageEvent with a copy of its bytes. Here nothing of the request outlives the upgrade.
 */
export function handleUpgrades(
  server: Server,
  deps: {
    fetch: (request: Request, env: UpgradeEnv) => Response | Promise<Response>;
    wss: WebSocketServer;
    logger: Logger;
  },
): void {
  server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    void upgrade(request, socket, head, deps);
  });
}

async function upgrade(
  request: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  deps: Parameters<typeof handleUpgrades>[1],
): Promise<void> {
  // A client that resets the connection while it is being authorized must not crash the process.
  const ignoreError = (): void => undefined;
  socket.on("error", ignoreError);
  let open: ((ws: WebSocket) => void) | undefined;
  let response: Response;
  try {
    response = await deps.fetch(fetchRequestOf(request), {
      incoming: request,
      acceptSocket: (accepted) => {
        open = accepted;
      },
    });
  } catch (error) {
    deps.logger.warn({ err: error, url: request.url }, "upgrade request could not be handled");
    response = Response.json(
      { error: { code: "bad_request", message: "This upgrade request could not be read." } },
      { status: 400 },
    );
  }
  if (socket.destroyed) return;
  const accepted = open;
  if (!accepted) {
    await refuse(socket, response);
    return;
  }
  deps.wss.handleUpgrade(request, socket, head, (ws) => {
    socket.off("error", ignoreError);
    accepted(ws);
  });
}

/** The upgrade request as a Fetch Request (headers and URL; it has no body). */
function fetchRequestOf(request: IncomingMessage): Request {
  const protocol = "encrypted" in request.socket && request.socket.encrypted ? "https" : "http";
  const url = new URL(request.url ?? "/", `${protocol}://${request.headers.host ?? "localhost"}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return new Request(url, { headers });
}

/** Answers a refused upgrade as plain HTTP (status, the app's headers and JSON body) and closes the connection. */
async function refuse(socket: Duplex, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  const lines = [
    `HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ""}`,
    "Connection: close",
    `Content-Length: ${body.byteLength}`,
  ];
  response.headers.forEach((value, name) => {
    if (name !== "connection" && name !== "content-length" && name !== "transfer-encoding")
      lines.push(`${name}: ${value}`);
  });
  if (!socket.destroyed) socket.end(Buffer.concat([Buffer.from(`${lines.join("\r\n")}\r\n\r\n`), body]));
}
