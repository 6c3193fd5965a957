import { Hono } from "hono";
import * as z from "zod";
import { ApiError } from "../ApiError";
import type { ActivityService } from "../activity/activityService";
import type { AppEnv } from "../http/env";
import { requireUser } from "../http/middleware";
import { describeIssues } from "../importExport/describeIssues";

const listQuery = z.object({
  cardId: z.string().min(1).max(200).optional(),
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const flowQuery = z.object({ days: z.coerce.number().int().min(1).max(365).default(30) });

function query<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ApiError(400, "invalid_query", describeIssues(parsed.error));
  return parsed.data;
}

/**
 * `/api/boards/:id/activity?cardId=&before=&limit=` (members): who changed what, newest first, paged by `before`;
 * `/api/boards/:id/flow?days=30` (members): live cards per lane at the end of each day, for a cumulative flow chart.
 */
export function createActivityRoutes({ activity }: { activity: ActivityService }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/:id/activity", async (c) => {
    const { user } = requireUser(c);
    return c.json(await activity.list(user.id, c.req.param("id"), query(listQuery, c.req.query())));
  });

  app.get("/:id/flow", async (c) => {
    const { user } = requireUser(c);
    const { days } = query(flowQuery, c.req.query());
    return c.json(await activity.flow(user.id, c.req.param("id"), days));
  });

  return app;
}
