import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { setCardFields } from "./cardFields";
import {
  type Conflict,
  ConflictTracker,
  detectConflict,
  detectConflicts,
  readConflicts,
  settleConflict,
} from "./conflicts";
import { readDecisions } from "./decisions";
import { BoardInputError } from "./errors";
import { createCard, createLane, initBoard, moveCard } from "./operations";
import { readBoard } from "./readBoard";

const T0 = Date.UTC(2027, 0, 5, 10, 0, 0);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
});

/** Ada's and Bo's copies of one board (a card in the first of three lanes), each with its own tracker. */
function twoPeers() {
  const a = new Y.Doc();
  initBoard(a, { title: "Plan" });
  const first = createLane(a, { title: "Later", kind: "backlog" });
  const next = createLane(a, { title: "Next" });
  const now = createLane(a, { title: "Now" });
  const card = createCard(a, { laneId: first, title: "Search", by: "ada" });
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  const found: { peer: string; conflict: Conflict }[] = [];
  const trackers = [
    new ConflictTracker(a, { actor: "ada", onConflict: (conflict) => found.push({ peer: "a", conflict }) }),
    new ConflictTracker(b, { actor: "bo", onConflict: (conflict) => found.push({ peer: "b", conflict }) }),
  ];
  /** Exchanges everything both ways until neither has anything new (trackers may write conflicts meanwhile). */
  const sync = () => {
    for (let i = 0; i < 3; i++) {
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
      Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
    }
  };
  return {
    a,
    b,
    card,
    lanes: { first, next, now },
    found,
    sync,
    destroy: () => {
      for (const tracker of trackers) tracker.destroy();
    },
  };
}

describe("detectConflict (pure)", () => {
  const ada = { userId: "ada", value: 3, at: T0 };
  const bo = { userId: "bo", value: 8, at: T0 + 4_000 };
  const base = { cardId: "c", field: "estimate" as const, concurrent: false };

  it("flags different people writing different values within the window, or concurrently whenever", () => {
    expect(detectConflict({ ...base, previous: ada, write: bo })).toMatchObject({
      cardId: "c",
      field: "estimate",
      sides: [ada, bo],
      concurrent: false,
    });
    const late = { ...bo, at: T0 + 60_000 };
    expect(detectConflict({ ...base, previous: ada, write: late })).toBeNull();
    expect(detectConflict({ ...base, previous: ada, write: late, concurrent: true })?.concurrent).toBe(true);
  });

  it("never flags the same person twice, the same value, or a first write", () => {
    expect(detectConflict({ ...base, previous: ada, write: { ...ada, value: 5 } })).toBeNull();
    expect(detectConflict({ ...base, previous: ada, write: { ...bo, value: 3 } })).toBeNull();
    expect(detectConflict({ ...base, previous: null, write: bo })).toBeNull();
  });

  it("replays a history per card and field", () => {
    const found = detectConflicts([
      { cardId: "c", field: "reach", userId: "ada", value: 100, at: T0 },
      { cardId: "d", field: "reach", userId: "bo", value: 900, at: T0 + 1 },
      { cardId: "c", field: "target", userId: "bo", value: "now", at: T0 + 2 },
      { cardId: "c", field: "reach", userId: "bo", value: 500, at: T0 + 3 },
      { cardId: "c", field: "reach", userId: "bo", value: 600, at: T0 + 4 },
    ]);
    expect(found.map((c) => [c.cardId, c.field, c.sides.map((s) => s.value)])).toEqual([
      ["c", "reach", [100, 500]],
    ]);
    // Two peers detecting the same collision name it alike.
    expect(detectConflict({ ...base, previous: ada, write: bo })?.id).toBe(
      detectConflict({ ...base, previous: ada, write: bo })?.id,
    );
  });
});

