import {
  type Board,
  DECISION_KINDS,
  type Decision,
  type DecisionKind,
  filterDecisions,
} from "@converge/shared";
import { useId, useMemo, useState } from "react";
import { Modal } from "../Modal";

/** Props of DecisionsPanel. */
export interface DecisionsPanelProps {
  readonly decisions: readonly Decision[];
  readonly board: Board;
  readonly names: ReadonlyMap<string, string>;
  readonly onOpenCard: (cardId: string) => void;
  readonly onClose: () => void;
}

const KIND_LABELS: Record<DecisionKind, string> = {
  priority: "Priority",
  conflict: "Settled conflict",
  vote: "Vote",
  other: "Other",
};

function when(at: number): string {
  return new Date(at).toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
}

/**
 * The decision log (root `decisions`), newest first and live for everyone: what was decided, by whom and
 * when, the alternatives, the rationale and the linked cards (each opens the card), filtered by text,
 * kind and card.
 */
export function DecisionsPanel({ decisions, board, names, onOpenCard, onClose }: DecisionsPanelProps) {
  const [text, setText] = useState("");
  const [kind, setKind] = useState<DecisionKind | "">("");
  const [cardId, setCardId] = useState("");
  const countId = useId();
  const linkedCards = useMemo(() => {
    const ids = new Set(decisions.flatMap((decision) => decision.cardIds));
    return [...ids]
      .map((id) => ({ id, title: board.cards.get(id)?.title }))
      .filter((card): card is { id: string; title: string } => card.title !== undefined)
      .sort((a, b) => a.title.localeCompare(b.title));
  }, [decisions, board]);
  const shown = filterDecisions(decisions, {
    ...(text.trim() ? { text } : {}),
    ...(kind ? { kind } : {}),
    ...(cardId ? { cardId } : {}),
  }).reverse();

  return (
    <Modal title="Decisions" onClose={onClose} className="panel-dialog" testId="decisions-panel">
      <fieldset className="decision-filters">
        <legend className="sr-only">Filter decisions</legend>
        <label>
          Search decisions
          <input
            className="text-input"
            type="search"
            value={text}
            data-autofocus
            aria-describedby={countId}
            onChange={(event) => setText(event.target.value)}
          />
        </label>
        <label>
          Kind
          <select
            className="text-input"
            value={kind}
            onChange={(event) => setKind(event.target.value as DecisionKind | "")}
          >
            <option value="">All kinds</option>
            {DECISION_KINDS.map((value) => (
              <option key={value} value={value}>
                {KIND_LABELS[value]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Card
          <select className="text-input" value={cardId} onChange={(event) => setCardId(event.target.value)}>
            <option value="">All cards</option>
            {linkedCards.map((card) => (
              <option key={card.id} value={card.id}>
                {card.title}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <p id={countId} className="muted small-text" role="status" data-testid="decision-count">
        {shown.length} of {decisions.length} decision{decisions.length === 1 ? "" : "s"}
      </p>
      {shown.length === 0 ? (
        <p className="empty-state muted">
          {decisions.length === 0
            ? "No decisions yet. Record one from a card, or settle a conflict."
            : "No decision matches."}
        </p>
      ) : (
        <ol className="decision-list">
          {shown.map((decision) => (
            <li key={decision.id} className="decision" data-testid="decision">
              <h3 className="decision-title">{decision.title}</h3>
              <p className="muted small-text">
                <span className="badge">{KIND_LABELS[decision.kind]}</span> by{" "}
                {names.get(decision.decidedBy) ?? "someone"} · <time>{when(decision.decidedAt)}</time>
              </p>
              {decision.alternatives.length > 0 && (
                <p className="decision-alternatives">
                  <strong>Alternatives:</strong> {decision.alternatives.join(" · ")}
                </p>
              )}
              {decision.rationale && (
                <p className="decision-rationale">
                  <strong>Why:</strong> {decision.rationale}
                </p>
              )}
              {decision.cardIds.length > 0 && (
                <p className="decision-cards">
                  <strong>Cards:</strong>{" "}
                  {decision.cardIds.map((id) => {
                    const card = board.cards.get(id);
                    return card ? (
                      <button
                        key={id}
                        type="button"
                        className="link-button"
                        aria-label={`Open card ${card.title}`}
                        onClick={() => onOpenCard(id)}
                      >
                        {card.title}
                      </button>
                    ) : (
                      <span key={id} className="muted">
                        (deleted card){" "}
                      </span>
                    );
                  })}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </Modal>
  );
}
