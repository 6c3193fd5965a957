import { describe, expect, it } from "vitest";
import { type DragEnd, dragToMove, type LaneOrder } from "./dragToMove";

const lanes: LaneOrder[] = [
  { id: "todo", cardIds: ["a", "b", "c"] },
  { id: "doing", cardIds: ["d", "e"] },
  { id: "done", cardIds: [] },
];

function card(activeId: string, overId: string | null, overKind: DragEnd["overKind"] = "card"): DragEnd {
  return { activeId, activeKind: "card", overId, overKind };
}

describe("dragToMove for cards", () => {
  it("returns null when dropped outside every lane", () => {
    expect(dragToMove(card("a", null, null), lanes)).toBeNull();
  });

  it("returns null when dropped on itself", () => {
    expect(dragToMove(card("b", "b"), lanes)).toBeNull();
  });

  it("moves down within a lane into the over card's slot", () => {
    expect(dragToMove(card("a", "c"), lanes)).toEqual({
      kind: "card",
      cardId: "a",
      laneId: "todo",
      index: 2,
    });
  });

  it("moves up within a lane into the over card's slot", () => {
    expect(dragToMove(card("c", "a"), lanes)).toEqual({
      kind: "card",
      cardId: "c",
      laneId: "todo",
      index: 0,
    });
  });

  it("returns null when dropped on its own lane's empty space while already last", () => {
    expect(dragToMove(card("c", "todo", "lane"), lanes)).toBeNull();
  });

  it("moves to the end of its own lane when dropped on the lane", () => {
    expect(dragToMove(card("a", "todo", "lane"), lanes)).toEqual({
      kind: "card",
      cardId: "a",
      laneId: "todo",
      index: 2,
    });
  });

  it("moves into an empty lane", () => {
    expect(dragToMove(card("a", "done", "lane"), lanes)).toEqual({
      kind: "card",
      cardId: "a",
      laneId: "done",
      index: 0,
    });
  });

  it("inserts before the over card in another lane when above its centre", () => {
    const drag = { ...card("a", "e"), activeCenterY: 100, overCenterY: 120 };
    expect(dragToMove(drag, lanes)).toEqual({ kind: "card", cardId: "a", laneId: "doing", index: 1 });
  });

  it("inserts after the over card in another lane when below its centre", () => {
    const drag = { ...card("a", "e"), activeCenterY: 130, overCenterY: 120 };
    expect(dragToMove(drag, lanes)).toEqual({ kind: "card", cardId: "a", laneId: "doing", index: 2 });
  });

  it("inserts before the over card when positions are unknown (keyboard drop)", () => {
    expect(dragToMove(card("b", "d"), lanes)).toEqual({
      kind: "card",
      cardId: "b",
      laneId: "doing",
      index: 0,
    });
  });

  it("returns null for an unknown card", () => {
    expect(dragToMove(card("zzz", "d"), lanes)).toBeNull();
  });
});

describe("dragToMove for lanes", () => {
  const lane = (
    activeId: string,
    overId: string | null,
    overKind: DragEnd["overKind"] = "lane",
  ): DragEnd => ({
    activeId,
    activeKind: "lane",
    overId,
    overKind,
  });

  it("moves a lane right", () => {
    expect(dragToMove(lane("todo", "done"), lanes)).toEqual({ kind: "lane", laneId: "todo", index: 2 });
  });

  it("moves a lane left", () => {
    expect(dragToMove(lane("done", "todo"), lanes)).toEqual({ kind: "lane", laneId: "done", index: 0 });
  });

  it("resolves a card under the pointer to its lane", () => {
    expect(dragToMove(lane("todo", "e", "card"), lanes)).toEqual({ kind: "lane", laneId: "todo", index: 1 });
  });

  it("returns null when dropped on itself or nowhere", () => {
    expect(dragToMove(lane("doing", "doing"), lanes)).toBeNull();
    expect(dragToMove(lane("doing", null, null), lanes)).toBeNull();
  });
});
