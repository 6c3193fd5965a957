import type { Card as CardData } from "@converge/shared";
import { useEffect, useRef } from "react";
import type { BoardActions } from "./boardActions";
import { DescriptionEditor } from "./DescriptionEditor";
import { EditableText } from "./EditableText";

const IGNORE_FOCUS = () => undefined;

/** Props of CardDialog. */
export interface CardDialogProps {
  readonly card: CardData;
  readonly laneTitle: string;
  readonly actions: BoardActions;
  readonly onEditing: (cardId: string | null) => void;
  readonly onClose: () => void;
  /** View only: the title and description are shown, not editable; no archiving. */
  readonly readOnly?: boolean;
}

/** The card detail dialog: rename, edit the description live with others, archive (or only read, for viewers). */
export function CardDialog({
  card,
  laneTitle,
  actions,
  onEditing,
  onClose,
  readOnly = false,
}: CardDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (typeof dialog.showModal === "function") dialog.showModal();
    else dialog.setAttribute("open", "");
    return () => {
      if (dialog.open && typeof dialog.close === "function") dialog.close();
    };
  }, []);

  const editing = (focused: boolean) => onEditing(focused ? card.id : null);
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
                onEditingChange={editing}
                onCommit={(title) => actions.renameCard(card.id, title)}
              />
            )}
          </h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            ✕
          </button>
        </header>
        <p className="card-dialog-lane">
          in <strong>{laneTitle}</strong>
        </p>
        <DescriptionEditor
          value={card.description}
          onChange={(value) => actions.setDescription(card.id, value)}
          onFocusChange={readOnly ? IGNORE_FOCUS : editing}
          readOnly={readOnly}
        />
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
