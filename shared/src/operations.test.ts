import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { BoardInputError } from "./errors";
import {
  archiveCard,
  createCard,
  createLane,
  deleteCard,
  deleteLane,
  initBoard,
  moveCard,
  moveLane,
  renameBoard,
  renameCard,
  renameLane,
  restoreCard,
  setCardDescription,
  setLaneWipLimit,
} from "./operations";
import { readBoard } from "./readBoard";
import { BOARD_TEMPLATES } from "./templates";

function newBoard() {
  const doc = new Y.Doc();
  initBoard(doc, { title: "Q3 planning" });
  const lanes = readBoard(doc).lanes.map((lane) => lane.id);
  return { doc, lanes: lanes as [string, string, string] };
}

function titlesOf(doc: Y.Doc, laneId: string): string[] {
  const board = readBoard(doc);
  const lane = board.lanes.find((candidate) => candidate.id === laneId);
  return (lane?.cardIds ?? []).map((id) => board.cards.get(id)?.title ?? "?");
}

describe("board operations", () => {
  it("seeds a board with schema version 1 and the default lanes in order", () => {
    const { doc } = newBoard();
    const board = readBoard(doc);
    expect(board.title).toBe("Q3 planning");
    expect(board.schemaVersion).toBe(1);
    expect(board.lanes.map((lane) => lane.title)).toEqual(["Backlog", "In progress", "Done"]);
    expect(doc.getMap("meta").get("schemaVersion")).toBe(1);
  });

  it("seeds every template with its lanes in order and its example cards", () => {
    for (const template of BOARD_TEMPLATES) {
      const doc = new Y.Doc();
      initBoard(doc, { title: template.name, template: template.id });
      const board = readBoard(doc);
      expect(board.lanes.map((lane) => lane.title)).toEqual(template.lanes.map((lane) => lane.title));
      for (const lane of template.lanes) {
        const seeded = board.lanes.find((candidate) => candidate.title === lane.title);
        const titles = seeded?.cardIds.map((id) => board.cards.get(id)?.title);
        expect(titles).toEqual("cards" in lane ? lane.cards : []);
      }
    }
    expect(() => initBoard(new Y.Doc(), { title: "x", template: "nope" })).toThrow(BoardInputError);
  });

  it("each operation is exactly one transaction", () => {
    const { doc, lanes } = newBoard();
    let transactions = 0;
    doc.on("afterTransaction", () => transactions++);
    const id = createCard(doc, { laneId: lanes[0], title: "A", by: "u1" });
    moveCard(doc, { cardId: id, laneId: lanes[1], index: 0 });
    renameCard(doc, id, "B");
    setCardDescription(doc, id, "Why we build it");
    archiveCard(doc, id);
    expect(transactions).toBe(5);
  });

  it("creates cards at the bottom of a lane and at an index", () => {
    const { doc, lanes } = newBoard();
    createCard(doc, { laneId: lanes[0], title: "First", by: "u1" });
    createCard(doc, { laneId: lanes[0], title: "Last", by: "u1" });
    createCard(doc, { laneId: lanes[0], title: "Middle", by: "u1", index: 1 });
    expect(titlesOf(doc, lanes[0])).toEqual(["First", "Middle", "Last"]);
    const card = readBoard(doc).cards.values().next().value;
    expect(card?.createdBy).toBe("u1");
    expect(card?.createdAt).toBeGreaterThan(0);
  });

  it("moves a card within and across lanes, writing lane and rank together", () => {
    const { doc, lanes } = newBoard();
    const a = createCard(doc, { laneId: lanes[0], title: "A", by: "u" });
    createCard(doc, { laneId: lanes[0], title: "B", by: "u" });
    createCard(doc, { laneId: lanes[0], title: "C", by: "u" });
    moveCard(doc, { cardId: a, laneId: lanes[0], index: 2 });
    expect(titlesOf(doc, lanes[0])).toEqual(["B", "C", "A"]);
    moveCard(doc, { cardId: a, laneId: lanes[2], index: 0 });
    expect(titlesOf(doc, lanes[0])).toEqual(["B", "C"]);
    expect(titlesOf(doc, lanes[2])).toEqual(["A"]);
  });

  it("renames, describes, archives, restores and deletes cards", () => {
    const { doc, lanes } = newBoard();
    const id = createCard(doc, { laneId: lanes[0], title: "Draft", by: "u" });
    renameCard(doc, id, "Final");
    setCardDescription(doc, id, "Line one");
    setCardDescription(doc, id, "Line one\nLine two");
    expect(readBoard(doc).cards.get(id)).toMatchObject({ title: "Final", description: "Line one\nLine two" });
    archiveCard(doc, id);
    expect(titlesOf(doc, lanes[0])).toEqual([]);
    expect(readBoard(doc).archived.map((card) => card.id)).toEqual([id]);
    restoreCard(doc, id);
    expect(titlesOf(doc, lanes[0])).toEqual(["Final"]);
    deleteCard(doc, id);
    expect(readBoard(doc).cards.size).toBe(0);
  });

  it("keeps concurrent description typing from two people", () => {
    const { doc, lanes } = newBoard();
    const id = createCard(doc, { laneId: lanes[0], title: "Spec", by: "u" });
    setCardDescription(doc, id, "hello world");
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    setCardDescription(doc, id, "hello big world");
    setCardDescription(other, id, "hello world!");
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    expect(readBoard(doc).cards.get(id)?.description).toBe("hello big world!");
    expect(readBoard(other).cards.get(id)?.description).toBe("hello big world!");
  });

  it("creates, renames, reorders, limits and deletes lanes", () => {
    const { doc, lanes } = newBoard();
    const review = createLane(doc, { title: "Review" });
    expect(readBoard(doc).lanes.at(-1)?.title).toBe("Review");
    renameLane(doc, review, "Code review");
    moveLane(doc, review, 1);
    expect(readBoard(doc).lanes.map((lane) => lane.title)).toEqual([
      "Backlog",
      "Code review",
      "In progress",
      "Done",
    ]);
    setLaneWipLimit(doc, review, 3);
    expect(readBoard(doc).lanes[1]?.wipLimit).toBe(3);
    setLaneWipLimit(doc, review, null);
    expect(readBoard(doc).lanes[1]?.wipLimit).toBeNull();
    expect(() => setLaneWipLimit(doc, review, 0)).toThrow(BoardInputError);

    const kept = createCard(doc, { laneId: review, title: "Kept", by: "u" });
    deleteLane(doc, review, { moveCardsTo: lanes[0] });
    expect(titlesOf(doc, lanes[0])).toEqual(["Kept"]);
    deleteLane(doc, lanes[0]);
    expect(readBoard(doc).archived.map((card) => card.id)).toEqual([kept]);
    restoreCard(doc, kept);
    expect(readBoard(doc).cards.get(kept)?.laneId).toBe(lanes[1]);
  });

  it("refuses bad input without changing the document", () => {
    const { doc, lanes } = newBoard();
    const before = Y.encodeStateVector(doc);
    expect(() => createCard(doc, { laneId: lanes[0], title: "  ", by: "u" })).toThrow(/cannot be empty/);
    expect(() => createCard(doc, { laneId: "nope", title: "A", by: "u" })).toThrow(/no lane/);
    expect(() => moveCard(doc, { cardId: "nope", laneId: lanes[0], index: 0 })).toThrow(BoardInputError);
    expect(() => renameBoard(doc, "")).toThrow(BoardInputError);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it("keeps at least one lane", () => {
    const { doc, lanes } = newBoard();
    deleteLane(doc, lanes[1]);
    deleteLane(doc, lanes[2]);
    expect(() => deleteLane(doc, lanes[0])).toThrow(/at least one lane/);
    expect(readBoard(doc).lanes.map((lane) => lane.id)).toEqual([lanes[0]]);
  });
});
