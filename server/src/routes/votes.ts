import { MAX_VOTE_BUDGET, POKER_SCALES, VOTE_KINDS } from "@converge/shared";
import { Hono } from "hono";
import * as z from "zod";
import type { AppEnv } from "../http/env";
import { requireUser } from "../http/middleware";
import { parseBody } from "../http/parseBody";
import type { VoteService } from "../votes/voteService";

const openBody = z.object({
  kind: z.enum(VOTE_KINDS),
  budget: z.number().int().min(1).max(MAX_VOTE_BUDGET).optional(),
  cardIds: z.array(z.string().min(1).max(200)).min(1).max(1_000).optional(),
  scale: z.enum(Object.keys(POKER_SCALES) as [keyof typeof POKER_SCALES]).optional(),
  /** A quick vote between the two sides of an open priority conflict (a dot round, one dot each). */
  conflict: z
    .object({ cardId: z.string().min(1).max(200), conflictId: z.string().min(1).max(150) })
    .optional(),
});

const ballotBody = z.object({
  cardId: z.string().min(1).max(200),
  value: z.union([z.number(), z.string().max(20)]),
});

/**
 * `/api/boards/:id/votes/rounds` (DESIGN §5): open a round (owners and editors; the opener facilitates), cast a
 * ballot (any member), read a round (values only once revealed), reveal or close it (its facilitator).
 */
export function createVotesRoutes({ votes }: { votes: VoteService }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post("/:id/votes/rounds", async (c) => {
    const { user } = requireUser(c);
    const input = await parseBody(c, openBody);
    return c.json(await votes.open(user.id, c.req.param("id"), input), 201);
  });

  app.post("/:id/votes/rounds/:roundId/ballots", async (c) => {
    const { user } = requireUser(c);
    const ballot = await parseBody(c, ballotBody);
    return c.json(await votes.cast(user.id, c.req.param("id"), c.req.param("roundId"), ballot));
  });

  app.get("/:id/votes/rounds/:roundId", async (c) => {
    const { user } = requireUser(c);
    return c.json(await votes.get(user.id, c.req.param("id"), c.req.param("roundId")));
  });

  app.post("/:id/votes/rounds/:roundId/reveal", async (c) => {
    const { user } = requireUser(c);
    return c.json(await votes.reveal(user.id, c.req.param("id"), c.req.param("roundId")));
  });

  app.post("/:id/votes/rounds/:roundId/close", async (c) => {
    const { user } = requireUser(c);
    return c.json(await votes.close(user.id, c.req.param("id"), c.req.param("roundId")));
  });

  return app;
}
