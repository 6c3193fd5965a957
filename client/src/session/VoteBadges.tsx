import type { Card } from "@converge/shared";

/** A card's revealed vote results as badges: the dot total, and a poker round's spread or consensus. */
export function VoteBadges({ card }: { readonly card: Card }) {
  const spread = card.estimateSpread;
  if (card.votes === null && spread === null) return null;
  return (
    <span className="card-badges vote-badges">
      {card.votes !== null && (
        <span className="badge badge-votes" data-testid="badge-votes" title="Dots in the last vote">
          <span aria-hidden="true">● </span>
          {card.votes}
          <span className="sr-only"> dot{card.votes === 1 ? "" : "s"}</span>
        </span>
      )}
      {spread && (
        <span
          className={`badge badge-estimate${spread.consensus ? " is-consensus" : ""}`}
          data-testid="badge-estimate"
          title="Estimates in the last planning poker"
        >
          <span className="sr-only">estimates </span>
          {spread.consensus ? `✓ ${String(spread.median)}` : `${String(spread.min)}–${String(spread.max)}`}
          <span className="sr-only">
            {spread.consensus ? " consensus" : ` spread, median ${String(spread.median)}`}
          </span>
        </span>
      )}
    </span>
  );
}
