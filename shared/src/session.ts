import * as Y from "yjs";
import { BoardInputError } from "./errors";
import { requireCard } from "./lookup";
import { getRoots } from "./schema";
import { type RoundState, readRound } from "./voting";

// The live planning session (DESIGN §4, root `session`): who facilitates, the agenda, a countdown every
// screen shows alike, what the facilitator is looking at ("follow me"), a spotlighted card, and the open
// voting round's public state (written by the server only, see voting.ts). Each value is stored whole
// (a plain object or array under one key), so concurrent edits resolve to one writer's complete value
// rather than a mix of two.

/** The agenda a session starts with when none is given. */
export const DEFAULT_PHASES = ["Review evidence", "Vote", "Discuss conflicts", "Decide"] as const;
/** Most phases an agenda holds. */
export const MAX_PHASES = 20;
/** Longest phase name, in characters. */
export const MAX_PHASE_NAME_LENGTH = 80;
/** Longest timer, in milliseconds (4 hours). */
export const MAX_TIMER_MS = 4 * 60 * 60 * 1000;
/** The board views a facilitator can lead others to. */
export const SESSION_VIEWS = ["board", "roadmap", "priorities", "matrix", "insights"] as const;
/** One of SESSION_VIEWS. */
export type SessionView = (typeof SESSION_VIEWS)[number];

/** A person as the session names them. */
export interface SessionPerson {
  readonly id: string;
  readonly name: string;
}

/**
 * A shared countdown, stored in server time so that every client shows the same remaining time whatever
 * its own clock says: `startedAt` is the server-clock instant it (re)started counting down `durationMs`;
 * `pausedRemainingMs` is what was left when paused (null while running). See timerRemaining.
 */
export interface TimerState {
  readonly durationMs: number;
  readonly startedAt: number;
  readonly pausedRemainingMs: number | null;
}

/** What the facilitator is looking at, for "follow me". */
export interface FacilitatorView {
  readonly view: SessionView;
  /** The card the facilitator's list is scrolled to, or null. */
  readonly anchorCardId: string | null;
  /** The card the facilitator has open or focused, or null. */
  readonly focusedCardId: string | null;
}

/** The session as the views read it (readSession): plain, readonly. */
export interface SessionState {
  /** True between startSession and endSession. */
  readonly active: boolean;
  readonly facilitator: SessionPerson | null;
  /** When the session started (the starter's server-corrected clock), or null. */
  readonly startedAt: number | null;
  readonly phases: readonly string[];
  /** Index into phases (0 when the agenda is empty). */
  readonly phaseIndex: number;
  readonly timer: TimerState | null;
  readonly facilitatorView: FacilitatorView | null;
  readonly spotlightCardId: string | null;
  /** The voting round's public state (voters, never ballots), or null. */
  readonly round: RoundState | null;
}

/**
 * The milliseconds left on a timer at server time `nowMs`: clamped to [0, durationMs]; a paused timer
 * shows what it had left. Clients pass `Date.now() + offset` (see estimateClockOffset).
 */
export function timerRemaining(timer: TimerState | null, nowMs: number): number {
  if (timer === null) return 0;
  if (timer.pausedRemainingMs !== null) return Math.max(0, timer.pausedRemainingMs);
  return Math.max(0, Math.min(timer.durationMs, timer.durationMs - (nowMs - timer.startedAt)));
}

/**
 * A client's offset to the server clock from one round trip to `GET /api/time` (answering `{ now }`):
 * sent at local `t0`, answered at local `t1`, so the server read its clock about halfway, and
 * offset = serverNow − (t0 + t1) / 2. Server time is then `Date.now() + offset`. Clients keep the
 * estimate from the round trip with the smallest t1 − t0 (the least uncertain) of a few samples.
 */
export function estimateClockOffset({
  t0,
  t1,
  serverNow,
}: {
  t0: number;
  t1: number;
  serverNow: number;
}): number {
  return serverNow - (t0 + t1) / 2;
}

