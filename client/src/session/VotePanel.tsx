import {
  type Board,
  type Conflict,
  DEFAULT_DOT_BUDGET,
  POKER_SCALES,
  type PokerScale,
  parseConflictOption,
  type RoundState,
  type ScaleValue,
  type VoteKind,
} from "@converge/shared";
import { type FormEvent, useEffect, useState } from "react";
import { describeError } from "../api";
import { sideLabel } from "./conflictText";
import { castBallot, closeRound, getRound, openRound, type RoundView, revealRound } from "./votesApi";

/** Props of OpenVoteForm. */
export interface OpenVoteFormProps {
  readonly boardId: string;
  /** The cards shown now (the filter's result), which the round is opened on. */
  readonly cardIds: readonly string[];
  readonly defaultBudget: number | null;
}

/** The facilitator's form to open a dot vote or planning poker on the visible cards. */
export function OpenVoteForm({ boardId, cardIds, defaultBudget }: OpenVoteFormProps) {
  const [kind, setKind] = useState<VoteKind>("dot");
  const [budget, setBudget] = useState(String(defaultBudget ?? DEFAULT_DOT_BUDGET));
  const [scale, setScale] = useState<PokerScale>("fibonacci");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    openRound(boardId, {
      kind,
      cardIds: [...cardIds],
      ...(kind === "dot" ? { budget: Number(budget) } : { scale }),
    })
      .catch((failure: unknown) => setError(describeError(failure)))
      .finally(() => setBusy(false));
  };

  return (
    <form className="inline-form vote-open" onSubmit={submit} aria-label="Open a vote">
      <label>
        Vote
        <select
          className="text-input"
          value={kind}
          onChange={(event) => setKind(event.target.value as VoteKind)}
        >
          <option value="dot">Dot vote</option>
          <option value="poker">Planning poker</option>
        </select>
      </label>
      {kind === "dot" ? (
        <label>
          Dots each
          <input
            className="text-input session-minutes"
            type="number"
            min="1"
            max="100"
            value={budget}
            onChange={(event) => setBudget(event.target.value)}
          />
        </label>
      ) : (
        <label>
          Scale
          <select
            className="text-input"
            value={scale}
            onChange={(event) => setScale(event.target.value as PokerScale)}
          >
            <option value="fibonacci">Fibonacci</option>
            <option value="tshirt">T-shirt</option>
          </select>
        </label>
      )}
      <button type="submit" className="button small" disabled={busy || cardIds.length === 0}>
        Open vote on {cardIds.length} card{cardIds.length === 1 ? "" : "s"}
      </button>
      {error && (
        <span className="form-error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}

/** Props of VotePanel. */
export interface VotePanelProps {
  readonly boardId: string;
  readonly board: Board;
  /** The round's public state from the document (session.round). */
  readonly round: RoundState;
  readonly me: { readonly id: string };
  readonly names: ReadonlyMap<string, string>;
  /** The board's open conflicts, to name the sides of a quick vote on one. */
  readonly conflicts?: readonly Conflict[];
}

/**
 * What a round's "card" is called: a card's title, or a side of the conflict a quick vote is on, "Ada: In
 * progress" (from the round, which keeps the sides after the conflict is settled, or the open conflict).
 */
function optionTitle(
  board: Board,
  round: RoundState,
  cardId: string,
  conflicts: readonly Conflict[],
  names: ReadonlyMap<string, string>,
): string | null {
  const option = parseConflictOption(cardId);
  if (!option) return board.cards.get(cardId)?.title ?? null;
  const kept = round.sides[option.side];
  if (kept) return `${names.get(kept.userId) ?? "Someone"}: ${kept.value}`;
  const conflict = conflicts.find((candidate) => candidate.id === option.conflictId);
  return conflict ? sideLabel(board, conflict, option.side, names) : `Side ${option.side + 1}`;
}

function resultText(result: NonNullable<RoundView["results"]>["cards"][number]): string {
  if ("votes" in result) return `${result.votes} dot${result.votes === 1 ? "" : "s"}`;
  const spread = result.spread;
  if (!spread) return "no estimates";
  if (spread.consensus) return `consensus ${spread.median}`;
  return `${spread.min}–${spread.max}, median ${spread.median}, suggest ${spread.suggestion}`;
}

/**
 * The voting round everyone takes part in, viewers too: my ballots go to the server (never the document),
 * the board shows only who has voted until the facilitator reveals; then each card's dots or estimate
 * spread, widest disagreements highlighted.
 */
export function VotePanel({ boardId, board, round, me, names, conflicts = [] }: VotePanelProps) {
  const [view, setView] = useState<RoundView | null>(null);
  const [mine, setMine] = useState<ReadonlyMap<string, ScaleValue>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const { roundId, status } = round;

  // biome-ignore lint/correctness/useExhaustiveDependencies: a reveal or close (status) brings the results to read again.
  useEffect(() => {
    let cancelled = false;
    getRound(boardId, roundId)
      .then((read) => {
        if (cancelled) return;
        setView(read);
        setMine(new Map(read.mine.map((ballot) => [ballot.cardId, ballot.value])));
      })
      .catch((failure: unknown) => !cancelled && setError(describeError(failure)));
    return () => {
      cancelled = true;
    };
  }, [boardId, roundId, status]);

  const budget = round.budget ?? DEFAULT_DOT_BUDGET;
  const spent = [...mine.values()].reduce<number>(
    (sum, value) => sum + (typeof value === "number" ? value : 0),
    0,
  );
  const open = status === "open";
  const isFacilitator = round.facilitatorId === me.id;

  const cast = (cardId: string, value: ScaleValue) => {
    setError(null);
    castBallot(boardId, roundId, cardId, value)
      .then(() => setMine((current) => new Map(current).set(cardId, value)))
      .catch((failure: unknown) => setError(describeError(failure)));
  };
  const act = (call: (boardId: string, roundId: string) => Promise<RoundView>) => {
    setError(null);
    call(boardId, roundId)
      .then(setView)
      .catch((failure: unknown) => setError(describeError(failure)));
  };

  const results = new Map((view?.results?.cards ?? []).map((result) => [result.cardId, result]));
  const highlight = new Set(round.results?.highlight ?? view?.results?.highlight ?? []);
  const voters = round.voterIds.map((id) => names.get(id) ?? "Someone");
  const quickVote = round.cardIds[0] === undefined ? null : parseConflictOption(round.cardIds[0]);
  const quickVoteOn = quickVote ? (board.cards.get(quickVote.cardId)?.title ?? "a card") : null;
  // A quick vote whose conflict is settled has done its job: its options have nothing left to name.
  if (quickVote && !open && !conflicts.some((conflict) => conflict.id === quickVote.conflictId)) return null;

  return (
    <section className="vote-panel" aria-label="Vote" data-testid="vote-panel" data-status={status}>
      <header className="vote-header">
        <strong>
          {quickVoteOn
            ? `Quick vote on “${quickVoteOn}”`
            : round.kind === "dot"
              ? "Dot vote"
              : `Planning poker (${round.scale ?? "fibonacci"})`}
        </strong>
        <span className="muted">{status === "open" ? "open" : status}</span>
        <span data-testid="vote-voters">
          {voters.length === 0 ? "Nobody has voted yet" : `Voted: ${voters.join(", ")}`}
        </span>
        {open && round.kind === "dot" && (
          <span data-testid="vote-remaining">
            {budget - spent} of {budget} dots left
          </span>
        )}
        {isFacilitator && open && (
          <button type="button" className="button small primary" onClick={() => act(revealRound)}>
            Reveal
          </button>
        )}
        {isFacilitator && status !== "closed" && (
          <button type="button" className="button small ghost" onClick={() => act(closeRound)}>
            Close vote
          </button>
        )}
      </header>
      <ul className="vote-cards">
        {round.cardIds.map((cardId) => {
          const title = optionTitle(board, round, cardId, conflicts, names);
          if (title === null) return null;
          const card = { title };
          const value = mine.get(cardId);
          const result = results.get(cardId);
          return (
            <li
              key={cardId}
              className={`vote-card${highlight.has(cardId) ? " is-disagreement" : ""}`}
              data-testid="vote-card"
            >
              <span className="vote-card-title">{card.title}</span>
              {open && round.kind === "dot" && (
                <span className="vote-dots">
                  <button
                    type="button"
                    className="button small"
                    aria-label={`Take a dot from ${card.title}`}
                    disabled={typeof value !== "number" || value <= 0}
                    onClick={() => cast(cardId, (typeof value === "number" ? value : 0) - 1)}
                  >
                    −
                  </button>
                  <span data-testid="my-dots">{typeof value === "number" ? value : 0}</span>
                  <button
                    type="button"
                    className="button small"
                    aria-label={`Give ${card.title} a dot`}
                    disabled={spent >= budget}
                    onClick={() => cast(cardId, (typeof value === "number" ? value : 0) + 1)}
                  >
                    +
                  </button>
                </span>
              )}
              {open && round.kind === "poker" && (
                <label>
                  <span className="sr-only">Estimate for {card.title}</span>
                  <select
                    className="text-input"
                    value={value === undefined ? "" : String(value)}
                    onChange={(event) => {
                      const scale = POKER_SCALES[round.scale ?? "fibonacci"] as readonly ScaleValue[];
                      const picked = scale.find((point) => String(point) === event.target.value);
                      if (picked !== undefined) cast(cardId, picked);
                    }}
                  >
                    <option value="">Pick…</option>
                    {(POKER_SCALES[round.scale ?? "fibonacci"] as readonly ScaleValue[]).map((point) => (
                      <option key={String(point)} value={String(point)}>
                        {String(point)}
                      </option>
                    ))}
                  </select>
                </label>
              )}
              {!open && result && (
                <span className="vote-result" data-testid="vote-result">
                  {resultText(result)}
                  {highlight.has(cardId) ? " · widest disagreement" : ""}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
