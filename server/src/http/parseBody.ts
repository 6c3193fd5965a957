import type { Context } from "hono";
import type * as z from "zod";
import { ApiError } from "../ApiError";

/** Reads the JSON body and validates it with `schema`: 400 `invalid_json` or 400 `invalid_input` naming the field. */
export async function parseBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  let json: unknown;
  try {
    json = await c.req.json();
  } catch (error) {
    // Anything but a parse error (e.g. the body limit's) belongs to its own handler.
    if (error instanceof SyntaxError)
      throw new ApiError(400, "invalid_json", "The request body must be JSON.");
    throw error;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const message = parsed.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`);
    throw new ApiError(400, "invalid_input", message.join("; "));
  }
  return parsed.data;
}
