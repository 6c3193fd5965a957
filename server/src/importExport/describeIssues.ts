import type * as z from "zod";

/** Formats a zod path like a JavaScript accessor: `lists[3].name`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** One zod issue as a short human phrase ("expected string", "is longer than 500 characters"). */
export function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return `expected ${issue.expected}`;
    case "too_big":
      if (issue.origin === "string") return `is longer than ${issue.maximum} characters`;
      if (issue.origin === "array") return `has more than ${issue.maximum} items`;
      return `is more than ${issue.maximum}`;
    case "too_small":
      if (issue.origin === "string")
        return issue.minimum === 1 ? "is empty" : `is shorter than ${issue.minimum} characters`;
      if (issue.origin === "array") return `has fewer than ${issue.minimum} items`;
      return `is less than ${issue.minimum}`;
    case "invalid_value":
      return `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(", ")}`;
    default:
      return issue.message;
  }
}

/** The first few issues of a failed parse as one message: `lists[3].name: expected string; cards[0].idList: …`. */
export function describeIssues(error: z.ZodError, max = 5): string {
  const shown = error.issues.slice(0, max).map((issue) => {
    const where = formatPath(issue.path);
    return where === "" ? describeIssue(issue) : `${where}: ${describeIssue(issue)}`;
  });
  const more = error.issues.length - shown.length;
  return more > 0 ? `${shown.join("; ")}; and ${more} more` : shown.join("; ");
}
