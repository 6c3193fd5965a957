import type { Board, Card as CardData, Peer, PresenceActivity } from "@converge/shared";
import { type ReactNode, useEffect, useMemo, useRef } from "react";
import type * as Y from "yjs";
import { ActivityFeed } from "./ActivityFeed";
import type { BoardActions } from "./boardActions";
import { CardEvidence } from "./CardEvidence";
import { CardFieldsForm } from "./CardFieldsForm";
import { ChecklistEditor } from "./ChecklistEditor";
import { CommentThread } from "./CommentThread";
import { DescriptionEditor } from "./DescriptionEditor";
import { EditableText } from "./EditableText";
import { FieldPresence } from "./FieldPresence";
import { namesById } from "./people";
import type { ViewMember } from "./views/ViewProps";

const IGNORE_FOCUS = () => undefined;

/** Props of CardDialog. */
export interface CardDialogProps {
  readonly card: CardData;
  readonly laneTitle: string;
  readonly doc: Y.Doc;
  readonly boardId: string;
  /** The board, for its teams, goals, evidence and scoring model. */
  readonly board: Board;
  readonly members: readonly ViewMember[];
  readonly me: { readonly id: string; readonly name: string };
  readonly actions: BoardActions;
  /** Everyone else on the board, to show who is typing in which field. */
  readonly peers: readonly Peer[];
  /** Publishes what I am doing with this card: viewing it while open, editing a field while in it. */
  readonly onActivity: (activity: PresenceActivity | null) => void;
  readonly onClose: () => void;
  /** View only: the title and description are shown, not editable; no archiving. */
  readonly readOnly?: boolean;
  /** Controls shown under the title (the live session's spotlight, for instance). */
  readonly extra?: ReactNode;
}

/**
 * The card detail dialog: rename, the description edited live with others, every planning field and
 * the live score, the checklist, linked customer evidence, comments with @mentions and the card's
 * activity; archive. Viewers read it all and change nothing.
 */
export function CardDialog({
  card,
  laneTitle,
  doc,
  boardId,
  board,
  members,
  me,
  actions,
  peers,
  onActivity,
  onClose,
  readOnly = false,
  extra,
}: CardDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const names = useMemo(() => namesById(members), [members]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (typeof dialog.showModal === "function") dialog.showModal();
    else dialog.setAttribute("open", "");
    return () => {
      if (dialog.open && typeof dialog.close === "function") dialog.close();
    };
  }, []);

  useEffect(() => {
    onActivity({ kind: "viewing", cardId: card.id });
    return () => onActivity(null);
  }, [onActivity, card.id]);

  const editing = (field: string | null) =>
    onActivity(field ? { kind: "editing", cardId: card.id, field } : { kind: "viewing", cardId: card.id });
  const editingIn = (field: string) => (focused: boolean) => editing(focused ? field : null);
  const titleId = `card-dialog-title-${card.id}`;

  return (
    <dialog
      ref={ref}
      className="card-dialog"
      aria-labelledby={titleId}
      data-testid="card-dialog"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          onClose();
        }
      }}
    >
      <div className="card-dialog-body">
        <header className="card-dialog-header">
          <h2 id={titleId} className="card-dialog-title">
            {readOnly ? (
              card.title
            ) : (
              <EditableText
                value={card.title}
                label="Card title"
                onEditingChange={editingIn("title")}
                onCommit={(title) => actions.renameCard(card.id, title)}
              />
            )}
          </h2>
          <FieldPresence peers={peers} cardId={card.id} field="title" />
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            ✕
          </button>
        </header>
        <p className="card-dialog-lane">
          in <strong>{laneTitle}</strong>
        </p>
        {extra && <div className="card-dialog-extra">{extra}</div>}
        <div className="card-dialog-columns">
          <div className="card-dialog-main">
            <FieldPresence peers={peers} cardId={card.id} field="description" />
            <DescriptionEditor
              value={card.description}
              onChange={(value) => actions.setDescription(card.id, value)}
              onFocusChange={readOnly ? IGNORE_FOCUS : editingIn("description")}
              readOnly={readOnly}
            />
            <ChecklistEditor doc={doc} cardId={card.id} items={card.checklist} readOnly={readOnly} />
            <CardEvidence doc={doc} cardId={card.id} evidence={board.evidence} me={me} readOnly={readOnly} />
            <CommentThread doc={doc} cardId={card.id} me={me} members={members} readOnly={readOnly} />
            <ActivityFeed boardId={boardId} cardId={card.id} names={names} board={board} />
          </div>
          <aside className="card-dialog-side" aria-label="Planning">
            <CardFieldsForm
              doc={doc}
              card={card}
              board={board}
              members={members}
              readOnly={readOnly}
              peers={peers}
              onFieldFocus={readOnly ? undefined : editing}
            />
          </aside>
        </div>
        <footer className="card-dialog-footer">
          {!readOnly && (
            <button
              type="button"
              className="button ghost"
              onClick={() => {
                actions.archiveCard(card.id);
                onClose();
              }}
            >
              Archive card
            </button>
          )}
          <button type="button" className="button primary" onClick={onClose}>
            Done
          </button>
        </footer>
      </div>
    </dialog>
  );
}
