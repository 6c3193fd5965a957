import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addComment, createCommentsReader, deleteComment, editComment, readComments } from "./comments";
import { createCard, deleteCard, initBoard } from "./operations";
import { createBoardReader, readBoard } from "./readBoard";

function board() {
  const doc = new Y.Doc();
  initBoard(doc, { title: "Plan" });
  const laneId = readBoard(doc).lanes[0]?.id as string;
  const a = createCard(doc, { laneId, title: "A", by: "u1" });
  const b = createCard(doc, { laneId, title: "B", by: "u1" });
  return { doc, a, b };
}

describe("comments", () => {
  it("adds, edits and deletes comments, deriving mentions from the body", () => {
    const { doc, a } = board();
    const first = addComment(doc, a, { body: "  Can @[Ana](u2) size this?  ", by: "u1" });
    const second = addComment(doc, a, { body: "Yes, 3 points", by: "u2" });
    expect(readComments(doc, a)).toEqual([
      expect.objectContaining({
        id: first,
        authorId: "u1",
        body: "Can @[Ana](u2) size this?",
        mentions: ["u2"],
      }),
      expect.objectContaining({ id: second, authorId: "u2", editedAt: null, mentions: [] }),
    ]);
    editComment(doc, a, second, { body: "Yes, 5 points @[Bo](u3)", by: "u2" });
    expect(readComments(doc, a)[1]).toMatchObject({ body: "Yes, 5 points @[Bo](u3)", mentions: ["u3"] });
    expect(readComments(doc, a)[1]?.editedAt).toBeGreaterThan(0);
    expect(() => editComment(doc, a, second, { body: "hijack", by: "u1" })).toThrow(/Only the author/);
    expect(() => addComment(doc, a, { body: "   ", by: "u1" })).toThrow(/cannot be empty/);
    expect(() => addComment(doc, "nope", { body: "x", by: "u1" })).toThrow(/no card/);
    deleteComment(doc, a, first);
    expect(readComments(doc, a).map((comment) => comment.id)).toEqual([second]);
    deleteCard(doc, a);
    expect(readComments(doc, a)).toEqual([]);
  });

  it("keeps comments two people post at the same time, in the same order everywhere", () => {
    const { doc, a } = board();
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    addComment(doc, a, { body: "from here", by: "u1" });
    addComment(other, a, { body: "from there", by: "u2" });
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    expect(readComments(doc, a)).toHaveLength(2);
    expect(readComments(other, a)).toEqual(readComments(doc, a));
  });

  it("notifies a card's comment reader only for its thread, and never the board reader", () => {
    const { doc, a, b } = board();
    const boardReader = createBoardReader(doc);
    const snapshot = boardReader.getSnapshot();
    let boardCalls = 0;
    boardReader.subscribe(() => boardCalls++);
    const reader = createCommentsReader(doc, a);
    let calls = 0;
    reader.subscribe(() => calls++);
    expect(reader.getSnapshot()).toBe(reader.getSnapshot());
    addComment(doc, a, { body: "one", by: "u1" });
    expect(reader.getSnapshot().map((comment) => comment.body)).toEqual(["one"]);
    addComment(doc, b, { body: "elsewhere", by: "u1" });
    expect(calls).toBe(1);
    expect(boardCalls).toBe(0);
    expect(boardReader.getSnapshot()).toBe(snapshot);
    reader.destroy();
    addComment(doc, a, { body: "two", by: "u1" });
    expect(calls).toBe(1);
  });
});
