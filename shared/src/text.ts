import { BoardInputError } from "./errors";
import { MAX_TITLE_LENGTH } from "./schema";

/** Trims a title and checks it is 1–MAX_TITLE_LENGTH characters; throws BoardInputError otherwise. */
export function normaliseTitle(title: string, what = "title"): string {
  const trimmed = title.replace(/\s+/g, " ").trim();
  if (trimmed.length === 0) throw new BoardInputError("title_empty", `The ${what} cannot be empty.`);
  if (trimmed.length > MAX_TITLE_LENGTH) {
    throw new BoardInputError("title_too_long", `The ${what} is longer than ${MAX_TITLE_LENGTH} characters.`);
  }
  return trimmed;
}

/** The smallest single replacement turning `from` into `to`: delete `remove` characters at `index`, insert `insert`. */
export interface TextSplice {
  readonly index: number;
  readonly remove: number;
  readonly insert: string;
}

/**
 * Diffs two strings by common prefix and suffix. Applying the splice to a shared text (rather than
 * replacing it whole) keeps a collaborator's concurrent typing elsewhere in the text.
 */
export function diffText(from: string, to: string): TextSplice | null {
  if (from === to) return null;
  let start = 0;
  const shortest = Math.min(from.length, to.length);
  while (start < shortest && from.charCodeAt(start) === to.charCodeAt(start)) start++;
  let end = 0;
  while (
    end < shortest - start &&
    from.charCodeAt(from.length - 1 - end) === to.charCodeAt(to.length - 1 - end)
  ) {
    end++;
  }
  return { index: start, remove: from.length - start - end, insert: to.slice(start, to.length - end) };
}
