import { formatMention, mentionSegments } from "@converge/shared";

/** A person mentioned while typing a comment: shown as "@Name" in the box, stored as a token. */
export interface DraftMention {
  readonly name: string;
  readonly userId: string;
}

/** What is typed after an "@" just before the caret: where it starts and the text so far, or null. */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)@([^\s@]{0,40})$/.exec(before);
  if (!match) return null;
  const query = match[2] ?? "";
  return { start: caret - query.length - 1, query };
}

/** Replaces the "@query" ending at `caret` with "@Name " and returns the new text and caret. */
export function insertMention(
  text: string,
  caret: number,
  start: number,
  name: string,
): { text: string; caret: number } {
  const inserted = `@${name} `;
  return { text: text.slice(0, start) + inserted + text.slice(caret), caret: start + inserted.length };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Turns the typed "@Name" of each picked person into the stored `@[Name](userId)` token. */
export function toStoredBody(text: string, mentions: readonly DraftMention[]): string {
  let body = text;
  const byLength = [...mentions].sort((a, b) => b.name.length - a.name.length);
  for (const mention of byLength) {
    const pattern = new RegExp(`(^|[^\\w\\]])@${escapeRegExp(mention.name)}(?![\\w])`, "g");
    body = body.replace(
      pattern,
      (_, lead: string) => `${lead}${formatMention(mention.name, mention.userId)}`,
    );
  }
  return body;
}

/** Turns a stored body back into what the box shows ("@Name") and the people it mentions, to edit it. */
export function toDraft(body: string): { text: string; mentions: DraftMention[] } {
  const mentions = new Map<string, DraftMention>();
  let text = "";
  for (const segment of mentionSegments(body)) {
    if (segment.kind === "text") text += segment.text;
    else {
      text += `@${segment.name}`;
      mentions.set(segment.userId, { name: segment.name, userId: segment.userId });
    }
  }
  return { text, mentions: [...mentions.values()] };
}
