import { BoardInputError } from "./errors";

// A mention is written into a comment body as `@[Display name](userId)`: readable as plain text,
// and the user id survives a later rename of the person.
const MENTION = /@\[([^[\]\n]{1,100})\]\(([^()\s]{1,200})\)/g;

/** The user ids mentioned in a comment body through `@[Name](userId)` tokens, each once, in order of first mention. */
export function parseMentions(body: string): readonly string[] {
  const ids = new Set<string>();
  for (const match of body.matchAll(MENTION)) ids.add(match[2] as string);
  return [...ids];
}

/** The token that mentions a person in a comment body; brackets and line breaks in the name become spaces. */
export function formatMention(name: string, userId: string): string {
  if (!/^[^()\s]{1,200}$/.test(userId)) {
    throw new BoardInputError(
      "mention_invalid",
      "A mentioned user id is 1–200 characters without spaces or parentheses.",
    );
  }
  const label =
    name
      .replace(/[[\]\s]+/g, " ")
      .trim()
      .slice(0, 100)
      .trim() || userId.slice(0, 100);
  return `@[${label}](${userId})`;
}

/** A piece of a comment body: plain text, or a mention to render as a chip. */
export type MentionSegment =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "mention"; readonly name: string; readonly userId: string };

/** Splits a comment body into text and mention segments, in order, for rendering. */
export function mentionSegments(body: string): readonly MentionSegment[] {
  const segments: MentionSegment[] = [];
  let last = 0;
  for (const match of body.matchAll(MENTION)) {
    if (match.index > last) segments.push({ kind: "text", text: body.slice(last, match.index) });
    segments.push({ kind: "mention", name: match[1] as string, userId: match[2] as string });
    last = match.index + match[0].length;
  }
  if (last < body.length) segments.push({ kind: "text", text: body.slice(last) });
  return segments;
}