describe("ConflictTracker on live documents", () => {
  it("shows both sides of concurrent moves to different lanes, once, on every peer", () => {
    const { a, b, card, lanes, found, sync, destroy } = twoPeers();
    moveCard(a, { cardId: card, laneId: lanes.next, index: 0, by: "ada" });
    vi.setSystemTime(T0 + 500);
    moveCard(b, { cardId: card, laneId: lanes.now, index: 0, by: "bo" });
    sync();
    expect(found.length).toBeGreaterThanOrEqual(1);
    const conflicts = readConflicts(a, card);
    expect(conflicts).toHaveLength(1);
    expect(readConflicts(b)).toEqual(conflicts);
    const [conflict] = conflicts as [Conflict];
    expect(conflict.field).toBe("laneId");
    expect(conflict.concurrent).toBe(true);
    expect(new Set(conflict.sides.map((s) => `${s.userId}:${String(s.value)}`))).toEqual(
      new Set([`ada:${lanes.next}`, `bo:${lanes.now}`]),
    );
    // Both peers agree on where the card is meanwhile (Yjs picked one), and on the board.
    expect(readBoard(a)).toEqual(readBoard(b));
    destroy();
  });

  it("catches concurrent score edits", () => {
    const { a, b, card, sync, destroy } = twoPeers();
    setCardFields(a, card, { reach: 100, impact: 2 }, undefined, "ada");
    setCardFields(b, card, { reach: 500 }, undefined, "bo");
    sync();
    const conflicts = readConflicts(a, card);
    expect(conflicts.map((c) => c.field)).toEqual(["reach"]);
    expect(new Set(conflicts[0]?.sides.map((s) => s.value))).toEqual(new Set([100, 500]));
    expect(readConflicts(b, card)).toEqual(conflicts);
    destroy();
  });

  it("catches an old offline edit that merges late, however long ago it was made", () => {
    const { a, b, card, sync, destroy } = twoPeers();
    // Ada is offline on a plane and re-estimates; Bo, online, estimates an hour later.
    setCardFields(a, card, { estimate: 3 }, undefined, "ada");
    vi.setSystemTime(T0 + 60 * 60_000);
    setCardFields(b, card, { estimate: 13 }, undefined, "bo");
    vi.setSystemTime(T0 + 2 * 60 * 60_000);
    sync();
    const [conflict] = readConflicts(b, card);
    expect(conflict).toMatchObject({ field: "estimate", concurrent: true });
    expect(conflict?.sides.map((s) => s.at).sort()).toEqual([T0, T0 + 60 * 60_000]);
    destroy();
  });

  it("flags a quick overwrite of someone else's value, but not a considered one later", () => {
    const { a, b, card, sync, destroy } = twoPeers();
    setCardFields(a, card, { target: "now" }, undefined, "ada");
    sync();
    vi.setSystemTime(T0 + 3_000);
    setCardFields(b, card, { target: "later" }, undefined, "bo");
    sync();
    expect(readConflicts(a, card).map((c) => [c.field, c.concurrent])).toEqual([["target", false]]);

    setCardFields(a, card, { confidence: 50 }, undefined, "ada");
    sync();
    vi.setSystemTime(T0 + 60_000);
    setCardFields(b, card, { confidence: 80 }, undefined, "bo");
    sync();
    expect(readConflicts(a, card).map((c) => c.field)).toEqual(["target"]);
    destroy();
  });

  it("never flags the same person twice, even from two devices at once", () => {
    const { a, card, sync, destroy } = twoPeers();
    const laptop = new Y.Doc();
    Y.applyUpdate(laptop, Y.encodeStateAsUpdate(a));
    const tracker = new ConflictTracker(laptop, { actor: "ada" });
    setCardFields(a, card, { effort: 2 }, undefined, "ada");
    setCardFields(a, card, { effort: 3 }, undefined, "ada");
    setCardFields(laptop, card, { effort: 5 }, undefined, "ada");
    Y.applyUpdate(a, Y.encodeStateAsUpdate(laptop));
    Y.applyUpdate(laptop, Y.encodeStateAsUpdate(a));
    sync();
    expect(readConflicts(a)).toEqual([]);
    expect(tracker.conflicts).toEqual([]);
    tracker.destroy();
    destroy();
  });

  it("settles a conflict: the kept value and a decision in the log, in one change, seen by all", () => {
    const { a, b, card, lanes, sync, destroy } = twoPeers();
    moveCard(a, { cardId: card, laneId: lanes.next, index: 0, by: "ada" });
    moveCard(b, { cardId: card, laneId: lanes.now, index: 0, by: "bo" });
    sync();
    const [conflict] = readConflicts(a, card) as [Conflict];
    const keep = conflict.sides.findIndex((side) => side.userId === "ada");
    const updates: Uint8Array[] = [];
    a.on("update", (update: Uint8Array) => updates.push(update));
    vi.setSystemTime(T0 + 5_000);
    const decisionId = settleConflict(a, card, conflict.id, {
      keep,
      decidedBy: "lead",
      rationale: "Next quarter has the capacity.",
    });
    expect(updates).toHaveLength(1);
    sync();
    for (const doc of [a, b]) {
      expect(readBoard(doc).cards.get(card)?.laneId).toBe(lanes.next);
      expect(readConflicts(doc, card)).toEqual([]);
      expect(readDecisions(doc, { kind: "conflict", cardId: card })).toEqual([
        expect.objectContaining({
          id: decisionId,
          decidedBy: "lead",
          rationale: "Next quarter has the capacity.",
          title: expect.stringMatching(/goes to Next$/),
          alternatives: conflict.sides.map(
            (s) => `${s.userId}: ${readBoard(doc).lanes.find((lane) => lane.id === s.value)?.title}`,
          ),
        }),
      ]);
    }
    // The settle itself is not a new collision.
    expect(readConflicts(a)).toEqual([]);
    expect(() => settleConflict(a, card, conflict.id, { keep: 0, decidedBy: "lead" })).toThrow(
      BoardInputError,
    );
    destroy();
  });

  it("settles a score conflict to the other side's value", () => {
    const { a, b, card, sync, destroy } = twoPeers();
    setCardFields(a, card, { reach: 100 }, undefined, "ada");
    setCardFields(b, card, { reach: 500 }, undefined, "bo");
    sync();
    const [conflict] = readConflicts(b, card) as [Conflict];
    const keep = conflict.sides.findIndex((side) => side.value === 500);
    settleConflict(b, card, conflict.id, { keep, decidedBy: "lead" });
    sync();
    expect(readBoard(a).cards.get(card)?.reach).toBe(500);
    let code = "";
    try {
      settleConflict(b, card, "nope", { keep: 0, decidedBy: "lead" });
    } catch (error) {
      code = (error as BoardInputError).code;
    }
    expect(code).toBe("conflict_not_found");
    destroy();
  });
});
