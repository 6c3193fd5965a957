import {
  addTime,
  type Board,
  closeSession,
  handOver,
  nextPhase,
  pauseTimer,
  previousPhase,
  resumeTimer,
  type SessionState,
  setPhase,
  spotlightCard,
  startTimer,
  stopFollowMe,
} from "@converge/shared";
import { type FormEvent, type ReactNode, useState } from "react";
import type * as Y from "yjs";
import { attemptOp } from "../attemptOp";
import { UI_ORIGIN } from "../boardActions";
import type { ViewMember } from "../views/ViewProps";
import { formatRemaining, useTimerRemaining } from "./useLiveSession";
import "./session.css";

/** Props of SessionBar. */
export interface SessionBarProps {
  readonly doc: Y.Doc;
  readonly board: Board;
  readonly session: SessionState;
  readonly me: { readonly id: string; readonly name: string };
  readonly members: readonly ViewMember[];
  readonly readOnly: boolean;
  /** Server time ≈ Date.now() + clockOffset. */
  readonly clockOffset: number;
  /** The facilitator publishes their view (follow me). */
  readonly leading: boolean;
  readonly onLeadingChange: (leading: boolean) => void;
  /** A participant follows the facilitator's view unless stepped out. */
  readonly following: boolean;
  readonly onFollowingChange: (following: boolean) => void;
  readonly onOpenCard: (cardId: string) => void;
  /** The facilitator's form to open a vote, when one may be opened. */
  readonly voteForm?: ReactNode;
}

/**
 * The live session strip under the toolbar: facilitator, the agenda's phase stepper, the shared countdown
 * (the same remaining time on every screen, from server time), follow me / step out and the spotlit card.
 */
