import { existsSync } from "node:fs";
import { join } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ApiError } from "./ApiError";
import {
  ActivityRecorder,
  type ActivityStore,
  createActivityService,
  importActivity,
  MemoryActivityStore,
} from "./activity";
import type { Accounts, Sessions } from "./auth";
import type { Authorize } from "./authorize";
import { createBoardService } from "./boards/boardService";
import { createInviteService } from "./boards/inviteService";
import { createMemberService } from "./boards/memberService";
import type { AppEnv } from "./http/env";
import { originCheck, sessionReader } from "./http/middleware";
import { createImportExportService } from "./importExport/importExportService";
import { DEFAULT_IMPORT_MAX_BYTES } from "./importExport/limits";
import type { Logger } from "./logger";
import type { RoomManager } from "./rooms/RoomManager";
import { createActivityRoutes } from "./routes/activity";
import { createAuthRoutes } from "./routes/auth";
import { createBoardsRoutes } from "./routes/boards";
import { createImportExportRoutes, IMPORT_PATH } from "./routes/importExport";
import { createBoardInvitesRoutes, createInvitesRoutes } from "./routes/invites";
import { createMembersRoutes } from "./routes/members";
import { createSocketRoute, type OpenSocket } from "./routes/socket";
import { createVotesRoutes } from "./routes/votes";
import type { BoardStore, DocStore, InviteStore, MemberStore, UserStore, VoteStore } from "./store";
import { MemoryVoteStore } from "./store/MemoryVoteStore";
import type { SocketRegistry } from "./sync/SocketRegistry";
import { createVoteService } from "./votes/voteService";

/** Everything the HTTP app is built from. */
export interface AppDeps {
  boards: BoardStore;
  docs: DocStore;
  members: MemberStore;
  invites: InviteStore;
  users: UserStore;
  /** Voting rounds and ballots; the in-memory twin when absent (tests that never vote). */
  votes?: VoteStore;
  rooms: RoomManager;
  sockets: SocketRegistry;
  sessions: Sessions;
  accounts: Accounts;
  authorize: Authorize;
  openSocket: OpenSocket;
  logger: Logger;
  /** Origins allowed to change state; empty means the request's own host. */
  allowedOrigins: readonly string[];
  /** Believe X-Forwarded-For/-Proto/-Host (only behind a proxy that sets them). */
  trustProxy: boolean;
  /** Largest JSON body accepted on /api (413 beyond). */
  maxBodyBytes: number;
  /** Largest board import file (413 beyond); default 10 MiB. */
  maxImportBytes?: number;
  /** The room document limit, which an import may not pass; default 64 MiB. */
  maxDocBytes?: number;
  /** Activity history and the recorder that feeds it; in memory when absent (tests that never read it). */
  activity?: { store: ActivityStore; recorder: ActivityRecorder };
  /** Directory of the built client, served with an index.html fallback; skipped if it does not exist. */
  clientDist: string;
}

