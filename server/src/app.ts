import { existsSync } from "node:fs";
import { join } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ApiError } from "./ApiError";
import type { Authorize } from "./authorize";
import type { Logger } from "./logger";
import type { RoomManager } from "./rooms/RoomManager";
import { createBoardsRoutes } from "./routes/boards";
import { createSocketRoute, type OpenSocket } from "./routes/socket";
import type { BoardStore, DocStore } from "./store";

/** Everything the HTTP app is built from. */
export interface AppDeps {
  boards: BoardStore;
  docs: DocStore;
  rooms: RoomManager;
  authorize: Authorize;
  openSocket: OpenSocket;
  logger: Logger;
  /** Largest JSON body accepted on /api (413 beyond). */
  maxBodyBytes: number;
  /** Directory of the built client, served with an index.html fallback; skipped if it does not exist. */
  clientDist: string;
}

/** Builds the Hono app: REST under /api, the Yjs socket under /ws, the client everywhere else; one error shape. */
export function createApp(deps: AppDeps): Hono {
  const { logger } = deps;
  const app = new Hono();

  app.use(
    "/api/*",
    bodyLimit({
      maxSize: deps.maxBodyBytes,
      onError: () => {
        throw new ApiError(
          413,
          "body_too_large",
          `The request body is larger than ${deps.maxBodyBytes} bytes.`,
        );
      },
    }),
  );
  app.get("/api/health", (c) => c.json({ ok: true }));
  app.route("/api/boards", createBoardsRoutes(deps));
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
    if (error instanceof ApiError)
      return c.json({ error: { code: error.code, message: error.message } }, error.status);
    if (error instanceof HTTPException) {
      return c.json(
        { error: { code: codeFor(error.status), message: error.message || "Request failed." } },
        error.status,
      );
    }
    logger.error({ err: error, method: c.req.method, path: c.req.path }, "request failed");
    return c.json({ error: { code: "internal", message: "Something went wrong on the server." } }, 500);
  });
  return app;
}

function codeFor(status: ContentfulStatusCode): string {
  return status >= 500 ? "internal" : `http_${status}`;
}
