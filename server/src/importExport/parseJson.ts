import type * as z from "zod";
import { describeIssues } from "./describeIssues";
import { ImportInputError } from "./ImportInputError";

/** Parses `text` as JSON and validates it with `schema`; an ImportInputError names the syntax error or the fields. */
export function parseJson<T extends z.ZodType>(text: string, schema: T, what: string): z.output<T> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new ImportInputError("invalid_json", `The ${what} is not valid JSON: ${error.message}.`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ImportInputError("invalid_file", describeIssues(parsed.error));
  return parsed.data;
}
