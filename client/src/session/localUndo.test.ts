import { createCard, initBoard, moveCard, readBoard, renameCard, setCardFields } from "@converge/shared";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { UI_ORIGIN } from "../boardActions";
import { createLocalUndo } from "./localUndo";

/** Two peers whose updates reach each other at once, as over the socket (origin "remote"). */
function twoPeers() {
  const ada = new Y.Doc();
  const bo = new Y.Doc();
  for (const [from, to] of [
    [ada, bo],
    [bo, ada],
  ] as const) {
    from.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin !== "remote") Y.applyUpdate(to, update, "remote");
    });
  }
  initBoard(ada, { title: "Planning", template: "product-backlog" }, "setup");
  const [backlog, next, later] = readBoard(bo).lanes;
  if (!backlog || !next || !later) throw new Error("the template has lanes");
  const cardId = createCard(ada, { laneId: backlog.id, title: "Search", by: "ada" }, "setup");
  const adaUndo = createLocalUndo(ada);
  const boUndo = createLocalUndo(bo);
  return { ada, bo, adaUndo, boUndo, cardId, backlog, next, later };
}

const card = (doc: Y.Doc, id: string) => readBoard(doc).cards.get(id);

describe("per-person undo", () => {
  it("undoes and redoes my own edit, seen by my teammate too", () => {
    const { ada, bo, adaUndo, cardId } = twoPeers();
    renameCard(ada, cardId, "Search v2", UI_ORIGIN);
    expect(card(bo, cardId)?.title).toBe("Search v2");
    adaUndo.undo();
    expect(card(ada, cardId)?.title).toBe("Search");
    expect(card(bo, cardId)?.title).toBe("Search");
    adaUndo.redo();
    expect(card(bo, cardId)?.title).toBe("Search v2");
  });

  it("has nothing to undo for a teammate's edits", () => {
    const { bo, adaUndo, cardId, next } = twoPeers();
    moveCard(bo, { cardId, laneId: next.id, index: 0, by: "bo" }, UI_ORIGIN);
    expect(adaUndo.canUndo()).toBe(false);
    adaUndo.undo();
    expect(card(bo, cardId)?.laneId).toBe(next.id);
  });

  it("never reverts a teammate's later edit of the same field, and leaves their other edits alone", () => {
    const { ada, bo, adaUndo, boUndo, cardId, next, later } = twoPeers();
    moveCard(ada, { cardId, laneId: next.id, index: 0, by: "ada" }, UI_ORIGIN);
    adaUndo.stopCapturing();
    setCardFields(ada, cardId, { effort: 3 }, UI_ORIGIN);
    moveCard(bo, { cardId, laneId: later.id, index: 0, by: "bo" }, UI_ORIGIN);
    renameCard(bo, cardId, "Search (Bo)", UI_ORIGIN);

    adaUndo.undo(); // my effort goes
    adaUndo.undo(); // my move is undone, but Bo moved the card after me: his lane stands
    for (const doc of [ada, bo]) {
      expect(card(doc, cardId)).toMatchObject({ laneId: later.id, title: "Search (Bo)", effort: null });
    }
    expect(boUndo.canUndo()).toBe(true);
    boUndo.undo();
    expect(card(ada, cardId)?.title).toBe("Search");
  });

  it("does not track edits made with another origin (the record: settled conflicts, decisions)", () => {
    const { ada, adaUndo, cardId } = twoPeers();
    renameCard(ada, cardId, "On the record", "converge-record");
    expect(adaUndo.canUndo()).toBe(false);
  });
});
