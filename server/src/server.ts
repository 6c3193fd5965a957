import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { createAdaptorServer } from "@hono/node-server";
import { type WebSocket, WebSocketServer } from "ws";
import { createApp } from "./app";
import { type Authorize, createAuthorize } from "./authorize";
import type { Config } from "./config";
import { createLogger, type Logger } from "./logger";
import { CloseCode } from "./protocol";
import { RoomManager } from "./rooms/RoomManager";
import type { BoardStore, DocStore } from "./store";
import { openSqlite, SqliteBoardStore, SqliteDocStore } from "./store";
import { Connection } from "./sync/Connection";

/** Optional replacements for what `startServer` builds itself (SQLite in DATA_DIR, a pino logger, open access). */
export interface ServerDeps {
  docs?: DocStore;
  boards?: BoardStore;
  logger?: Logger;
  authorize?: Authorize;
  /** Run after the stores are closed (e.g. closing a database connection the caller opened). */
  onClosed?: () => void | Promise<void>;
}

/** A running server. */
export interface RunningServer {
  /** Base URL clients can reach, e.g. `http://127.0.0.1:3000` (the wildcard host is reported as 127.0.0.1). */
  url: string;
  port: number;
  /** Live counts, for health checks and tests. */
  stats(): { rooms: number; connections: number };
  /** Stops accepting, stores every room, closes sockets with 1001 and closes the stores. */
  close(): Promise<void>;
}

/**
 * Starts the HTTP and WebSocket server on `config.port` (0 picks a free port) and resolves once it is listening.
 * Without `deps.docs`/`deps.boards` it opens SQLite at `${DATA_DIR}/converge.db` and closes it again on `close()`.
 */
export async function startServer(config: Config, deps: ServerDeps = {}): Promise<RunningServer> {
  const logger = deps.logger ?? createLogger(config);
  let { docs, boards } = deps;
  let ownDb: ReturnType<typeof openSqlite> | undefined;
  if (!docs || !boards) {
    ownDb = openSqlite(join(config.dataDir, "converge.db"));
    docs ??= new SqliteDocStore(ownDb);
    boards ??= new SqliteBoardStore(ownDb);
  }
  const { limits } = config;
  const rooms = new RoomManager({
    store: docs,
    logger,
    maxDocBytes: limits.maxDocBytes,
    compactAfterUpdates: limits.compactAfterUpdates,
    roomIdleMs: limits.roomIdleMs,
  });
  const connections = new Set<Connection>();
  const app = createApp({
    boards,
    docs,
    rooms,
    logger,
    authorize: deps.authorize ?? createAuthorize({ boards }),
    maxBodyBytes: limits.maxBodyBytes,
    clientDist: config.clientDist,
    openSocket: (ws, { boardId, principal }) => {
      const connection = new Connection(ws, {
        id: randomUUID(),
        boardId,
        principal,
        rooms,
        logger,
        limits,
        onClosed: (closed) => connections.delete(closed),
      });
      connections.add(connection);
      return connection;
    },
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes });
  const server = createAdaptorServer({ fetch: app.fetch, websocket: { server: wss } });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === "string")
    throw new Error("server is not listening on a TCP port");
  const port = address.port;
  const host = config.host === "0.0.0.0" || config.host === "::" ? "127.0.0.1" : config.host;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  let closing: Promise<void> | undefined;
  const close = async (): Promise<void> => {
    server.close();
    for (const connection of [...connections]) connection.close(CloseCode.goingAway, "server shutting down");
    await rooms.closeAll();
    await closeSockets(wss, 1_000);
    if ("closeAllConnections" in server) server.closeAllConnections();
    await docs.close();
    ownDb?.close();
    await deps.onClosed?.();
    logger.info("server closed");
  };

  return {
    url,
    port,
    stats: () => ({ rooms: rooms.size, connections: connections.size }),
    close: () => {
      closing ??= close();
      return closing;
    },
  };
}

/** Waits up to `graceMs` for sockets to finish their closing handshake, then drops the rest. */
async function closeSockets(wss: WebSocketServer, graceMs: number): Promise<void> {
  const open = [...wss.clients];
  const closed = (ws: WebSocket) => new Promise<void>((resolve) => ws.once("close", () => resolve()));
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all(open.map(closed)),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    }),
  ]);
  clearTimeout(timer);
  for (const ws of wss.clients) ws.terminate();
}
