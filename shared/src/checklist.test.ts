import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  addChecklistItem,
  editChecklistItem,
  MAX_CHECKLIST_ITEMS,
  moveChecklistItem,
  removeChecklistItem,
  toggleChecklistItem,
} from "./checklist";
import { BoardInputError } from "./errors";
import { createCard, initBoard } from "./operations";
import { readBoard } from "./readBoard";

function board() {
  const doc = new Y.Doc();
  initBoard(doc, { title: "Plan" });
  const laneId = readBoard(doc).lanes[0]?.id as string;
  return { doc, cardId: createCard(doc, { laneId, title: "Launch", by: "u" }) };
}

const texts = (doc: Y.Doc, cardId: string) =>
  readBoard(doc)
    .cards.get(cardId)
    ?.checklist.map((item) => `${item.done ? "x" : " "} ${item.text}`);

describe("checklist", () => {
  it("adds, edits, toggles, reorders and removes items", () => {
    const { doc, cardId } = board();
    const a = addChecklistItem(doc, cardId, { text: "Draft post" });
    const b = addChecklistItem(doc, cardId, { text: "Review" });
    addChecklistItem(doc, cardId, { text: "First", index: 0 });
    expect(texts(doc, cardId)).toEqual(["  First", "  Draft post", "  Review"]);
    editChecklistItem(doc, cardId, a, "Draft the post");
    toggleChecklistItem(doc, cardId, a);
    toggleChecklistItem(doc, cardId, b, false);
    expect(texts(doc, cardId)).toEqual(["  First", "x Draft the post", "  Review"]);
    moveChecklistItem(doc, cardId, b, 0);
    expect(texts(doc, cardId)).toEqual(["  Review", "  First", "x Draft the post"]);
    toggleChecklistItem(doc, cardId, a);
    removeChecklistItem(doc, cardId, b);
    expect(texts(doc, cardId)).toEqual(["  First", "  Draft the post"]);
  });

  it("refuses empty text, unknown items and a full list", () => {
    const { doc, cardId } = board();
    expect(() => addChecklistItem(doc, cardId, { text: "  " })).toThrow(BoardInputError);
    expect(() => toggleChecklistItem(doc, cardId, "nope")).toThrow(/no checklist item/);
    expect(() => addChecklistItem(doc, "nope", { text: "x" })).toThrow(/no card/);
    for (let i = 0; i < MAX_CHECKLIST_ITEMS; i++) addChecklistItem(doc, cardId, { text: `item ${i}` });
    expect(() => addChecklistItem(doc, cardId, { text: "one more" })).toThrow(/at most/);
  });

  it("keeps one copy of an item two people move at once, with a tick made meanwhile", () => {
    const { doc, cardId } = board();
    const a = addChecklistItem(doc, cardId, { text: "a" });
    addChecklistItem(doc, cardId, { text: "b" });
    addChecklistItem(doc, cardId, { text: "c" });
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    moveChecklistItem(doc, cardId, a, 2);
    moveChecklistItem(other, cardId, a, 1);
    toggleChecklistItem(other, cardId, a, true);
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    expect(texts(doc, cardId)).toEqual(texts(other, cardId));
    expect(texts(doc, cardId)?.filter((text) => text.endsWith(" a"))).toEqual(["x a"]);
    expect(texts(doc, cardId)).toHaveLength(3);
  });
});
