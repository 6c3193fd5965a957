import { BOARD_TEMPLATE_IDS } from "@converge/shared";
import { Hono } from "hono";
import * as z from "zod";
import type { BoardService } from "../boards/boardService";
import type { AppEnv } from "../http/env";
import { requireUser } from "../http/middleware";
import { parseBody } from "../http/parseBody";

const createBody = z.object({ title: z.string(), template: z.enum(BOARD_TEMPLATE_IDS).default("empty") });
const renameBody = z.object({ title: z.string() });

/** `/api/boards`: my boards (with my role and the members), create, read, rename (editors), delete (owners). */
export function createBoardsRoutes({ boards }: { boards: BoardService }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/", async (c) => c.json(await boards.listFor(requireUser(c).user.id)));

  app.post("/", async (c) => {
    const { user } = requireUser(c);
    return c.json(await boards.create(user.id, await parseBody(c, createBody)), 201);
  });

  app.get("/:id", async (c) => c.json(await boards.get(requireUser(c).user.id, c.req.param("id"))));

  app.patch("/:id", async (c) => {
    const { user } = requireUser(c);
    const { title } = await parseBody(c, renameBody);
    return c.json(await boards.rename(user.id, c.req.param("id"), title));
  });

  app.delete("/:id", async (c) => {
    await boards.remove(requireUser(c).user.id, c.req.param("id"));
    return c.body(null, 204);
  });

  return app;
}
