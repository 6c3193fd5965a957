import { describe, expect, it } from "vitest";
import * as Y from "yjs";
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
