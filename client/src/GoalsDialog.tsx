import { archiveGoal, type Board, createGoal, renameGoal, setGoalDescription } from "@converge/shared";
import { type FormEvent, useState } from "react";
import type * as Y from "yjs";
import { attemptOp } from "./attemptOp";
import { UI_ORIGIN } from "./boardActions";
import { EditableText } from "./EditableText";
import { Modal } from "./Modal";

/** Props of GoalsDialog. */
export interface GoalsDialogProps {
  readonly doc: Y.Doc;
  readonly board: Board;
  readonly me: { readonly id: string };
  readonly readOnly: boolean;
  readonly onOpenCard: (cardId: string) => void;
  readonly onClose: () => void;
}

/** Product goals: create, rename, describe, archive or restore, each with the cards aligned to it. */
export function GoalsDialog({ doc, board, me, readOnly, onOpenCard, onClose }: GoalsDialogProps) {
  const [title, setTitle] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [showArchived, setShowArchived] = useState(false);
  const goals = board.goals.filter((goal) => showArchived || !goal.archived);
  const archivedCount = board.goals.filter((goal) => goal.archived).length;

  const add = (event: FormEvent) => {
    event.preventDefault();
    const refused = attemptOp(() => {
      createGoal(doc, { title, by: me.id }, UI_ORIGIN);
    });
    setError(refused);
    if (!refused) setTitle("");
  };

  return (
    <Modal title="Goals" onClose={onClose} className="panel-dialog" testId="goals-dialog">
      {!readOnly && (
        <form className="inline-form" onSubmit={add}>
          <input
            className="text-input"
            aria-label="New goal"
            placeholder="A new goal, e.g. Cut onboarding time in half"
            value={title}
            onChange={(event) => setTitle(event.target.value)}
          />
          <button type="submit" className="button small primary" disabled={title.trim() === ""}>
            Add goal
          </button>
        </form>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <ul className="goal-list">
        {goals.map((goal) => (
          <li key={goal.id} className={`goal${goal.archived ? " is-archived" : ""}`} data-testid="goal">
            <div className="goal-header">
              <h3 className="goal-title">
                {readOnly ? (
                  goal.title
                ) : (
                  <EditableText
                    value={goal.title}
                    label="Goal title"
                    onCommit={(next) => setError(attemptOp(() => renameGoal(doc, goal.id, next, UI_ORIGIN)))}
                  />
                )}
              </h3>
              <span className="muted small-text" data-testid="goal-count">
                {goal.cardIds.length} {goal.cardIds.length === 1 ? "card" : "cards"}
              </span>
              {!readOnly && (
                <button
                  type="button"
                  className="button small ghost"
                  onClick={() =>
                    setError(attemptOp(() => archiveGoal(doc, goal.id, !goal.archived, UI_ORIGIN)))
                  }
                >
                  {goal.archived ? "Restore" : "Archive"}
                  <span className="sr-only"> {goal.title}</span>
                </button>
              )}
            </div>
            <GoalDescription
              value={goal.description}
              readOnly={readOnly}
              label={`Description of ${goal.title}`}
              onCommit={(value) =>
                setError(attemptOp(() => setGoalDescription(doc, goal.id, value, UI_ORIGIN)))
              }
            />
            {goal.cardIds.length > 0 && (
              <ul className="goal-cards" aria-label={`Cards aligned to ${goal.title}`}>
                {goal.cardIds.map((cardId) => (
                  <li key={cardId}>
                    <button type="button" className="link-button" onClick={() => onOpenCard(cardId)}>
                      {board.cards.get(cardId)?.title ?? "Card"}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {goals.length === 0 && <p className="muted">No goals yet.</p>}
      {archivedCount > 0 && (
        <button type="button" className="button small ghost" onClick={() => setShowArchived(!showArchived)}>
          {showArchived ? "Hide archived goals" : `Show archived goals (${archivedCount})`}
        </button>
      )}
    </Modal>
  );
}

function GoalDescription({
  value,
  readOnly,
  label,
  onCommit,
}: {
  readonly value: string;
  readonly readOnly: boolean;
  readonly label: string;
  readonly onCommit: (value: string) => void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  if (readOnly) return value ? <p className="goal-description">{value}</p> : null;
  return (
    <textarea
      className="text-input goal-description"
      aria-label={label}
      placeholder="Why this goal matters, how we will know…"
      rows={2}
      value={draft ?? value}
      onFocus={() => setDraft(value)}
      onChange={(event) => setDraft(event.target.value)}
      onBlur={() => {
        if (draft !== null && draft !== value) onCommit(draft);
        setDraft(null);
      }}
    />
  );
}
