import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addTeam } from "./boardSettings";
import { setCardFields } from "./cardFields";
import { addChecklistItem } from "./checklist";
import { createEvidence, editEvidence, linkEvidence, unlinkEvidence } from "./evidence";
import { createGoal, renameGoal } from "./goals";
import { createCard, deleteLane, initBoard, moveCard, renameCard, setCardDescription } from "./operations";
import { createBoardReader, readBoard } from "./readBoard";

function seeded() {
  const doc = new Y.Doc();
  initBoard(doc, { title: "Board" });
  const [backlog, doing] = readBoard(doc).lanes.map((lane) => lane.id) as [string, string];
  const a = createCard(doc, { laneId: backlog, title: "A", by: "u" });
  const b = createCard(doc, { laneId: backlog, title: "B", by: "u" });
  const c = createCard(doc, { laneId: doing, title: "C", by: "u" });
  return { doc, backlog, doing, a, b, c };
}

describe("createBoardReader", () => {
  it("returns the same snapshot until the board changes", () => {
    const { doc } = seeded();
    const reader = createBoardReader(doc);
    expect(reader.getSnapshot()).toBe(reader.getSnapshot());
    expect(reader.getSnapshot()).toEqual(readBoard(doc));
  });

  it("gives a new object only to the card that changed, and keeps untouched lanes", () => {
    const { doc, a, b, c, doing } = seeded();
    const reader = createBoardReader(doc);
    const before = reader.getSnapshot();
    renameCard(doc, a, "A2");
    const after = reader.getSnapshot();
    expect(after).not.toBe(before);
    expect(after.cards.get(a)).not.toBe(before.cards.get(a));
    expect(after.cards.get(a)?.title).toBe("A2");
    expect(after.cards.get(b)).toBe(before.cards.get(b));
    expect(after.cards.get(c)).toBe(before.cards.get(c));
    expect(after.lanes.find((lane) => lane.id === doing)).toBe(
      before.lanes.find((lane) => lane.id === doing),
    );
  });

  it("sees description edits (nested Y.Text) and moves", () => {
    const { doc, a, doing } = seeded();
    const reader = createBoardReader(doc);
    reader.getSnapshot();
    setCardDescription(doc, a, "typed");
    expect(reader.getSnapshot().cards.get(a)?.description).toBe("typed");
    moveCard(doc, { cardId: a, laneId: doing, index: 0 });
    const lane = reader.getSnapshot().lanes.find((candidate) => candidate.id === doing);
    expect(lane?.cardIds[0]).toBe(a);
  });

  it("notifies subscribers once per transaction and stops after unsubscribe or destroy", () => {
    const { doc, a } = seeded();
    const reader = createBoardReader(doc);
    let calls = 0;
    const unsubscribe = reader.subscribe(() => calls++);
    renameCard(doc, a, "one");
    reader.getSnapshot();
    renameCard(doc, a, "two");
    expect(calls).toBe(2);
    unsubscribe();
    renameCard(doc, a, "three");
    expect(calls).toBe(2);
    reader.destroy();
  });

  it("applies remote updates the same as local ones", () => {
    const { doc, a } = seeded();
    const remote = new Y.Doc();
    const reader = createBoardReader(remote);
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    expect(reader.getSnapshot()).toEqual(readBoard(doc));
    renameCard(doc, a, "renamed far away");
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(remote)));
    expect(reader.getSnapshot().cards.get(a)?.title).toBe("renamed far away");
  });
});