function isPerson(value: unknown): value is SessionPerson {
  const person = value as SessionPerson | null;
  return (
    typeof person === "object" &&
    person !== null &&
    typeof person.id === "string" &&
    person.id.length > 0 &&
    typeof person.name === "string"
  );
}

function requirePerson(person: SessionPerson): SessionPerson {
  if (!isPerson(person) || person.id.length > 200) {
    throw new BoardInputError("person_invalid", "A facilitator is a member's id and name.");
  }
  return { id: person.id, name: person.name.slice(0, 200) };
}

function normalisePhases(phases: readonly string[]): string[] {
  const names = phases.map((name) => (typeof name === "string" ? name.replace(/\s+/g, " ").trim() : ""));
  if (
    names.length === 0 ||
    names.length > MAX_PHASES ||
    names.some((name) => name.length === 0 || name.length > MAX_PHASE_NAME_LENGTH)
  ) {
    throw new BoardInputError(
      "phases_invalid",
      `An agenda is 1–${MAX_PHASES} phases named with 1–${MAX_PHASE_NAME_LENGTH} characters.`,
    );
  }
  return names;
}

function requireDuration(ms: number, code: string): number {
  if (!Number.isFinite(ms) || ms <= 0 || ms > MAX_TIMER_MS) {
    throw new BoardInputError(code, `A timer runs for more than 0 ms and at most ${MAX_TIMER_MS} ms.`);
  }
  return Math.round(ms);
}

function requireNow(nowMs: number): number {
  if (!Number.isFinite(nowMs) || nowMs < 0)
    throw new BoardInputError("time_invalid", "Pass the server time in ms.");
  return nowMs;
}

function requireActive(session: Y.Map<unknown>): void {
  if (!isPerson(session.get("facilitator"))) {
    throw new BoardInputError("no_session", "There is no live session on this board; start one first.");
  }
}

function readTimer(value: unknown): TimerState | null {
  const timer = value as TimerState | null;
  if (typeof timer !== "object" || timer === null) return null;
  const { durationMs, startedAt, pausedRemainingMs } = timer;
  if (!Number.isFinite(durationMs) || durationMs < 0 || !Number.isFinite(startedAt)) return null;
  if (pausedRemainingMs !== null && !Number.isFinite(pausedRemainingMs)) return null;
  return { durationMs, startedAt, pausedRemainingMs };
}

function phasesOf(session: Y.Map<unknown>): string[] {
  const stored = session.get("phases");
  return Array.isArray(stored) ? stored.filter((name): name is string => typeof name === "string") : [];
}

/**
 * Starts a live session with `facilitator` leading it and a fresh agenda (DEFAULT_PHASES unless given),
 * at its first phase; a session already running is taken over (its agenda and timer reset).
 */
export function startSession(
  doc: Y.Doc,
  {
    facilitator,
    phases = DEFAULT_PHASES,
    at,
  }: { facilitator: SessionPerson; phases?: readonly string[]; at: number },
  origin?: unknown,
): void {
  const person = requirePerson(facilitator);
  const agenda = normalisePhases(phases);
  const startedAt = requireNow(at);
  doc.transact(() => {
    const { session } = getRoots(doc);
    session.set("facilitator", person);
    session.set("startedAt", startedAt);
    session.set("phases", agenda);
    session.set("phaseIndex", 0);
    session.set("baseline", packPlaces(cardPlaces(doc)));
    for (const key of ["timer", "facilitatorView", "spotlightCardId"]) session.delete(key);
  }, origin);
}

/** Where a card stood (lane, rank, roadmap target): what the session summary compares against. */
export interface CardPlace {
  readonly laneId: string;
  readonly rank: string;
  readonly target: string | null;
}

