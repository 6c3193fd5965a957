import { useEffect, useRef, useState } from "react";
import { describeError } from "./api";
import { type BoardSummary, canEdit, renameBoardRecord } from "./boardsApi";
import { Link } from "./Link";
import { MemberAvatars } from "./MemberAvatars";
import { RoleBadge } from "./RoleBadge";

/** Props of BoardRow. */
export interface BoardRowProps {
  readonly board: BoardSummary;
  readonly onRenamed: (board: BoardSummary) => void;
  readonly onDelete: (board: BoardSummary) => void;
}

function formatDate(value: string | number): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? "" : date.toLocaleDateString(undefined, { dateStyle: "medium" });
}

/** One board in "Your boards": open it, my role, who is in it, and rename / delete when my role allows. */
export function BoardRow({ board, onRenamed, onDelete }: BoardRowProps) {
  const [renaming, setRenaming] = useState(false);
  const [draft, setDraft] = useState(board.title);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const renameButton = useRef<HTMLButtonElement>(null);
  const wasRenaming = useRef(false);

  useEffect(() => {
    if (!renaming && wasRenaming.current) renameButton.current?.focus();
    wasRenaming.current = renaming;
  }, [renaming]);

  const save = async () => {
    const title = draft.trim();
    if (title === "" || title === board.title) {
      setRenaming(false);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onRenamed(await renameBoardRecord(board.id, title));
      setRenaming(false);
    } catch (failure) {
      console.error("Could not rename a board", failure);
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="board-row" data-testid="board-row" data-board-id={board.id}>
      {renaming ? (
        <form
          className="board-rename"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <input
            className="text-input"
            aria-label={`New title for ${board.title}`}
            maxLength={500}
            // biome-ignore lint/a11y/noAutofocus: the field appears because the person asked to rename this board.
            autoFocus
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Escape") {
                event.preventDefault();
                setRenaming(false);
                setError(null);
              }
            }}
          />
          <button type="submit" className="button primary small" disabled={busy}>
            Save
          </button>
          <button
            type="button"
            className="button ghost small"
            onClick={() => {
              setRenaming(false);
              setError(null);
            }}
          >
            Cancel
          </button>
        </form>
      ) : (
        <Link href={`/boards/${encodeURIComponent(board.id)}`} className="board-link">
          <span className="board-link-title">{board.title}</span>
          <span className="muted board-link-date">Created {formatDate(board.createdAt)}</span>
        </Link>
      )}
      <RoleBadge role={board.role} />
      <MemberAvatars members={board.members} />
      <div className="board-row-actions">
        {canEdit(board.role) && !renaming && (
          <button
            ref={renameButton}
            type="button"
            className="button ghost small"
            aria-label={`Rename ${board.title}`}
            onClick={() => {
              setDraft(board.title);
              setRenaming(true);
            }}
          >
            Rename
          </button>
        )}
        {board.role === "owner" && (
          <button
            type="button"
            className="button ghost small danger-text"
            aria-label={`Delete ${board.title}`}
            onClick={() => onDelete(board)}
          >
            Delete
          </button>
        )}
      </div>
      {error && (
        <p className="form-error board-row-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
