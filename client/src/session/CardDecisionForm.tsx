import { type Card, recordDecision } from "@converge/shared";
import { type FormEvent, useEffect, useRef, useState } from "react";
import type * as Y from "yjs";
import { attemptOp } from "../attemptOp";
import { RECORD_ORIGIN } from "./localUndo";
import { useDecisions } from "./useSessionRecords";

/** Props of CardDecisionForm. */
export interface CardDecisionFormProps {
  readonly doc: Y.Doc;
  readonly card: Card;
  readonly me: { readonly id: string };
  readonly readOnly: boolean;
}

/**
 * In a card's dialog: the decisions linked to this card, and "Record decision" (what was decided, the
 * alternatives one per line, the rationale) appended to the decision log as a priority decision.
 */
export function CardDecisionForm({ doc, card, me, readOnly }: CardDecisionFormProps) {
  const decisions = useDecisions(doc).filter((decision) => decision.cardIds.includes(card.id));
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState("");
  const [alternatives, setAlternatives] = useState("");
  const [rationale, setRationale] = useState("");
  const [error, setError] = useState<string | null>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (editing) titleRef.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      openerRef.current?.focus();
    }
  }, [editing]);

  const close = () => {
    returnFocus.current = true;
    setEditing(false);
    setError(null);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const refused = attemptOp(() =>
      recordDecision(
        doc,
        {
          title,
          decidedBy: me.id,
          alternatives: alternatives
            .split("\n")
            .map((line) => line.trim())
            .filter(Boolean),
          rationale,
          cardIds: [card.id],
          kind: "priority",
        },
        RECORD_ORIGIN,
      ),
    );
    setError(refused);
    if (refused) return;
    setTitle("");
    setAlternatives("");
    setRationale("");
    close();
  };

  return (
    <section className="card-decisions" aria-label="Decisions on this card">
      {decisions.length > 0 && (
        <ul className="card-decision-list" data-testid="card-decisions">
          {decisions.map((decision) => (
            <li key={decision.id}>
              <strong>Decided:</strong> {decision.title}
            </li>
          ))}
        </ul>
      )}
      {!readOnly && !editing && (
        <button
          ref={openerRef}
          type="button"
          className="button small"
          aria-expanded={false}
          onClick={() => setEditing(true)}
        >
          Record decision
        </button>
      )}
      {editing && (
        <form className="decision-form" onSubmit={submit} aria-label="Record a decision">
          <label>
            Decision
            <input
              ref={titleRef}
              className="text-input"
              required
              maxLength={300}
              placeholder="e.g. Search goes to Now"
              value={title}
              onChange={(event) => setTitle(event.target.value)}
            />
          </label>
          <label>
            Alternatives (one per line)
            <textarea
              className="text-input"
              rows={2}
              value={alternatives}
              onChange={(event) => setAlternatives(event.target.value)}
            />
          </label>
          <label>
            Rationale
            <textarea
              className="text-input"
              rows={2}
              maxLength={5000}
              value={rationale}
              onChange={(event) => setRationale(event.target.value)}
            />
          </label>
          <span className="decision-form-actions">
            <button type="submit" className="button small primary">
              Save decision
            </button>
            <button type="button" className="button small ghost" onClick={close}>
              Cancel
            </button>
          </span>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
