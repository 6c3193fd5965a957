import { resultLabel, roundHeading, type SessionSummary, summaryMarkdown } from "@converge/shared";
import { useState } from "react";
import { Modal } from "../Modal";

/** Props of SummaryDialog. */
export interface SummaryDialogProps {
  /** Every kept summary, oldest first. */
  readonly summaries: readonly SessionSummary[];
  /** The one shown first. */
  readonly initialId: string;
  readonly names: ReadonlyMap<string, string>;
  readonly onOpenCard: (cardId: string) => void;
  readonly onClose: () => void;
}

/** The address that opens this summary on the board, for people who missed the session. */
export function summaryLink(summaryId: string): string {
  const url = new URL(window.location.href);
  url.search = "";
  url.searchParams.set("summary", summaryId);
  return url.toString();
}

function when(at: number | null): string {
  return at === null ? "?" : new Date(at).toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
}

/**
 * A session's summary: what moved, what was decided, the votes and the conflicts left open; copy it as
 * Markdown or copy a link that opens it, and pick an earlier session's summary.
 */
export function SummaryDialog({ summaries, initialId, names, onOpenCard, onClose }: SummaryDialogProps) {
  const [id, setId] = useState(initialId);
  const [copied, setCopied] = useState<string | null>(null);
  const summary = summaries.find((candidate) => candidate.id === id) ?? summaries.at(-1);
  if (!summary) return null;
  const name = (userId: string) => names.get(userId) ?? "someone";
  const copy = (text: string, what: string) => {
    navigator.clipboard
      .writeText(text)
      .then(() => setCopied(`${what} copied.`))
      .catch((error: unknown) => {
        console.error("Could not copy to the clipboard", error);
        setCopied(`Could not copy the ${what.toLowerCase()}: the browser refused.`);
      });
  };

  return (
    <Modal title="Session summary" onClose={onClose} className="panel-dialog" testId="session-summary">
      <div className="summary-toolbar">
        {summaries.length > 1 && (
          <label>
            Session
            <select className="text-input" value={summary.id} onChange={(event) => setId(event.target.value)}>
              {[...summaries].reverse().map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {when(candidate.endedAt)} · {candidate.facilitator?.name ?? "?"}
                </option>
              ))}
            </select>
          </label>
        )}
        <button
          type="button"
          className="button small"
          onClick={() => copy(summaryMarkdown(summary, name), "Markdown")}
        >
          Copy as Markdown
        </button>
        <button type="button" className="button small" onClick={() => copy(summaryLink(summary.id), "Link")}>
          Copy link
        </button>
        <span role="status" className="muted small-text">
          {copied}
        </span>
      </div>
      <label className="summary-link">
        Link to this summary
        <input
          className="text-input"
          readOnly
          value={summaryLink(summary.id)}
          data-testid="summary-link"
          onFocus={(event) => event.target.select()}
        />
      </label>
      <p className="muted">
        {when(summary.startedAt)} – {when(summary.endedAt)} · facilitated by{" "}
        {summary.facilitator?.name ?? "?"}
      </p>
      <h3>What moved</h3>
      {summary.moved.length === 0 ? (
        <p className="muted">Nothing moved.</p>
      ) : (
        <ul data-testid="summary-moved">
          {summary.moved.map((move) => (
            <li key={move.cardId}>
              <button type="button" className="link-button" onClick={() => onOpenCard(move.cardId)}>
                {move.title}
              </button>
              :{" "}
              {move.reranked
                ? `re-ranked in ${move.toLane}`
                : move.fromLane === move.toLane
                  ? `stays in ${move.toLane}`
                  : `${move.fromLane} → ${move.toLane}`}
              {move.fromTarget !== move.toTarget &&
                `, target ${move.fromTarget ?? "none"} → ${move.toTarget ?? "none"}`}
            </li>
          ))}
        </ul>
      )}
      <h3>Decisions</h3>
      {summary.decisions.length === 0 ? (
        <p className="muted">No decisions.</p>
      ) : (
        <ul data-testid="summary-decisions">
          {summary.decisions.map((decision) => (
            <li key={decision.id}>
              {decision.title} <span className="muted">({name(decision.decidedBy)})</span>
              {decision.rationale && ` — ${decision.rationale}`}
            </li>
          ))}
        </ul>
      )}
      <h3>Votes</h3>
      {summary.rounds.length === 0 ? (
        <p className="muted">No votes revealed.</p>
      ) : (
        <ul data-testid="summary-votes">
          {summary.rounds.map((round) => (
            <li key={round.roundId}>
              {roundHeading(round)}:{" "}
              {round.results.map((result) => `${resultLabel(result, name)} ${result.result}`).join("; ")}
            </li>
          ))}
        </ul>
      )}
      <h3>Open conflicts</h3>
      {summary.openConflicts.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul data-testid="summary-conflicts">
          {summary.openConflicts.map((conflict) => (
            <li key={`${conflict.cardId}-${conflict.field}-${conflict.sides.map((s) => s.userId).join()}`}>
              {conflict.title} ({conflict.field}):{" "}
              {conflict.sides.map((side) => `${name(side.userId)}: ${side.value}`).join(" vs ")}
            </li>
          ))}
        </ul>
      )}
    </Modal>
  );
}