/** Every live card's place now, by card id (the baseline startSession stores for the summary). */
export function cardPlaces(doc: Y.Doc): Record<string, CardPlace> {
  const places: Record<string, CardPlace> = {};
  getRoots(doc).cards.forEach((card, id) => {
    if (!(card instanceof Y.Map) || card.get("archived") === true) return;
    const laneId = card.get("laneId");
    const rank = card.get("rank");
    const target = card.get("target");
    if (typeof laneId !== "string" || typeof rank !== "string") return;
    places[id] = { laneId, rank, target: typeof target === "string" ? target : null };
  });
  return places;
}

/**
 * The baseline as stored: each lane id once, and per card [lane index, rank, target] (smaller than plain
 * objects keyed by field name, on a board of thousands of cards).
 */
interface PackedPlaces {
  readonly lanes: readonly string[];
  readonly cards: Readonly<Record<string, readonly [number, string, string | null]>>;
}

function packPlaces(places: Record<string, CardPlace>): PackedPlaces {
  const lanes: string[] = [];
  const laneIndex = new Map<string, number>();
  const cards: Record<string, [number, string, string | null]> = {};
  for (const [id, place] of Object.entries(places)) {
    let index = laneIndex.get(place.laneId);
    if (index === undefined) {
      index = lanes.push(place.laneId) - 1;
      laneIndex.set(place.laneId, index);
    }
    cards[id] = [index, place.rank, place.target];
  }
  return { lanes, cards };
}

/** The card places stored when the session started (session.baseline), or an empty record (defensive). */
export function readBaseline(doc: Y.Doc): Record<string, CardPlace> {
  const stored = getRoots(doc).session.get("baseline") as Partial<PackedPlaces> | null | undefined;
  if (typeof stored !== "object" || stored === null || !Array.isArray(stored.lanes)) return {};
  if (typeof stored.cards !== "object" || stored.cards === null) return {};
  const places: Record<string, CardPlace> = {};
  for (const [id, value] of Object.entries(stored.cards)) {
    if (!Array.isArray(value)) continue;
    const [index, rank, target] = value as unknown[];
    const laneId = typeof index === "number" ? stored.lanes[index] : undefined;
    if (typeof laneId !== "string" || typeof rank !== "string") continue;
    places[id] = { laneId, rank, target: typeof target === "string" ? target : null };
  }
  return places;
}

/** Hands the facilitator's role to `to`; the agenda, timer and spotlight carry on. */
export function handOver(doc: Y.Doc, to: SessionPerson, origin?: unknown): void {
  const person = requirePerson(to);
  doc.transact(() => {
    const { session } = getRoots(doc);
    requireActive(session);
    session.set("facilitator", person);
    // The old facilitator's view is not the new one's.
    session.delete("facilitatorView");
  }, origin);
}

/** Ends the live session: facilitator, agenda, timer, view and spotlight go; a voting round (the server's) stays. */
export function endSession(doc: Y.Doc, origin?: unknown): void {
  doc.transact(() => {
    const { session } = getRoots(doc);
    for (const key of [
      "facilitator",
      "startedAt",
      "phases",
      "phaseIndex",
      "timer",
      "facilitatorView",
      "spotlightCardId",
      "baseline",
    ])
      session.delete(key);
  }, origin);
}

/** Replaces the agenda, keeping the current phase index where it still fits. */
export function setPhases(doc: Y.Doc, phases: readonly string[], origin?: unknown): void {
  const agenda = normalisePhases(phases);
  doc.transact(() => {
    const { session } = getRoots(doc);
    requireActive(session);
    session.set("phases", agenda);
    const index = session.get("phaseIndex");
    if (typeof index !== "number" || index >= agenda.length) session.set("phaseIndex", agenda.length - 1);
  }, origin);
}

/** Goes to phase `index` of the agenda (`phase_invalid` outside it). */
export function setPhase(doc: Y.Doc, index: number, origin?: unknown): void {
  doc.transact(() => {
    const { session } = getRoots(doc);
    requireActive(session);
    const count = phasesOf(session).length;
    if (!Number.isInteger(index) || index < 0 || index >= count) {
      throw new BoardInputError("phase_invalid", `The agenda has phases 0 to ${count - 1}.`);
    }
    session.set("phaseIndex", index);
  }, origin);
}

