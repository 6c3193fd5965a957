import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as z from "zod";

const MiB = 1024 * 1024;

/** The repository root (two levels above this file), against which CLIENT_DIST is resolved. */
const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

const integer = (min: number) => z.coerce.number().int().min(min);

const schema = z.object({
  PORT: integer(0).max(65_535).default(3000),
  HOST: z.string().trim().min(1).default("0.0.0.0"),
  DATA_DIR: z.string().trim().min(1).default("./data"),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "expected a postgres:// URL" }).optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: "expected a redis:// or rediss:// URL" }).optional(),
  REDIS_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, "expected 1-64 letters, digits, _ . : or -")
    .default("converge"),
  GAP_REPAIR_INTERVAL_MS: integer(50).max(60_000).default(5_000),
  ALLOWED_ORIGINS: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((origin) => origin.trim())
        .filter((origin) => origin !== ""),
    )
    .pipe(z.array(z.url())),
  TRUST_PROXY: z
    .enum(["true", "false", "1", "0"], { message: 'expected "true" or "false"' })
    .default("false")
    .transform((value) => value === "true" || value === "1"),
  SESSION_TTL_DAYS: integer(1).max(365).default(30),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  MAX_MESSAGE_BYTES: integer(1024).default(8 * MiB),
  MAX_DOC_BYTES: integer(1024).default(64 * MiB),
  MESSAGES_PER_SECOND: integer(1).default(300),
  MESSAGE_BURST: integer(1).optional(),
  MAX_BUFFERED_BYTES: integer(1024).default(8 * MiB),
  MAX_BODY_BYTES: integer(1024).default(1 * MiB),
  IMPORT_MAX_BYTES: integer(1024).default(10 * MiB),
  PING_INTERVAL_MS: integer(10).default(30_000),
  ROOM_IDLE_MS: integer(0).default(30_000),
  COMPACT_AFTER_UPDATES: integer(1).default(500),
  CLIENT_DIST: z.string().trim().min(1).default("client/dist"),
});

/** The server's settings, read once from the environment at start-up. */
export interface Config {
  port: number;
  host: string;
  /** Absolute directory for the SQLite file. */
  dataDir: string;
  /** PostgreSQL URL: when set, every store lives there (several instances share it); unset means SQLite in dataDir. */
  databaseUrl: string | undefined;
  /** Redis URL: when set, instances fan document updates and presence out to each other over pub/sub. */
  redisUrl: string | undefined;
  /** Prefix of every Redis channel, so deployments (or test runs) sharing one Redis stay apart. */
  redisPrefix: string;
  /** How often each instance publishes a room's state so the others can repair updates pub/sub dropped. */
  gapRepairIntervalMs: number;
  /** Origins allowed to open sockets and send state-changing requests; empty means the request's own host only. */
  allowedOrigins: string[];
  /** Believe X-Forwarded-For/-Proto/-Host: only behind a reverse proxy that sets them. */
  trustProxy: boolean;
  /** How long a session lasts; it is renewed (sliding) once past half. */
  sessionTtlMs: number;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  limits: Limits;
  /** Absolute directory of the built client (served with an index.html fallback). */
  clientDist: string;
}

/** Every per-socket, per-document and per-request limit of DESIGN §2. */
export interface Limits {
  /** Largest WebSocket frame accepted (`ws` maxPayload; bigger frames close the socket with 1009). */
  maxMessageBytes: number;
  /** Largest stored document; an update that would pass it is refused. */
  maxDocBytes: number;
  /** Sustained messages per second per socket. */
  messagesPerSecond: number;
  /** Messages a socket may send at once before the rate applies. */
  messageBurst: number;
  /** Outgoing bytes a socket may have buffered before it is cut off as a slow consumer. */
  maxBufferedBytes: number;
  /** Largest REST request body. */
  maxBodyBytes: number;
  /** Largest board import body (`POST /api/boards/:id/import`), which files make larger than other requests. */
  importMaxBytes: number;
  pingIntervalMs: number;
  /** How long a room with no sockets stays loaded. */
  roomIdleMs: number;
  /** Appends after which a room compacts its stored updates into a snapshot. */
  compactAfterUpdates: number;
}

/** Thrown by `loadConfig` for a bad environment; the message names every offending variable. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** Parses and validates the environment once into a typed Config; throws ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined>, cwd: string = process.cwd()): Config {
  const parsed = schema.safeParse(withoutEmptyValues(env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`,
    );
    throw new ConfigError(`invalid configuration: ${problems.join("; ")}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(cwd, e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    gapRepairIntervalMs: e.GAP_REPAIR_INTERVAL_MS,
    allowedOrigins: e.ALLOWED_ORIGINS,
    trustProxy: e.TRUST_PROXY,
    sessionTtlMs: e.SESSION_TTL_DAYS * 24 * 60 * 60 * 1000,
    logLevel: e.LOG_LEVEL,
    limits: {
      maxMessageBytes: e.MAX_MESSAGE_BYTES,
      maxDocBytes: e.MAX_DOC_BYTES,
      messagesPerSecond: e.MESSAGES_PER_SECOND,
      messageBurst: e.MESSAGE_BURST ?? 2 * e.MESSAGES_PER_SECOND,
      maxBufferedBytes: e.MAX_BUFFERED_BYTES,
      maxBodyBytes: e.MAX_BODY_BYTES,
      importMaxBytes: e.IMPORT_MAX_BYTES,
      pingIntervalMs: e.PING_INTERVAL_MS,
      roomIdleMs: e.ROOM_IDLE_MS,
      compactAfterUpdates: e.COMPACT_AFTER_UPDATES,
    },
    clientDist: resolve(REPO_ROOT, e.CLIENT_DIST),
  };
}

/** An empty variable (`PORT=`) means "use the default", as most shells and .env files intend. */
function withoutEmptyValues(env: Record<string, string | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== "") result[key] = value;
  }
  return result;
}