describe("createBoardReader with planning data", () => {
  it("gives a new object only to the card whose planning field or checklist changed", () => {
    const { doc, a, b } = seeded();
    const reader = createBoardReader(doc);
    const before = reader.getSnapshot();
    setCardFields(doc, a, { estimate: 3, labels: ["api"] });
    const after = reader.getSnapshot();
    expect(after.cards.get(a)).toMatchObject({ estimate: 3, labels: ["api"] });
    expect(after.cards.get(b)).toBe(before.cards.get(b));
    addChecklistItem(doc, b, { text: "Spec" });
    const third = reader.getSnapshot();
    expect(third.cards.get(b)?.checklist.map((item) => item.text)).toEqual(["Spec"]);
    expect(third.cards.get(a)).toBe(after.cards.get(a));
    expect(third.teams).toBe(before.teams);
    expect(third).toEqual(readBoard(doc));
  });

  it("keeps every card object through goal and settings changes, and renews the aligned goal", () => {
    const { doc, a, b, c } = seeded();
    const goal = createGoal(doc, { title: "Growth", by: "u" });
    const other = createGoal(doc, { title: "Quality", by: "u" });
    setCardFields(doc, a, { goalId: goal });
    const reader = createBoardReader(doc);
    const before = reader.getSnapshot();
    expect(before.goals.map((entry) => entry.cardIds)).toEqual([[a], []]);
    renameGoal(doc, goal, "Growth 2027");
    addTeam(doc, "Sales");
    const after = reader.getSnapshot();
    for (const id of [a, b, c]) expect(after.cards.get(id)).toBe(before.cards.get(id));
    expect(after.goals[0]?.title).toBe("Growth 2027");
    expect(after.goals[1]).toBe(before.goals[1]);
    expect(after.teams).toContain("Sales");
    setCardFields(doc, b, { goalId: other });
    expect(reader.getSnapshot().goals[1]?.cardIds).toEqual([b]);
    expect(reader.getSnapshot().goals[0]).toBe(after.goals[0]);
  });

  it("renews exactly the cards whose evidence counts a link, unlink or edit moved", () => {
    const { doc, a, b, c } = seeded();
    const reader = createBoardReader(doc);
    const id = createEvidence(doc, {
      quote: "q",
      source: "interview",
      customer: "Acme",
      cardIds: [a],
      by: "u",
    });
    const first = reader.getSnapshot();
    expect(first.cards.get(a)).toMatchObject({ evidenceCount: 1, evidenceCustomerCount: 1 });
    linkEvidence(doc, id, b);
    const second = reader.getSnapshot();
    expect(second.cards.get(a)).toBe(first.cards.get(a));
    expect(second.cards.get(b)).toMatchObject({ evidenceCount: 1, evidenceCustomerCount: 1 });
    expect(second.cards.get(c)).toBe(first.cards.get(c));
    editEvidence(doc, id, { quote: "reworded" });
    const third = reader.getSnapshot();
    expect(third.evidence[0]?.quote).toBe("reworded");
    for (const card of [a, b, c]) expect(third.cards.get(card)).toBe(second.cards.get(card));
    editEvidence(doc, id, { customer: "" });
    expect(reader.getSnapshot().cards.get(a)).toMatchObject({ evidenceCount: 1, evidenceCustomerCount: 0 });
    unlinkEvidence(doc, id, a);
    const last = reader.getSnapshot();
    expect(last.cards.get(a)).toMatchObject({ evidenceCount: 0 });
    expect(last).toEqual(readBoard(doc));
  });
});

describe("readBoard", () => {
  it("shows a card whose lane was deleted concurrently in the first lane, exactly once", () => {
    const { doc, doing, backlog } = seeded();
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const moved = createCard(other, { laneId: doing, title: "Late", by: "v" });
    deleteLane(doc, doing);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    const board = readBoard(doc);
    const placements = board.lanes.flatMap((lane) =>
      lane.cardIds.filter((id) => id === moved).map(() => lane.id),
    );
    expect(placements).toEqual([backlog]);
  });
});

describe("readBoard on a document any peer may have scribbled on", () => {
  it("never throws: junk entries are skipped and junk values read as null or defaults", () => {
    const { doc, a } = seeded();
    const goal = createGoal(doc, { title: "G", by: "u" });
    const reader = createBoardReader(doc);
    reader.getSnapshot();
    doc.transact(() => {
      const roots = {
        meta: doc.getMap("meta"),
        cards: doc.getMap("cards"),
        lanes: doc.getMap("lanes"),
        goals: doc.getMap("goals"),
        feedback: doc.getMap("feedback"),
      };
      roots.meta.set("teams", Y.Array.from<string | number>(["Ops", 7, "", "Ops"]));
      roots.meta.set("voteBudget", -2);
      roots.cards.set("junk-card", "not a map");
      roots.lanes.set("junk-lane", 42);
      roots.goals.set("junk-goal", ["x"]);
      roots.feedback.set("junk-evidence", null);
      roots.feedback.set(
        "odd-evidence",
        new Y.Map<unknown>([
          ["quote", 5],
          ["source", "carrier pigeon"],
          ["cardIds", Y.Array.from<string | number>([a, 3, a])],
          ["date", "yesterday"],
        ]),
      );
      const card = roots.cards.get(a) as Y.Map<unknown>;
      card.set("goalId", "goal-from-the-future");
      card.set("estimate", Number.POSITIVE_INFINITY);
      card.set("dueDate", "2027-13-01");
      card.set("checklist", Y.Array.from<Y.Map<unknown> | string>([new Y.Map([["text", "no id"]]), "junk"]));
      (roots.goals.get(goal) as Y.Map<unknown>).set("description", 12);
    });
    const board = readBoard(doc);
    expect(reader.getSnapshot()).toEqual(board);
    expect(board.teams).toEqual(["Ops"]);
    expect(board.voteBudget).toBeNull();
    expect(board.cards.has("junk-card")).toBe(false);
    expect(board.lanes.some((lane) => lane.id === "junk-lane")).toBe(false);
    expect(board.goals.map((entry) => [entry.id, entry.description, entry.cardIds])).toEqual([
      [goal, "", []],
    ]);
    expect(board.evidence).toEqual([
      expect.objectContaining({ id: "odd-evidence", quote: "", source: "other", date: null, cardIds: [a] }),
    ]);
    expect(board.cards.get(a)).toMatchObject({
      goalId: "goal-from-the-future",
      estimate: null,
      dueDate: null,
      checklist: [],
      evidenceCount: 1,
    });
  });
});
