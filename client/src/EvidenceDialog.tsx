import {
  type Board,
  EVIDENCE_SOURCES,
  type EvidenceSource,
  linkEvidence,
  unlinkEvidence,
} from "@converge/shared";
import { useState } from "react";
import type * as Y from "yjs";
import { attemptOp } from "./attemptOp";
import { UI_ORIGIN } from "./boardActions";
import { evidenceByline } from "./CardEvidence";
import { Modal } from "./Modal";

/** Props of EvidenceDialog. */
export interface EvidenceDialogProps {
  readonly doc: Y.Doc;
  readonly board: Board;
  readonly readOnly: boolean;
  readonly onOpenCard: (cardId: string) => void;
  readonly onClose: () => void;
}

/** All customer evidence on the board, newest first, filterable by source; link each to cards. */
export function EvidenceDialog({ doc, board, readOnly, onOpenCard, onClose }: EvidenceDialogProps) {
  const [source, setSource] = useState<EvidenceSource | "">("");
  const [error, setError] = useState<string | null>(null);
  const items = board.evidence.filter((item) => source === "" || item.source === source);
  const liveCards = board.lanes.flatMap((lane) => lane.cardIds);

  return (
    <Modal title="Customer evidence" onClose={onClose} className="panel-dialog" testId="evidence-dialog">
      <label className="field">
        Source
        <select
          className="text-input"
          value={source}
          onChange={(event) => setSource(event.target.value as EvidenceSource | "")}
        >
          <option value="">All sources</option>
          {EVIDENCE_SOURCES.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      </label>
      <p className="muted small-text" role="status">
        {items.length} of {board.evidence.length} pieces of evidence
      </p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <ul className="evidence-list">
        {items.map((item) => {
          const unlinked = liveCards.filter((cardId) => !item.cardIds.includes(cardId));
          return (
            <li key={item.id} className="evidence-item" data-testid="evidence-row">
              <blockquote className="evidence-quote">“{item.quote}”</blockquote>
              <p className="evidence-byline muted">{evidenceByline(item)}</p>
              <ul className="chips" aria-label="Linked cards">
                {item.cardIds.map((cardId) => {
                  const card = board.cards.get(cardId);
                  if (!card) return null;
                  return (
                    <li key={cardId} className="chip">
                      <button type="button" className="link-button" onClick={() => onOpenCard(cardId)}>
                        {card.title}
                      </button>
                      {!readOnly && (
                        <button
                          type="button"
                          className="chip-remove"
                          aria-label={`Unlink from ${card.title}`}
                          onClick={() =>
                            setError(attemptOp(() => unlinkEvidence(doc, item.id, cardId, UI_ORIGIN)))
                          }
                        >
                          ✕
                        </button>
                      )}
                    </li>
                  );
                })}
              </ul>
              {!readOnly && unlinked.length > 0 && (
                <select
                  className="text-input"
                  aria-label={`Link “${item.quote.slice(0, 40)}” to a card`}
                  value=""
                  onChange={(event) => {
                    const cardId = event.target.value;
                    if (cardId) setError(attemptOp(() => linkEvidence(doc, item.id, cardId, UI_ORIGIN)));
                  }}
                >
                  <option value="">Link to a card…</option>
                  {unlinked.map((cardId) => (
                    <option key={cardId} value={cardId}>
                      {board.cards.get(cardId)?.title}
                    </option>
                  ))}
                </select>
              )}
            </li>
          );
        })}
      </ul>
      {board.evidence.length === 0 && (
        <p className="muted">No evidence yet. Add a customer quote from a card's details.</p>
      )}
    </Modal>
  );
}
