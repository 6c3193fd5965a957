import { Hono } from "hono";
import * as z from "zod";
import { DEFAULT_INVITE_HOURS, type InviteService, MAX_INVITE_HOURS } from "../boards/inviteService";
import type { AppEnv } from "../http/env";
import { requireUser } from "../http/middleware";
import { parseBody } from "../http/parseBody";
import { ROLES } from "../roles";

const createBody = z.object({
  role: z.enum(ROLES),
  expiresInHours: z.number().int().min(1).max(MAX_INVITE_HOURS).default(DEFAULT_INVITE_HOURS),
});

/** `/api/boards/:id/invites` (owners: create, list, revoke). */
export function createBoardInvitesRoutes({ invites }: { invites: InviteService }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post("/:id/invites", async (c) => {
    const { user } = requireUser(c);
    const body = await parseBody(c, createBody);
    return c.json(await invites.create(user.id, c.req.param("id"), body), 201);
  });

  app.get("/:id/invites", async (c) => c.json(await invites.list(requireUser(c).user.id, c.req.param("id"))));

  app.delete("/:id/invites/:inviteId", async (c) => {
    await invites.revoke(requireUser(c).user.id, c.req.param("id"), c.req.param("inviteId"));
    return c.body(null, 204);
  });

  return app;
}

/** `/api/invites/:token`: preview and accept an invitation (signed in). */
export function createInvitesRoutes({ invites }: { invites: InviteService }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/:token", async (c) => {
    requireUser(c);
    return c.json(await invites.preview(c.req.param("token")));
  });

  app.post("/:token/accept", async (c) => {
    const { user } = requireUser(c);
    return c.json(await invites.accept(user.id, c.req.param("token")));
  });

  return app;
}