function stepPhase(doc: Y.Doc, step: 1 | -1, origin: unknown): void {
  doc.transact(() => {
    const { session } = getRoots(doc);
    requireActive(session);
    const count = phasesOf(session).length;
    const current = readSession(doc).phaseIndex;
    session.set("phaseIndex", Math.max(0, Math.min(count - 1, current + step)));
  }, origin);
}

/** Moves to the next phase (stays on the last). Two people pressing "next" at once move it once. */
export function nextPhase(doc: Y.Doc, origin?: unknown): void {
  stepPhase(doc, 1, origin);
}

/** Moves back one phase (stays on the first). */
export function previousPhase(doc: Y.Doc, origin?: unknown): void {
  stepPhase(doc, -1, origin);
}

/** Starts (or restarts) the countdown: `durationMs` from server time `now`. */
export function startTimer(
  doc: Y.Doc,
  { durationMs, now }: { durationMs: number; now: number },
  origin?: unknown,
): void {
  const duration = requireDuration(durationMs, "timer_invalid");
  const at = requireNow(now);
  doc.transact(() => {
    requireActive(getRoots(doc).session);
    getRoots(doc).session.set("timer", { durationMs: duration, startedAt: at, pausedRemainingMs: null });
  }, origin);
}

function updateTimer(doc: Y.Doc, origin: unknown, change: (timer: TimerState) => TimerState): void {
  doc.transact(() => {
    const { session } = getRoots(doc);
    requireActive(session);
    const timer = readTimer(session.get("timer"));
    if (timer === null) throw new BoardInputError("no_timer", "Start the timer first.");
    const next = change(timer);
    if (next !== timer) session.set("timer", next);
  }, origin);
}

/** Pauses the countdown at server time `now`, keeping what was left (a paused timer stays paused). */
export function pauseTimer(doc: Y.Doc, now: number, origin?: unknown): void {
  const at = requireNow(now);
  updateTimer(doc, origin, (timer) =>
    timer.pausedRemainingMs !== null ? timer : { ...timer, pausedRemainingMs: timerRemaining(timer, at) },
  );
}

/** Resumes a paused countdown from server time `now` (a running timer carries on). */
export function resumeTimer(doc: Y.Doc, now: number, origin?: unknown): void {
  const at = requireNow(now);
  updateTimer(doc, origin, (timer) =>
    timer.pausedRemainingMs === null
      ? timer
      : { durationMs: timer.pausedRemainingMs, startedAt: at, pausedRemainingMs: null },
  );
}

/** Adds `ms` (negative takes time off, never below zero) to the countdown, running or paused. */
export function addTime(doc: Y.Doc, ms: number, origin?: unknown): void {
  if (!Number.isFinite(ms) || ms === 0 || Math.abs(ms) > MAX_TIMER_MS) {
    throw new BoardInputError("timer_invalid", `Add a non-zero time of at most ${MAX_TIMER_MS} ms.`);
  }
  updateTimer(doc, origin, (timer) =>
    timer.pausedRemainingMs !== null
      ? { ...timer, pausedRemainingMs: Math.min(MAX_TIMER_MS, Math.max(0, timer.pausedRemainingMs + ms)) }
      : { ...timer, durationMs: Math.min(MAX_TIMER_MS, Math.max(0, timer.durationMs + ms)) },
  );
}

/** Stops and removes the countdown. */
export function clearTimer(doc: Y.Doc, origin?: unknown): void {
  doc.transact(() => getRoots(doc).session.delete("timer"), origin);
}

/**
 * Publishes what the facilitator is looking at, for others to follow; only the facilitator may
 * (`not_facilitator` for anyone else, so a stale tab of the previous facilitator cannot lead).
 */