export function SessionBar({
  doc,
  board,
  session,
  me,
  members,
  readOnly,
  clockOffset,
  leading,
  onLeadingChange,
  following,
  onFollowingChange,
  onOpenCard,
  voteForm,
}: SessionBarProps) {
  const [error, setError] = useState<string | null>(null);
  const [minutes, setMinutes] = useState("5");
  const [handTo, setHandTo] = useState("");
  const remaining = useTimerRemaining(session, clockOffset);
  const isFacilitator = session.facilitator?.id === me.id;
  const canLead = isFacilitator && !readOnly;
  const now = () => Date.now() + clockOffset;
  const run = (change: () => void) => setError(attemptOp(change));
  const spotlit = session.spotlightCardId ? board.cards.get(session.spotlightCardId) : undefined;
  const timer = session.timer;
  const others = members.filter((member) => member.id !== me.id && member.role !== "viewer");

  const start = (event: FormEvent) => {
    event.preventDefault();
    run(() => startTimer(doc, { durationMs: Math.round(Number(minutes) * 60_000), now: now() }, UI_ORIGIN));
  };

  return (
    <section className="session-bar" aria-label="Live session" data-testid="session-bar">
      <p className="session-facilitator">
        <strong>Live session</strong> · facilitator{" "}
        <span data-testid="session-facilitator">
          {session.facilitator?.name}
          {isFacilitator ? " (you)" : ""}
        </span>
      </p>
      <ol className="session-phases" aria-label="Agenda">
        {session.phases.map((phase, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: phase names may repeat; the agenda is a list by position.
          <li key={`${index}-${phase}`} aria-current={index === session.phaseIndex ? "step" : undefined}>
            {canLead ? (
              <button
                type="button"
                className="button small ghost"
                onClick={() => run(() => setPhase(doc, index, UI_ORIGIN))}
              >
                {phase}
              </button>
            ) : (
              <span>{phase}</span>
            )}
          </li>
        ))}
      </ol>
      <span className="sr-only" data-testid="session-phase">
        {session.phases[session.phaseIndex] ?? ""}
      </span>
      {canLead && (
        <span className="session-steps">
          <button
            type="button"
            className="button small"
            disabled={session.phaseIndex === 0}
            onClick={() => run(() => previousPhase(doc, UI_ORIGIN))}
          >
            Previous phase
          </button>
          <button
            type="button"
            className="button small"
            disabled={session.phaseIndex >= session.phases.length - 1}
            onClick={() => run(() => nextPhase(doc, UI_ORIGIN))}
          >
            Next phase
          </button>
        </span>
      )}
      <span className="session-timer">
        {timer ? (
          <span
            className={`session-clock${remaining === 0 ? " is-up" : ""}`}
            role="timer"
            aria-label="Time left"
            data-testid="session-timer"
          >
            {formatRemaining(remaining)}
            {timer.pausedRemainingMs !== null ? " (paused)" : ""}
          </span>
        ) : (
          <span className="muted small-text">No timer</span>
        )}
        {canLead && (
          <>
            <form className="inline-form" onSubmit={start}>
              <label>
                Minutes
                <input
                  className="text-input session-minutes"
                  type="number"
                  min="1"
                  max="240"
                  step="1"
                  value={minutes}
                  onChange={(event) => setMinutes(event.target.value)}
                />
              </label>
              <button type="submit" className="button small">
                Start timer
              </button>
            </form>
            {timer && timer.pausedRemainingMs === null && (
              <button
                type="button"
                className="button small"
                onClick={() => run(() => pauseTimer(doc, now(), UI_ORIGIN))}
              >
                Pause
              </button>
            )}
            {timer && timer.pausedRemainingMs !== null && (
              <button
                type="button"
                className="button small"
                onClick={() => run(() => resumeTimer(doc, now(), UI_ORIGIN))}
              >
                Resume
              </button>
            )}
            {timer && (
              <button
                type="button"
                className="button small"
                onClick={() => run(() => addTime(doc, 60_000, UI_ORIGIN))}
              >
                +1 min
              </button>
            )}
          </>
        )}
      </span>
      {isFacilitator ? (
        <label className="session-follow">
          <input
            type="checkbox"
            checked={leading}
            disabled={readOnly}
            onChange={(event) => {
              onLeadingChange(event.target.checked);
              if (!event.target.checked) run(() => stopFollowMe(doc, me.id, UI_ORIGIN));
            }}
          />
          Follow me
        </label>
      ) : session.facilitatorView ? (
        following ? (
          <button type="button" className="button small" onClick={() => onFollowingChange(false)}>
            Step out
          </button>
        ) : (
          <button type="button" className="button small" onClick={() => onFollowingChange(true)}>
            Follow {session.facilitator?.name}
          </button>
        )
      ) : null}
      {spotlit && !spotlit.archived && (
        <span className="session-spotlight" data-testid="session-spotlight">
          Spotlight:{" "}
          <button type="button" className="link-button" onClick={() => onOpenCard(spotlit.id)}>
            {spotlit.title}
          </button>
          {canLead && (
            <button
              type="button"
              className="button small ghost"
              onClick={() => run(() => spotlightCard(doc, null, UI_ORIGIN))}
            >
              Clear spotlight
            </button>
          )}
        </span>
      )}
      {voteForm}
      {canLead && (
        <span className="session-lead">
          {others.length > 0 && (
            <label>
              Hand over to
              <select
                className="text-input"
                value={handTo}
                onChange={(event) => setHandTo(event.target.value)}
              >
                <option value="">Choose…</option>
                {others.map((member) => (
                  <option key={member.id} value={member.id}>
                    {member.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          {handTo && (
            <button
              type="button"
              className="button small"
              onClick={() => {
                const to = others.find((member) => member.id === handTo);
                if (to) run(() => handOver(doc, { id: to.id, name: to.name }, UI_ORIGIN));
                setHandTo("");
              }}
            >
              Hand over
            </button>
          )}
          <button
            type="button"
            className="button small danger"
            onClick={() => run(() => closeSession(doc, { at: now(), endedBy: me.id }, UI_ORIGIN))}
          >
            End session
          </button>
        </span>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
