import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { BoardInputError } from "./errors";
import { createCard, initBoard } from "./operations";
import { readBoard } from "./readBoard";
import {
  addTime,
  clearTimer,
  createSessionReader,
  DEFAULT_PHASES,
  endSession,
  estimateClockOffset,
  handOver,
  nextPhase,
  pauseTimer,
  previousPhase,
  readSession,
  resumeTimer,
  setFacilitatorView,
  setPhase,
  setPhases,
  spotlightCard,
  startSession,
  startTimer,
  timerRemaining,
} from "./session";
import { publishRound } from "./voting";

const ada = { id: "ada", name: "Ada" };
const bo = { id: "bo", name: "Bo" };

function board() {
  const doc = new Y.Doc();
  initBoard(doc, { title: "Planning", template: "product-backlog" });
  return doc;
}

function code(run: () => void): string {
  try {
    run();
  } catch (error) {
    if (error instanceof BoardInputError) return error.code;
    throw error;
  }
  return "none";
}

describe("session", () => {
  it("starts with the default agenda, hands over and ends, leaving the server's round alone", () => {
    const doc = board();
    expect(readSession(doc).active).toBe(false);
    expect(code(() => nextPhase(doc))).toBe("no_session");
    startSession(doc, { facilitator: ada, at: 1_000 });
    expect(readSession(doc)).toMatchObject({
      active: true,
      facilitator: ada,
      startedAt: 1_000,
      phases: [...DEFAULT_PHASES],
      phaseIndex: 0,
      timer: null,
    });
    handOver(doc, bo);
    expect(readSession(doc).facilitator).toEqual(bo);
    publishRound(doc, {
      roundId: "r1",
      kind: "dot",
      status: "open",
      facilitatorId: "bo",
      cardIds: [],
      voterIds: [],
      budget: 5,
      scale: null,
      results: null,
      sides: [],
    });
    endSession(doc);
    expect(readSession(doc)).toMatchObject({ active: false, facilitator: null, phases: [], timer: null });
    expect(readSession(doc).round?.roundId).toBe("r1");
    expect(code(() => handOver(doc, ada))).toBe("no_session");
  });

  it("steps through phases, clamps at both ends, sets one and replaces the agenda", () => {
    const doc = board();
    startSession(doc, { facilitator: ada, at: 0 });
    previousPhase(doc);
    expect(readSession(doc).phaseIndex).toBe(0);
    for (let i = 0; i < 6; i++) nextPhase(doc);
    expect(readSession(doc).phaseIndex).toBe(3);
    setPhase(doc, 1);
    expect(readSession(doc).phaseIndex).toBe(1);
    expect(code(() => setPhase(doc, 4))).toBe("phase_invalid");
    setPhase(doc, 3);
    setPhases(doc, ["  Warm   up ", "Vote"]);
    expect(readSession(doc)).toMatchObject({ phases: ["Warm up", "Vote"], phaseIndex: 1 });
    expect(code(() => setPhases(doc, []))).toBe("phases_invalid");
    expect(code(() => setPhases(doc, ["ok", " "]))).toBe("phases_invalid");
  });

  it("two people pressing next at once move the agenda one phase", () => {
    const a = board();
    startSession(a, { facilitator: ada, at: 0 });
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    nextPhase(a);
    nextPhase(b);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readSession(a).phaseIndex).toBe(1);
    expect(readSession(b)).toEqual(readSession(a));
  });

  it("runs a timer in server time: start, pause, resume, add time", () => {
    const doc = board();
    startSession(doc, { facilitator: ada, at: 0 });
    expect(code(() => pauseTimer(doc, 0))).toBe("no_timer");
    startTimer(doc, { durationMs: 60_000, now: 10_000 });
    const timer = () => readSession(doc).timer;
    expect(timerRemaining(timer(), 10_000)).toBe(60_000);
    expect(timerRemaining(timer(), 40_000)).toBe(30_000);
    expect(timerRemaining(timer(), 100_000)).toBe(0);
    // A clock running behind still never shows more than the duration.
    expect(timerRemaining(timer(), 0)).toBe(60_000);
    pauseTimer(doc, 25_000);
    expect(timerRemaining(timer(), 1_000_000)).toBe(45_000);
    pauseTimer(doc, 30_000);
    expect(timerRemaining(timer(), 0)).toBe(45_000);
    addTime(doc, 15_000);
    expect(timerRemaining(timer(), 0)).toBe(60_000);
    resumeTimer(doc, 50_000);
    expect(timerRemaining(timer(), 70_000)).toBe(40_000);
    addTime(doc, -30_000);
    expect(timerRemaining(timer(), 70_000)).toBe(10_000);
    addTime(doc, -100_000);
    expect(timerRemaining(timer(), 50_000)).toBe(0);
    expect(code(() => startTimer(doc, { durationMs: 0, now: 0 }))).toBe("timer_invalid");
    expect(code(() => addTime(doc, Number.NaN))).toBe("timer_invalid");
    clearTimer(doc);
    expect(timerRemaining(timer(), 0)).toBe(0);
  });

  it("gives two clients with skewed clocks the same remaining time", () => {
    const serverNow = 1_000_000;
    // Client A runs 5 s fast, client B 3 s slow; each asks GET /api/time with a 100 ms round trip.
    const offsetA = estimateClockOffset({
      t0: serverNow + 5_000 - 50,
      t1: serverNow + 5_000 + 50,
      serverNow,
    });
    const offsetB = estimateClockOffset({
      t0: serverNow - 3_000 - 50,
      t1: serverNow - 3_000 + 50,
      serverNow,
    });
    expect(offsetA).toBe(-5_000);
    expect(offsetB).toBe(3_000);
    const timer = { durationMs: 60_000, startedAt: serverNow, pausedRemainingMs: null };
    const later = 20_000;
    expect(timerRemaining(timer, serverNow + 5_000 + later + offsetA)).toBe(40_000);
    expect(timerRemaining(timer, serverNow - 3_000 + later + offsetB)).toBe(40_000);
  });

  it("lets only the facilitator lead the view, and spotlights a card", () => {
    const doc = board();
    const laneId = readBoard(doc).lanes[0]?.id as string;
    const card = createCard(doc, { laneId, title: "Search", by: "ada" });
    startSession(doc, { facilitator: ada, at: 0 });
    setFacilitatorView(doc, { by: "ada", view: "priorities", anchorCardId: card });
    expect(readSession(doc).facilitatorView).toEqual({
      view: "priorities",
      anchorCardId: card,
      focusedCardId: null,
    });
    expect(code(() => setFacilitatorView(doc, { by: "bo", view: "board" }))).toBe("not_facilitator");
    expect(code(() => setFacilitatorView(doc, { by: "ada", view: "gantt" as "board" }))).toBe("view_invalid");
    spotlightCard(doc, card);
    expect(readSession(doc).spotlightCardId).toBe(card);
    expect(code(() => spotlightCard(doc, "nope"))).toBe("card_not_found");
    spotlightCard(doc, null);
    expect(readSession(doc).spotlightCardId).toBeNull();
  });

  it("reads a scribbled-on session without throwing", () => {
    const doc = new Y.Doc();
    const session = doc.getMap("session");
    session.set("facilitator", "ada");
    session.set("phases", ["a", 3, "b"]);
    session.set("phaseIndex", 9);
    session.set("timer", { durationMs: "x" });
    session.set("facilitatorView", { view: "nope" });
    expect(readSession(doc)).toMatchObject({
      active: false,
      phases: ["a", "b"],
      phaseIndex: 1,
      timer: null,
      facilitatorView: null,
    });
  });

  it("has a cached reader that only session changes wake", () => {
    const doc = board();
    const reader = createSessionReader(doc);
    let calls = 0;
    reader.subscribe(() => calls++);
    const first = reader.getSnapshot();
    expect(reader.getSnapshot()).toBe(first);
    createCard(doc, { laneId: readBoard(doc).lanes[0]?.id as string, title: "x", by: "ada" });
    expect(calls).toBe(0);
    expect(reader.getSnapshot()).toBe(first);
    startSession(doc, { facilitator: ada, at: 0 });
    expect(calls).toBe(1);
    expect(reader.getSnapshot().active).toBe(true);
    reader.destroy();
  });
});