export function setFacilitatorView(
  doc: Y.Doc,
  {
    by,
    view,
    anchorCardId = null,
    focusedCardId = null,
  }: { by: string } & Partial<FacilitatorView> & {
      view: SessionView;
    },
  origin?: unknown,
): void {
  if (!SESSION_VIEWS.includes(view)) {
    throw new BoardInputError("view_invalid", `A view is one of ${SESSION_VIEWS.join(", ")}.`);
  }
  doc.transact(() => {
    const { session } = getRoots(doc);
    requireActive(session);
    if ((session.get("facilitator") as SessionPerson).id !== by) {
      throw new BoardInputError("not_facilitator", "Only the session's facilitator leads the view.");
    }
    session.set("facilitatorView", { view, anchorCardId, focusedCardId });
  }, origin);
}

/** Stops "follow me": the facilitator's view is no longer published, so nobody follows it (the facilitator only). */
export function stopFollowMe(doc: Y.Doc, by: string, origin?: unknown): void {
  doc.transact(() => {
    const { session } = getRoots(doc);
    requireActive(session);
    if ((session.get("facilitator") as SessionPerson).id !== by) {
      throw new BoardInputError("not_facilitator", "Only the session's facilitator stops follow me.");
    }
    session.delete("facilitatorView");
  }, origin);
}

/** Spotlights a card for everyone (null clears it). */
export function spotlightCard(doc: Y.Doc, cardId: string | null, origin?: unknown): void {
  doc.transact(() => {
    const { session } = getRoots(doc);
    if (cardId === null) session.delete("spotlightCardId");
    else {
      requireCard(doc, cardId);
      session.set("spotlightCardId", cardId);
    }
  }, origin);
}

function readView(value: unknown): FacilitatorView | null {
  const view = value as FacilitatorView | null;
  if (typeof view !== "object" || view === null || !SESSION_VIEWS.includes(view.view)) return null;
  const id = (candidate: unknown) => (typeof candidate === "string" ? candidate : null);
  return { view: view.view, anchorCardId: id(view.anchorCardId), focusedCardId: id(view.focusedCardId) };
}

/** Reads the session as plain data, defensively (never throws; malformed values read as absent). */
export function readSession(doc: Y.Doc): SessionState {
  const { session } = getRoots(doc);
  const facilitator = session.get("facilitator");
  const phases = phasesOf(session);
  const index = session.get("phaseIndex");
  const startedAt = session.get("startedAt");
  const spotlight = session.get("spotlightCardId");
  const active = isPerson(facilitator);
  return {
    active,
    facilitator: active ? { id: facilitator.id, name: facilitator.name } : null,
    startedAt: typeof startedAt === "number" && Number.isFinite(startedAt) ? startedAt : null,
    phases,
    phaseIndex:
      typeof index === "number" && Number.isInteger(index) && phases.length > 0
        ? Math.max(0, Math.min(phases.length - 1, index))
        : 0,
    timer: readTimer(session.get("timer")),
    facilitatorView: readView(session.get("facilitatorView")),
    spotlightCardId: typeof spotlight === "string" ? spotlight : null,
    round: readRound(session),
  };
}

/** A live, cached view of the session for `useSyncExternalStore`. */
export interface SessionReader {
  subscribe(onChange: () => void): () => void;
  getSnapshot(): SessionState;
  destroy(): void;
}

/** Creates a cached reader of the session, woken only by changes to the `session` root (the board reader never is). */
export function createSessionReader(doc: Y.Doc): SessionReader {
  const { session } = getRoots(doc);
  const listeners = new Set<() => void>();
  let snapshot: SessionState | null = null;
  const onSession = () => {
    snapshot = null;
    for (const listener of listeners) listener();
  };
  session.observeDeep(onSession);
  return {
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    getSnapshot() {
      snapshot ??= readSession(doc);
      return snapshot;
    },
    destroy() {
      session.unobserveDeep(onSession);
      listeners.clear();
    },
  };
}
