import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { BoardInputError } from "./errors";
import {
  archiveCard,
  createCard,
  createCards,
  createLane,
  deleteCard,
  deleteLane,
  initBoard,
  moveCard,
  moveLane,
  renameBoard,
  renameCard,
  renameLane,
  rerankCards,
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

/** Counts the transactions (so: undo steps and updates on the wire) `change` makes on `doc`. */
function transactionsOf(doc: Y.Doc, change: () => void): number {
  let count = 0;
  const count1 = () => {
    count++;
  };
  doc.on("afterTransaction", count1);
  try {
    change();
  } finally {
    doc.off("afterTransaction", count1);
  }
  return count;
}

/** Two peers on one board, each with its own copy; `sync` exchanges what each lacks. */
function twoPeers() {
  const { doc: a, lanes } = newBoard();
  const b = new Y.Doc();
  const sync = () => {
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  };
  sync();
  return { a, b, lanes, sync };
}

describe("createCards", () => {
  it("adds every card at the bottom of its lane in the order given, in one transaction", () => {
    const { doc, lanes } = newBoard();
    createCard(doc, { laneId: lanes[0], title: "Already here", by: "u1" });
    let ids: string[] = [];
    const transactions = transactionsOf(doc, () => {
      ids = createCards(doc, {
        cards: [
          { laneId: lanes[0], title: "One" },
          { laneId: lanes[1], title: "Two" },
          { laneId: lanes[0], title: "  Three  " },
        ],
        by: "u1",
      });
    });
    expect(transactions).toBe(1);
    expect(titlesOf(doc, lanes[0])).toEqual(["Already here", "One", "Three"]);
    expect(titlesOf(doc, lanes[1])).toEqual(["Two"]);
    const card = readBoard(doc).cards.get(ids[0] as string);
    expect(card).toMatchObject({ title: "One", laneId: lanes[0], createdBy: "u1", archived: false });
  });

  it("ranks new cards after the lane's last live card, as createCard one by one would", () => {
    const { doc, lanes } = newBoard();
    const one = createCard(doc, { laneId: lanes[0], title: "One", by: "u1" });
    const two = createCard(doc, { laneId: lanes[0], title: "Two", by: "u1" });
    archiveCard(doc, two);
    const [three] = createCards(doc, { cards: [{ laneId: lanes[0], title: "Three" }], by: "u1" });
    const cards = readBoard(doc).cards;
    expect(titlesOf(doc, lanes[0])).toEqual(["One", "Three"]);
    expect((cards.get(three as string)?.rank ?? "") > (cards.get(one)?.rank ?? "")).toBe(true);
  });

  it("refuses a bad title or an unknown lane before writing anything", () => {
    const { doc, lanes } = newBoard();
    const before = Y.encodeStateVector(doc);
    expect(() =>
      createCards(doc, {
        cards: [
          { laneId: lanes[0], title: "Fine" },
          { laneId: lanes[0], title: " " },
        ],
        by: "u",
      }),
    ).toThrow(BoardInputError);
    expect(() =>
      createCards(doc, {
        cards: [
          { laneId: lanes[0], title: "Fine" },
          { laneId: "nope", title: "Lost" },
        ],
        by: "u",
      }),
    ).toThrow(/no lane nope/);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it("spreads 2,000 cards over three lanes, each lane in the order given", () => {
    const { doc, lanes } = newBoard();
    const cards = Array.from({ length: 2000 }, (_, i) => ({
      laneId: lanes[i % 3] as string,
      title: `Card ${i}`,
    }));
    createCards(doc, { cards, by: "u1" });
    expect(titlesOf(doc, lanes[1])).toHaveLength(667);
    expect(titlesOf(doc, lanes[1]).slice(0, 2)).toEqual(["Card 1", "Card 4"]);
  });
});

describe("rerankCards", () => {
  it("puts a lane in the order asked for as one transaction (one undo step)", () => {
    const { doc, lanes } = newBoard();
    const ids = createCards(doc, {
      cards: ["A", "B", "C", "D"].map((title) => ({ laneId: lanes[0], title })),
      by: "u1",
    });
    const undo = new Y.UndoManager(getCards(doc), { trackedOrigins: new Set(["ui"]) });
    const transactions = transactionsOf(doc, () =>
      rerankCards(doc, lanes[0], [ids[3], ids[1], ids[0], ids[2]] as string[], "ui"),
    );
    expect(transactions).toBe(1);
    expect(titlesOf(doc, lanes[0])).toEqual(["D", "B", "A", "C"]);
    undo.undo();
    expect(titlesOf(doc, lanes[0])).toEqual(["A", "B", "C", "D"]);
  });

  it("keeps cards that are not named in their slots and refuses an unknown lane", () => {
    const { doc, lanes } = newBoard();
    const [a, , c] = createCards(doc, {
      cards: ["A", "hidden", "C"].map((title) => ({ laneId: lanes[0], title })),
      by: "u1",
    });
    rerankCards(doc, lanes[0], [c, a] as string[]);
    expect(titlesOf(doc, lanes[0])).toEqual(["C", "hidden", "A"]);
    expect(() => rerankCards(doc, "nope", [])).toThrow(BoardInputError);
  });

  it("converges with a peer who moves a card out of the lane at the same time", () => {
    const { a, b, lanes, sync } = twoPeers();
    const ids = createCards(a, {
      cards: ["A", "B", "C", "D"].map((title) => ({ laneId: lanes[0], title })),
      by: "u1",
    });
    sync();
    rerankCards(a, lanes[0], [...ids].reverse());
    moveCard(b, { cardId: ids[1] as string, laneId: lanes[2], index: 0 });
    createCard(b, { laneId: lanes[0], title: "E", by: "u2" });
    sync();
    expect(readBoard(a)).toEqual(readBoard(b));
    const all = [...titlesOf(a, lanes[0]), ...titlesOf(a, lanes[1]), ...titlesOf(a, lanes[2])];
    expect(all.filter((title) => title === "B")).toHaveLength(1);
    expect(titlesOf(a, lanes[0])).toEqual(expect.arrayContaining(["A", "C", "D", "E"]));
    expect(titlesOf(a, lanes[0]).indexOf("D")).toBeLessThan(titlesOf(a, lanes[0]).indexOf("A"));
  });
});

describe("moveCard with fields", () => {
  it("moves a card and sets its team in one transaction", () => {
    const { doc, lanes } = newBoard();
    const id = createCard(doc, { laneId: lanes[0], title: "Login", by: "u1" });
    const transactions = transactionsOf(doc, () =>
      moveCard(doc, { cardId: id, laneId: lanes[1], index: 0, by: "u2", fields: { team: "Design" } }),
    );
    expect(transactions).toBe(1);
    expect(readBoard(doc).cards.get(id)).toMatchObject({ laneId: lanes[1], team: "Design" });
  });

  it("writes nothing when a field is refused: the card stays where it was", () => {
    const { doc, lanes } = newBoard();
    const id = createCard(doc, { laneId: lanes[0], title: "Login", by: "u1" });
    const before = Y.encodeStateVector(doc);
    expect(() =>
      moveCard(doc, { cardId: id, laneId: lanes[1], index: 0, fields: { team: "No such team" } }),
    ).toThrow(BoardInputError);
    expect(Y.encodeStateVector(doc)).toEqual(before);
    expect(readBoard(doc).cards.get(id)?.laneId).toBe(lanes[0]);
  });

  it("peers never see the card moved without its team, and converge with a concurrent move", () => {
    const { a, b, lanes, sync } = twoPeers();
    const id = createCard(a, { laneId: lanes[0], title: "Login", by: "u1" });
    sync();
    const seen: { laneId: string | undefined; team: string | null | undefined }[] = [];
    b.on("update", () => {
      const card = readBoard(b).cards.get(id);
      seen.push({ laneId: card?.laneId, team: card?.team });
    });
    Y.applyUpdate(
      b,
      captureUpdate(a, () =>
        moveCard(a, { cardId: id, laneId: lanes[1], index: 0, fields: { team: "Marketing" } }),
      ),
    );
    expect(seen).toEqual([{ laneId: lanes[1], team: "Marketing" }]);
    moveCard(a, { cardId: id, laneId: lanes[2], index: 0, fields: { team: "Support" } });
    moveCard(b, { cardId: id, laneId: lanes[0], index: 0, fields: { team: "Design" } });
    sync();
    expect(readBoard(a)).toEqual(readBoard(b));
    const card = readBoard(a).cards.get(id);
    const placed = readBoard(a).lanes.filter((lane) => lane.cardIds.includes(id));
    expect(placed).toHaveLength(1);
    expect(placed[0]?.id).toBe(card?.laneId);
  });
});

function getCards(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap("cards");
}

/** The one update `change` makes on `doc`. */
function captureUpdate(doc: Y.Doc, change: () => void): Uint8Array {
  const updates: Uint8Array[] = [];
  const keep = (update: Uint8Array) => updates.push(update);
  doc.on("update", keep);
  change();
  doc.off("update", keep);
  expect(updates).toHaveLength(1);
  return updates[0] as Uint8Array;
}
