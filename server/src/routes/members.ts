import { Hono } from "hono";
import * as z from "zod";
import type { MemberService } from "../boards/memberService";
import type { AppEnv } from "../http/env";
import { requireUser } from "../http/middleware";
import { parseBody } from "../http/parseBody";
import { ROLES } from "../roles";

const roleBody = z.object({ role: z.enum(ROLES) });

/** `/api/boards/:id/members`: list (members), change a role (owners), remove (owners) or leave (oneself). */
export function createMembersRoutes({ members }: { members: MemberService }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/:id/members", async (c) => c.json(await members.list(requireUser(c).user.id, c.req.param("id"))));

  app.patch("/:id/members/:userId", async (c) => {
    const { user } = requireUser(c);
    const { role } = await parseBody(c, roleBody);
    return c.json(await members.setRole(user.id, c.req.param("id"), c.req.param("userId"), role));
  });

  app.delete("/:id/members/:userId", async (c) => {
    await members.remove(requireUser(c).user.id, c.req.param("id"), c.req.param("userId"));
    return c.body(null, 204);
  });

  return app;
}
