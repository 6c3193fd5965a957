import {
  createEvidence,
  EVIDENCE_SOURCES,
  type Evidence,
  type EvidenceSource,
  linkEvidence,
  unlinkEvidence,
} from "@converge/shared";
import { type FormEvent, useId, useState } from "react";
import type * as Y from "yjs";
import { attemptOp } from "./attemptOp";
import { UI_ORIGIN } from "./boardActions";

/** Props of CardEvidence. */
export interface CardEvidenceProps {
  readonly doc: Y.Doc;
  readonly cardId: string;
  readonly evidence: readonly Evidence[];
  readonly me: { readonly id: string };
  readonly readOnly: boolean;
}

/** How a piece of evidence is attributed: "Acme · interview · 2026-03-02". */
export function evidenceByline(item: Evidence): string {
  return [item.customer || "Anonymous", item.source, item.date].filter(Boolean).join(" · ");
}

/** The customer evidence linked to a card: list, unlink, link an existing quote, record a new one. */
export function CardEvidence({ doc, cardId, evidence, me, readOnly }: CardEvidenceProps) {
  const id = useId();
  const linked = evidence.filter((item) => item.cardIds.includes(cardId));
  const others = evidence.filter((item) => !item.cardIds.includes(cardId));
  const [choice, setChoice] = useState("");
  const [adding, setAdding] = useState(false);
  const [quote, setQuote] = useState("");
  const [source, setSource] = useState<EvidenceSource>("interview");
  const [customer, setCustomer] = useState("");
  const [date, setDate] = useState("");
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const refused = attemptOp(() =>
      createEvidence(
        doc,
        { quote, source, customer, date: date === "" ? null : date, cardIds: [cardId], by: me.id },
        UI_ORIGIN,
      ),
    );
    setError(refused);
    if (!refused) {
      setQuote("");
      setCustomer("");
      setDate("");
      setAdding(false);
    }
  };

  return (
    <section className="card-evidence" aria-labelledby={`${id}-title`} data-testid="card-evidence">
      <h3 id={`${id}-title`} className="card-section-title">
        Customer evidence {linked.length > 0 && <span className="muted">{linked.length}</span>}
      </h3>
      <ul className="evidence-list">
        {linked.map((item) => (
          <li key={item.id} className="evidence-item" data-testid="evidence-item">
            <blockquote className="evidence-quote">“{item.quote}”</blockquote>
            <p className="evidence-byline muted">
              {evidenceByline(item)}
              {!readOnly && (
                <button
                  type="button"
                  className="button small ghost"
                  aria-label={`Unlink “${item.quote.slice(0, 40)}”`}
                  onClick={() => setError(attemptOp(() => unlinkEvidence(doc, item.id, cardId, UI_ORIGIN)))}
                >
                  Unlink
                </button>
              )}
            </p>
          </li>
        ))}
      </ul>
      {linked.length === 0 && <p className="muted small-text">No evidence linked yet.</p>}
      {!readOnly && others.length > 0 && (
        <div className="evidence-link-row">
          <select
            className="text-input"
            aria-label="Existing evidence to link"
            value={choice}
            onChange={(event) => setChoice(event.target.value)}
          >
            <option value="">Link existing evidence…</option>
            {others.map((item) => (
              <option key={item.id} value={item.id}>
                {item.quote.slice(0, 60)} — {item.customer || "Anonymous"}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button small"
            disabled={choice === ""}
            onClick={() => {
              setError(attemptOp(() => linkEvidence(doc, choice, cardId, UI_ORIGIN)));
              setChoice("");
            }}
          >
            Link
          </button>
        </div>
      )}
      {!readOnly &&
        (adding ? (
          <form className="evidence-form" onSubmit={submit} aria-label="New evidence">
            <label className="field">
              Quote
              <textarea
                className="text-input"
                required
                rows={2}
                value={quote}
                onChange={(event) => setQuote(event.target.value)}
              />
            </label>
            <div className="evidence-form-row">
              <label className="field">
                Source
                <select
                  className="text-input"
                  value={source}
                  onChange={(event) => setSource(event.target.value as EvidenceSource)}
                >
                  {EVIDENCE_SOURCES.map((option) => (
                    <option key={option} value={option}>
                      {option}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                Customer
                <input
                  className="text-input"
                  value={customer}
                  onChange={(event) => setCustomer(event.target.value)}
                />
              </label>
              <label className="field">
                Date
                <input
                  className="text-input"
                  type="date"
                  value={date}
                  onChange={(event) => setDate(event.target.value)}
                />
              </label>
            </div>
            <div className="comment-actions">
              <button type="submit" className="button small primary">
                Add evidence
              </button>
              <button type="button" className="button small ghost" onClick={() => setAdding(false)}>
                Cancel
              </button>
            </div>
          </form>
        ) : (
          <button type="button" className="button small" onClick={() => setAdding(true)}>
            Add a quote
          </button>
        ))}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
