import {
  type Board,
  type Conflict,
  conflictOptionIds,
  conflictVoteWinner,
  type RoundState,
  settleConflict,
} from "@converge/shared";
import { useEffect, useState } from "react";
import type * as Y from "yjs";
import { describeError } from "../api";
import { attemptOp } from "../attemptOp";
import { describeValue, sideLabel } from "./conflictText";
import { RECORD_ORIGIN } from "./localUndo";
import { castBallot, getRound, openRound, revealRound } from "./votesApi";

/** Props of ConflictBox. */
export interface ConflictBoxProps {
  readonly doc: Y.Doc;
  readonly boardId: string;
  readonly board: Board;
  readonly conflicts: readonly Conflict[];
  readonly names: ReadonlyMap<string, string>;
  readonly me: { readonly id: string };
  readonly readOnly: boolean;
  /** The board's voting round (session.round), for a quick vote on a conflict. */
  readonly round: RoundState | null;
  /** The live session's facilitator, who may settle a conflict with its vote's winner. */
  readonly facilitatorId: string | null;
}

function time(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

/** The round is this conflict's quick vote. */
function isVoteOn(round: RoundState | null, conflict: Conflict): round is RoundState {
  const [first, second] = conflictOptionIds(conflict.cardId, conflict.id);
  return (
    round !== null && round.cardIds.length === 2 && round.cardIds[0] === first && round.cardIds[1] === second
  );
}

/**
 * A card's open priority conflicts: both sides, who and when; settle with "Keep …'s" or open a quick vote
 * between the sides, whose revealed winner the facilitator or the people involved settle it with (the
 * vote as the rationale). Settling records the decision; it is on the record, so not undoable.
 */
export function ConflictBox(props: ConflictBoxProps) {
  const { conflicts } = props;
  if (conflicts.length === 0) return null;
  return (
    <section className="conflict-box" aria-label="Conflicts" data-testid="conflict-box">
      {conflicts.map((conflict) => (
        <ConflictItem key={conflict.id} {...props} conflict={conflict} />
      ))}
    </section>
  );
}

function ConflictItem({
  doc,
  boardId,
  board,
  conflict,
  names,
  me,
  readOnly,
  round,
  facilitatorId,
}: ConflictBoxProps & { readonly conflict: Conflict }) {
  const [error, setError] = useState<string | null>(null);
  const [tally, setTally] = useState<{ side: 0 | 1 | null; tally: readonly [number, number] } | null>(null);
  const [myVote, setMyVote] = useState<0 | 1 | null>(null);
  const voting = isVoteOn(round, conflict) ? round : null;
  const revealedId = voting?.status === "revealed" ? voting.roundId : null;
  const involved =
    me.id === facilitatorId ||
    me.id === voting?.facilitatorId ||
    conflict.sides.some((side) => side.userId === me.id);

  useEffect(() => {
    if (revealedId === null) return;
    let cancelled = false;
    getRound(boardId, revealedId)
      .then((view) => {
        const cards = (view.results?.cards ?? []).map((result) => ({
          cardId: result.cardId,
          votes: "votes" in result ? result.votes : 0,
        }));
        if (!cancelled) setTally(conflictVoteWinner(cards));
      })
      .catch((failure: unknown) => !cancelled && setError(describeError(failure)));
    return () => {
      cancelled = true;
    };
  }, [boardId, revealedId]);

  const settle = (keep: 0 | 1, rationale = `Kept ${sideLabel(board, conflict, keep, names)}.`) =>
    setError(
      attemptOp(() =>
        settleConflict(
          doc,
          conflict.cardId,
          conflict.id,
          { keep, decidedBy: me.id, rationale, names },
          RECORD_ORIGIN,
        ),
      ),
    );
  const quickVote = () => {
    setError(null);
    openRound(boardId, { kind: "dot", conflict: { cardId: conflict.cardId, conflictId: conflict.id } }).catch(
      (failure: unknown) => setError(describeError(failure)),
    );
  };
  const roundOpen = round !== null && round.status === "open";

  return (
    <div className="conflict">
      <strong>Conflicting changes</strong>
      <ul>
        {conflict.sides.map((side) => (
          <li key={`${side.userId}@${side.at}`} data-testid="conflict-side">
            {names.get(side.userId) ?? "Someone"}{" "}
            {conflict.field === "laneId" ? "put it in" : `set ${conflict.field} to`}{" "}
            {describeValue(board, conflict.field, side.value)} · {time(side.at)}
          </li>
        ))}
      </ul>
      {voting?.status === "open" && (
        <div className="conflict-vote" data-testid="conflict-vote-open">
          <p className="muted small-text">
            Quick vote open ({voting.voterIds.length} voted).{" "}
            {myVote === null ? "Your vote:" : `You voted for ${sideLabel(board, conflict, myVote, names)}.`}
          </p>
          {myVote === null &&
            ([0, 1] as const).map((side) => (
              <button
                key={side}
                type="button"
                className="button small"
                onClick={() => {
                  setError(null);
                  castBallot(boardId, voting.roundId, voting.cardIds[side] as string, 1)
                    .then(() => setMyVote(side))
                    .catch((failure: unknown) => setError(describeError(failure)));
                }}
              >
                Vote for {sideLabel(board, conflict, side, names)}
              </button>
            ))}
          {voting.facilitatorId === me.id && (
            <button
              type="button"
              className="button small primary"
              onClick={() => {
                setError(null);
                revealRound(boardId, voting.roundId).catch((failure: unknown) =>
                  setError(describeError(failure)),
                );
              }}
            >
              Reveal the vote
            </button>
          )}
        </div>
      )}
      {revealedId !== null && tally && (
        <p data-testid="conflict-vote-result">
          Vote: {sideLabel(board, conflict, 0, names)} {tally.tally[0]} ·{" "}
          {sideLabel(board, conflict, 1, names)} {tally.tally[1]}
          {tally.side === null ? " (a tie: keep one side)" : ""}
        </p>
      )}
      {!readOnly && (
        <div className="conflict-actions">
          {revealedId !== null && tally?.side != null && involved && (
            <button
              type="button"
              className="button small primary"
              onClick={() => {
                const side = tally.side as 0 | 1;
                settle(
                  side,
                  `Quick vote: ${sideLabel(board, conflict, 0, names)} ${tally.tally[0]}, ${sideLabel(board, conflict, 1, names)} ${tally.tally[1]}.`,
                );
              }}
            >
              Settle with the vote ({sideLabel(board, conflict, tally.side, names)})
            </button>
          )}
          {conflict.sides.map((side, index) => (
            <button
              key={`${side.userId}@${side.at}`}
              type="button"
              className="button small"
              onClick={() => settle(index as 0 | 1)}
            >
              Keep {names.get(side.userId) ?? "this"}'s
            </button>
          ))}
          {!roundOpen && (
            <button type="button" className="button small" onClick={quickVote}>
              Open a quick vote
            </button>
          )}
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
