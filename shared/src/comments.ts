import * as Y from "yjs";
import { BoardInputError } from "./errors";
import { newId } from "./ids";
import { ensureArray, indexOfId, requireCard } from "./lookup";
import { parseMentions } from "./mentions";
import { getRoots } from "./schema";

/** Longest comment, in characters. */
export const MAX_COMMENT_LENGTH = 5_000;

/** One comment of a card's thread as the views read it. */
export interface Comment {
  readonly id: string;
  readonly authorId: string;
  readonly body: string;
  readonly createdAt: number;
  /** When the author last edited it, or null. */
  readonly editedAt: number | null;
  /** User ids mentioned in the body, derived from its `@[Name](userId)` tokens (never stored). */
  readonly mentions: readonly string[];
}

// comments.<cardId> is a Y.Array of Y.Maps {id, authorId, body, createdAt, editedAt?}. A card's
// thread is created with the card; appending keeps the order every peer sees (concurrent comments
// interleave the same way everywhere).

function normaliseBody(body: string): string {
  const trimmed = body.trim();
  if (trimmed.length === 0) throw new BoardInputError("comment_empty", "A comment cannot be empty.");
  if (trimmed.length > MAX_COMMENT_LENGTH) {
    throw new BoardInputError("comment_too_long", `A comment is at most ${MAX_COMMENT_LENGTH} characters.`);
  }
  return trimmed;
}

function thread(doc: Y.Doc, cardId: string): Y.Array<unknown> | undefined {
  const stored = getRoots(doc).comments.get(cardId);
  return stored instanceof Y.Array ? stored : undefined;
}

function requireComment(
  doc: Y.Doc,
  cardId: string,
  commentId: string,
): { array: Y.Array<unknown>; index: number } {
  const array = thread(doc, cardId);
  const index = array ? indexOfId(array, commentId) : -1;
  if (!array || index < 0) {
    throw new BoardInputError("comment_not_found", `There is no comment ${commentId} on card ${cardId}.`);
  }
  return { array, index };
}

/** Adds a comment at the end of a card's thread and returns its id. */
export function addComment(
  doc: Y.Doc,
  cardId: string,
  { body, by }: { body: string; by: string },
  origin?: unknown,
): string {
  const text = normaliseBody(body);
  const id = newId();
  doc.transact(() => {
    requireCard(doc, cardId);
    const comments = getRoots(doc).comments as Y.Map<unknown>;
    ensureArray<Y.Map<unknown>>(comments, cardId).push([
      new Y.Map<unknown>([
        ["id", id],
        ["authorId", by],
        ["body", text],
        ["createdAt", Date.now()],
      ]),
    ]);
  }, origin);
  return id;
}

/** Rewrites a comment's body; only its author may (`comment_not_yours` otherwise). */
export function editComment(
  doc: Y.Doc,
  cardId: string,
  commentId: string,
  { body, by }: { body: string; by: string },
  origin?: unknown,
): void {
  const text = normaliseBody(body);
  doc.transact(() => {
    const { array, index } = requireComment(doc, cardId, commentId);
    const comment = array.get(index) as Y.Map<unknown>;
    if (comment.get("authorId") !== by) {
      throw new BoardInputError("comment_not_yours", "Only the author of a comment can edit it.");
    }
    if (comment.get("body") === text) return;
    comment.set("body", text);
    comment.set("editedAt", Date.now());
  }, origin);
}

/** Deletes a comment (who may is the server's and the UI's call: authors, and editors moderating). */
export function deleteComment(doc: Y.Doc, cardId: string, commentId: string, origin?: unknown): void {
  doc.transact(() => {
    const { array } = requireComment(doc, cardId, commentId);
    for (let i = array.length - 1; i >= 0; i--) {
      const entry = array.get(i);
      if (entry instanceof Y.Map && entry.get("id") === commentId) array.delete(i);
    }
  }, origin);
}

/** Reads a card's comment thread in order, defensively ([] for a card without one; never throws). */
export function readComments(doc: Y.Doc, cardId: string): readonly Comment[] {
  const array = thread(doc, cardId);
  if (!array) return [];
  const comments: Comment[] = [];
  const seen = new Set<string>();
  for (const entry of array) {
    if (!(entry instanceof Y.Map)) continue;
    const id = entry.get("id");
    if (typeof id !== "string" || seen.has(id)) continue;
    seen.add(id);
    const authorId = entry.get("authorId");
    const body = entry.get("body");
    const createdAt = entry.get("createdAt");
    const editedAt = entry.get("editedAt");
    const text = typeof body === "string" ? body : "";
    comments.push({
      id,
      authorId: typeof authorId === "string" ? authorId : "",
      body: text,
      createdAt: typeof createdAt === "number" && Number.isFinite(createdAt) ? createdAt : 0,
      editedAt: typeof editedAt === "number" && Number.isFinite(editedAt) ? editedAt : null,
      mentions: parseMentions(text),
    });
  }
  return comments;
}

/** A live, cached view of one card's comments for `useSyncExternalStore`. */
export interface CommentsReader {
  subscribe(onChange: () => void): () => void;
  getSnapshot(): readonly Comment[];
  destroy(): void;
}

/**
 * Creates a cached reader over one card's thread, opened when a card's comments are shown: it is
 * notified only by changes to that thread, and the board reader never watches comments at all.
 */
export function createCommentsReader(doc: Y.Doc, cardId: string): CommentsReader {
  const { comments } = getRoots(doc);
  const listeners = new Set<() => void>();
  let snapshot: readonly Comment[] | null = null;
  let stale = true;
  const onComments = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    for (const event of events) {
      const touched =
        event.target === comments
          ? (event as Y.YMapEvent<unknown>).keysChanged.has(cardId)
          : event.path[0] === cardId;
      if (touched) stale = true;
    }
  };
  const afterTransaction = () => {
    if (!stale || snapshot === null) return;
    for (const listener of listeners) listener();
  };
  comments.observeDeep(onComments);
  doc.on("afterTransaction", afterTransaction);
  return {
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    getSnapshot() {
      if (stale || snapshot === null) {
        snapshot = readComments(doc, cardId);
        stale = false;
      }
      return snapshot;
    },
    destroy() {
      comments.unobserveDeep(onComments);
      doc.off("afterTransaction", afterTransaction);
      listeners.clear();
    },
  };
}
