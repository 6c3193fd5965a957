import {
  addComment,
  type Comment,
  createCommentsReader,
  deleteComment,
  editComment,
  mentionSegments,
} from "@converge/shared";
import { useEffect, useId, useMemo, useState, useSyncExternalStore } from "react";
import type * as Y from "yjs";
import { attemptOp } from "./attemptOp";
import { UI_ORIGIN } from "./boardActions";
import { MentionInput } from "./MentionInput";
import { type DraftMention, toDraft, toStoredBody } from "./mentionDraft";
import type { ViewMember } from "./views/ViewProps";

/** Props of CommentThread. */
export interface CommentThreadProps {
  readonly doc: Y.Doc;
  readonly cardId: string;
  readonly me: { readonly id: string; readonly name: string };
  readonly members: readonly ViewMember[];
  readonly readOnly: boolean;
}

function useComments(doc: Y.Doc, cardId: string): readonly Comment[] {
  const reader = useMemo(() => createCommentsReader(doc, cardId), [doc, cardId]);
  useEffect(() => () => reader.destroy(), [reader]);
  return useSyncExternalStore(reader.subscribe, reader.getSnapshot);
}

const TIME = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** A card's comments, live: write with @mentions, edit or delete your own; mentions show as names. */
export function CommentThread({ doc, cardId, me, members, readOnly }: CommentThreadProps) {
  const id = useId();
  const comments = useComments(doc, cardId);
  const names = useMemo(() => new Map(members.map((member) => [member.id, member.name])), [members]);
  const [draft, setDraft] = useState("");
  const [mentions, setMentions] = useState<readonly DraftMention[]>([]);
  const [editing, setEditing] = useState<{
    id: string;
    text: string;
    mentions: readonly DraftMention[];
  } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const post = () => {
    const refused = attemptOp(() =>
      addComment(doc, cardId, { body: toStoredBody(draft, mentions), by: me.id }, UI_ORIGIN),
    );
    setError(refused);
    if (!refused) {
      setDraft("");
      setMentions([]);
    }
  };

  const saveEdit = () => {
    if (!editing) return;
    const refused = attemptOp(() =>
      editComment(
        doc,
        cardId,
        editing.id,
        { body: toStoredBody(editing.text, editing.mentions), by: me.id },
        UI_ORIGIN,
      ),
    );
    setError(refused);
    if (!refused) setEditing(null);
  };

  return (
    <section className="comments" aria-labelledby={`${id}-title`} data-testid="comments">
      <h3 id={`${id}-title`} className="card-section-title">
        Comments {comments.length > 0 && <span className="muted">{comments.length}</span>}
      </h3>
      <ol className="comment-list">
        {comments.map((comment) => {
          const mine = comment.authorId === me.id;
          return (
            <li key={comment.id} className="comment" data-testid="comment">
              <p className="comment-meta">
                <strong>{names.get(comment.authorId) ?? "Someone"}</strong>{" "}
                <time className="muted" dateTime={new Date(comment.createdAt).toISOString()}>
                  {TIME.format(comment.createdAt)}
                </time>
                {comment.editedAt !== null && <span className="muted"> (edited)</span>}
              </p>
              {editing?.id === comment.id ? (
                <div className="comment-edit">
                  <MentionInput
                    label="Edit comment"
                    value={editing.text}
                    mentions={editing.mentions}
                    members={members}
                    onChange={(text, next) => setEditing({ id: comment.id, text, mentions: next })}
                    onSubmit={saveEdit}
                  />
                  <div className="comment-actions">
                    <button type="button" className="button small primary" onClick={saveEdit}>
                      Save
                    </button>
                    <button type="button" className="button small ghost" onClick={() => setEditing(null)}>
                      Cancel
                    </button>
                  </div>
                </div>
              ) : (
                <p className="comment-body">
                  {mentionSegments(comment.body).map((segment, index) =>
                    segment.kind === "text" ? (
                      // biome-ignore lint/suspicious/noArrayIndexKey: segments of one body never reorder.
                      <span key={index}>{segment.text}</span>
                    ) : (
                      <mark
                        // biome-ignore lint/suspicious/noArrayIndexKey: segments of one body never reorder.
                        key={index}
                        className={`mention${segment.userId === me.id ? " is-me" : ""}`}
                        data-testid="mention"
                      >
                        @{names.get(segment.userId) ?? segment.name}
                      </mark>
                    ),
                  )}
                </p>
              )}
              {mine && !readOnly && editing?.id !== comment.id && (
                <div className="comment-actions">
                  <button
                    type="button"
                    className="button small ghost"
                    onClick={() => setEditing({ id: comment.id, ...toDraft(comment.body) })}
                  >
                    Edit<span className="sr-only"> comment</span>
                  </button>
                  <button
                    type="button"
                    className="button small ghost"
                    onClick={() =>
                      setError(attemptOp(() => deleteComment(doc, cardId, comment.id, UI_ORIGIN)))
                    }
                  >
                    Delete<span className="sr-only"> comment</span>
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ol>
      {comments.length === 0 && <p className="muted small-text">No comments yet.</p>}
      {!readOnly && (
        <div className="comment-new">
          <MentionInput
            label="Write a comment"
            placeholder="Write a comment; type @ to mention someone"
            value={draft}
            mentions={mentions}
            members={members}
            onChange={(text, next) => {
              setDraft(text);
              setMentions(next);
            }}
            onSubmit={post}
            testId="comment-input"
          />
          <button
            type="button"
            className="button small primary"
            onClick={post}
            disabled={draft.trim() === ""}
          >
            Comment
          </button>
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