/** Builds the Hono app: REST under /api, the Yjs socket under /ws, the client everywhere else; one error shape. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const { logger, trustProxy } = deps;
  const app = new Hono<AppEnv>();
  const activityStore = deps.activity?.store ?? new MemoryActivityStore();
  const recorder = deps.activity?.recorder ?? new ActivityRecorder({ store: activityStore, logger });
  const voteStore = deps.votes ?? new MemoryVoteStore();
  const boardDeps = { ...deps, votes: voteStore, history: recorder };
  const boards = createBoardService(boardDeps);
  const members = createMemberService(boardDeps);
  const invites = createInviteService(boardDeps);
  const importExport = createImportExportService({
    ...deps,
    maxDocBytes: deps.maxDocBytes ?? 64 * 1024 * 1024,
    onImported: (event) => {
      deps.users.get(event.userId).then(
        (user) => recorder.record(importActivity(event, user?.name ?? "", Date.now())),
        (error: unknown) =>
          logger.warn({ err: error, boardId: event.boardId }, "import activity not recorded"),
      );
    },
  });

  const apiBodyLimit = bodyLimit({
    maxSize: deps.maxBodyBytes,
    onError: () => {
      throw new ApiError(
        413,
        "body_too_large",
        `The request body is larger than ${deps.maxBodyBytes} bytes.`,
      );
    },
  });
  // Every page and API response (the socket route answers refusals itself and must not be touched on upgrade).
  const headers = securityHeaders();
  app.use("*", (c, next) => (c.req.path.startsWith("/ws/") ? next() : headers(c, next)));
  // The import route sets its own, larger limit.
  app.use("/api/*", (c, next) => (IMPORT_PATH.test(c.req.path) ? next() : apiBodyLimit(c, next)));
  app.use("/api/*", originCheck(deps));
  app.use("/api/*", sessionReader(deps.sessions, trustProxy));
  app.get("/api/health", (c) => c.json({ ok: true }));
  // The server's clock, for clients to estimate their offset to it (shared's estimateClockOffset; session timers).
  app.get("/api/time", (c) => c.json({ now: Date.now() }));
  app.route("/api", createAuthRoutes(deps));
  app.route("/api/boards", createBoardsRoutes({ boards }));
  app.route("/api/boards", createMembersRoutes({ members }));
  app.route("/api/boards", createBoardInvitesRoutes({ invites }));
  app.route(
    "/api/boards",
    createImportExportRoutes({
      importExport,
      maxImportBytes: deps.maxImportBytes ?? DEFAULT_IMPORT_MAX_BYTES,
    }),
  );
  app.route(
    "/api/boards",
    createActivityRoutes({ activity: createActivityService({ ...deps, activity: activityStore }) }),
  );
  app.route("/api/invites", createInvitesRoutes({ invites }));
  app.route("/api/boards", createVotesRoutes({ votes: createVoteService({ ...deps, votes: voteStore }) }));
  app.all("/api/*", () => {
    throw new ApiError(404, "not_found", "There is no such API route.");
  });
  app.route("/ws", createSocketRoute(deps));

  if (existsSync(join(deps.clientDist, "index.html"))) {
    app.use("*", serveStatic({ root: deps.clientDist }));
    app.get("*", serveStatic({ root: deps.clientDist, path: "index.html" }));
  } else {
    logger.warn({ clientDist: deps.clientDist }, "client build not found; only /api and /ws are served");
  }

  app.notFound((c) => c.json({ error: { code: "not_found", message: "Not found." } }, 404));
  app.onError((error, c) => {
    if (error instanceof ApiError) {
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
      return c.json({ error: { code: error.code, message: error.message } }, error.status);
    }
    if (error instanceof HTTPException) {
      return c.json(
        { error: { code: codeFor(error.status), message: error.message || "Request failed." } },
        error.status,
      );
    }
    if (isStoreBusy(error)) {
      c.header("Retry-After", "1");
      return c.json(
        {
          error: {
            code: "store_busy",
            message: "The database is busy; nothing was changed. Try again in a moment.",
          },
        },
        503,
      );
    }
    logger.error({ err: error, method: c.req.method, path: c.req.path }, "request failed");
    return c.json({ error: { code: "internal", message: "Something went wrong on the server." } }, 500);
  });
  return app;
}

/**
 * CSP and friends for every page and API response: scripts, styles, fonts and images only from this origin (Vite's
 * build has no inline script; React sets style attributes through the CSSOM, which CSP allows), sockets to this host,
 * no framing (clickjacking), no plugins, no <base> rewrites; nosniff, DENY framing, and no full URL in Referer.
 */
function securityHeaders() {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      connectSrc: ["'self'", "ws:", "wss:"],
      imgSrc: ["'self'", "data:", "blob:"],
      frameAncestors: ["'none'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
    },
    xFrameOptions: "DENY",
    xContentTypeOptions: "nosniff",
    referrerPolicy: "strict-origin-when-cross-origin",
  });
}

function codeFor(status: ContentfulStatusCode): string {
  return status >= 500 ? "internal" : `http_${status}`;
}

/** SQLite refused the statement because another connection holds the lock (the short busy_timeout ran out). */
function isStoreBusy(error: unknown): boolean {
  return (error as { code?: unknown }).code === "SQLITE_BUSY";
}
