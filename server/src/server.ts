import { randomBytes } from "node:crypto";
import type { Server as HttpServer } from "node:http";
import { join } from "node:path";
import { createAdaptorServer } from "@hono/node-server";
import { type WebSocket, WebSocketServer } from "ws";
import { ActivityRecorder, type ActivityStore, MemoryActivityStore, SqliteActivityStore } from "./activity";
import { createApp } from "./app";
import { createAccounts, createSessions, type LoginThrottle, MemoryLoginThrottle } from "./auth";
import { createAuthorize } from "./authorize";
import type { Config } from "./config";
import type { FanoutBus } from "./fanout/FanoutBus";
import { FanoutSocketRegistry } from "./fanout/FanoutSocketRegistry";
import { handleUpgrades } from "./http/upgrade";
import { createLogger, type Logger } from "./logger";
import { CloseCode } from "./protocol";
import { RoomManager } from "./rooms/RoomManager";
import { openStores, type ServerStores } from "./store/openStores";
import { openSqlite } from "./store/sqlite";
import { Connection, type ConnectionContext } from "./sync/Connection";
import { Heartbeat } from "./sync/Heartbeat";
import { SocketRegistry } from "./sync/SocketRegistry";

export type { ServerStores } from "./store/openStores";

/**
 * Optional replacements for what `startServer` builds itself (PostgreSQL at DATABASE_URL or SQLite in DATA_DIR, a
 * Redis fan-out bus when REDIS_URL is set, a pino logger, an in-memory throttle).
 */
export interface ServerDeps {
  stores?: ServerStores;
  logger?: Logger;
  loginThrottle?: LoginThrottle;
  /** The bus to other instances (the caller closes it); without it, one is opened when REDIS_URL is set. */
  fanout?: FanoutBus;
  /** Where activity is kept; by default SQLite beside the other stores, in memory with `stores` or PostgreSQL. */
  activity?: ActivityStore;
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

/** How often expired sessions are swept from the store. */
const SESSION_SWEEP_MS = 60 * 60 * 1000;

/**
 * Starts the HTTP and WebSocket server on `config.port` (0 picks a free port) and resolves once it is listening.
 * Without `deps.stores` it opens PostgreSQL (DATABASE_URL) or SQLite (`${DATA_DIR}/converge.db`) and closes it again
 * on `close()`; with REDIS_URL (or `deps.fanout`) its rooms fan out to the other instances.
 */
export async function startServer(config: Config, deps: ServerDeps = {}): Promise<RunningServer> {
  const logger = deps.logger ?? createLogger(config);
  const { stores, close: closeStores } = deps.stores
    ? { stores: deps.stores, close: async () => undefined }
    : await openStores(config);
  const ownBus =
    !deps.fanout && config.redisUrl
      ? await openRedisBus(config.redisUrl, config.redisPrefix, logger)
      : undefined;
  const bus = deps.fanout ?? ownBus;
  const { docs, boards, users, members } = stores;
  const { limits } = config;
  const activity = openActivity(config, { ...deps, activity: deps.activity ?? stores.activity }, logger);
  const recorder = new ActivityRecorder({ store: activity.store, logger });
  const rooms = new RoomManager({
    store: docs,
    logger,
    maxDocBytes: limits.maxDocBytes,
    compactAfterUpdates: limits.compactAfterUpdates,
    roomIdleMs: limits.roomIdleMs,
    ...(bus ? { fanout: { bus, repairIntervalMs: config.gapRepairIntervalMs } } : {}),
    watch: (room) => recorder.watch(room),
  });
  const sessions = createSessions({ sessions: stores.sessions, users, ttlMs: config.sessionTtlMs });
  const accounts = createAccounts({
    users,
    sessions,
    throttle: deps.loginThrottle ?? new MemoryLoginThrottle(),
  });
  const registryOptions = { sessionExpiry: (key: string) => sessions.expiryOf(key), logger };
  const sockets = bus
    ? new FanoutSocketRegistry({ ...registryOptions, bus })
    : new SocketRegistry(registryOptions);
  if (sockets instanceof FanoutSocketRegistry) await sockets.start();
  const heartbeat = new Heartbeat(limits.pingIntervalMs);
  const connections: ConnectionContext = {
    rooms,
    logger,
    limits,
    onClosed: (closed) => {
      sockets.remove(closed);
      heartbeat.remove(closed);
    },
  };
  const app = createApp({
    ...stores,
    rooms,
    sockets,
    sessions,
    accounts,
    logger,
    allowedOrigins: config.allowedOrigins,
    trustProxy: config.trustProxy,
    authorize: createAuthorize({
      boards,
      members,
      sessions,
      allowedOrigins: config.allowedOrigins,
      trustProxy: config.trustProxy,
    }),
    maxBodyBytes: limits.maxBodyBytes,
    maxImportBytes: limits.importMaxBytes,
    maxDocBytes: limits.maxDocBytes,
    activity: { store: activity.store, recorder },
    clientDist: config.clientDist,
    openSocket: (ws, { boardId, principal, session }) => {
      const connection = new Connection(ws, connections, { id: newSocketId(), boardId, principal });
      sockets.add(connection, session);
      heartbeat.add(connection);
      // Authorized just before its board was deleted: it must not bring the room back.
      if (sockets.isDeleted(boardId)) connection.close(CloseCode.unknownBoard, "board deleted");
      return connection;
    },
  });
  const sweep = setInterval(() => {
    sessions
      .deleteExpired()
      .catch((error: unknown) => logger.warn({ err: error }, "expired-session sweep failed"));
  }, SESSION_SWEEP_MS);
  sweep.unref();

  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes });
  const server = createAdaptorServer({ fetch: app.fetch });
  handleUpgrades(server as HttpServer, { fetch: app.fetch, wss, logger });
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
    clearInterval(sweep);
    for (const socket of sockets.all()) socket.close(CloseCode.goingAway, "server shutting down");
    sockets.close();
    heartbeat.close();
    await rooms.closeAll();
    await recorder.settled();
    activity.close();
    await closeSockets(wss, 1_000);
    if ("closeAllConnections" in server) server.closeAllConnections();
    await docs.close();
    await ownBus?.close();
    await closeStores();
    await deps.onClosed?.();
    logger.info("server closed");
  };

  return {
    url,
    port,
    stats: () => ({ rooms: rooms.size, connections: sockets.size }),
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

/**
 * The activity store: `deps.activity` (PostgreSQL's comes with its stores); SQLite on its own connection to
 * `${DATA_DIR}/converge.db` when the server opens SQLite itself; otherwise (injected stores without one) in memory.
 */
function openActivity(
  config: Config,
  deps: ServerDeps,
  logger: Logger,
): { store: ActivityStore; close(): void } {
  if (deps.activity) return { store: deps.activity, close: () => undefined };
  if (deps.stores || config.databaseUrl) {
    if (config.databaseUrl)
      logger.warn("activity is kept in memory: the injected stores bring no activity store");
    return { store: new MemoryActivityStore(), close: () => undefined };
  }
  const db = openSqlite(join(config.dataDir, "converge.db"));
  return { store: new SqliteActivityStore(db), close: () => db.close() };
}

/** The Redis fan-out bus, its client library loaded only when REDIS_URL is set (start-up time and memory). */
async function openRedisBus(url: string, prefix: string, logger: Logger): Promise<FanoutBus> {
  const { RedisFanoutBus } = await import("./fanout/RedisFanoutBus");
  return new RedisFanoutBus({ url, prefix, logger });
}

/**
 * A socket's id for room bookkeeping and logs: 72 random bits, 12 characters. Not `randomUUID()`, whose result is a
 * tree of ~13 concatenated pieces (~420 bytes of heap per open socket, against ~40 for this flat string).
 */
function newSocketId(): string {
  return randomBytes(9).toString("base64url");
}
