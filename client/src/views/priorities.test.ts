import { readBoard } from "@converge/shared";
import { describe, expect, it } from "vitest";
import { applyLaneOrder, commitCardFields, movesToOrder } from "./cardEdits";
import { backlogPlan, formatInput, parseInput, priorityRows } from "./priorities";
import { allCardIds, plannedBoard } from "./testBoard";

describe("priorityRows", () => {
  it("sorts the visible cards by RICE score, unscored last and unranked", () => {
    const { doc, ids } = plannedBoard();
    const rows = priorityRows(readBoard(doc), allCardIds(doc));
    expect(rows.map((row) => row.card.id)).toEqual([ids.billing, ids.search, ids.export, ids.audit]);
    expect(rows.map((row) => row.rank)).toEqual([1, 2, 3, null]);
    expect(rows.map((row) => row.score)).toEqual([500, 100, 6, null]);
  });

  it("honours the filter: hidden cards neither show nor take a rank", () => {
    const { doc, ids } = plannedBoard();
    const rows = priorityRows(readBoard(doc), new Set([ids.search, ids.export]));
    expect(rows.map((row) => [row.card.id, row.rank])).toEqual([
      [ids.search, 1],
      [ids.export, 2],
    ]);
  });
});

describe("parseInput and formatInput", () => {
  it("reads blank as clearing, a decimal comma as a point and junk as NaN for the operation to refuse", () => {
    expect(parseInput("  ")).toBeNull();
    expect(parseInput("2,5")).toBe(2.5);
    expect(parseInput("lots")).toBeNaN();
    expect(formatInput("impact", 2)).toBe("2 high");
    expect(formatInput("reach", null)).toBe("—");
  });

  it("lets setCardFields refuse a bad value with its own message and write nothing", () => {
    const { doc, ids } = plannedBoard();
    const result = commitCardFields(doc, ids.search, { confidence: parseInput("120") });
    expect(result).toEqual({
      ok: false,
      message: "The card's confidence must be a percentage from 0 to 100.",
    });
    expect(readBoard(doc).cards.get(ids.search)?.confidence).toBe(100);
    expect(commitCardFields(doc, ids.search, { reach: parseInput("lots") }).ok).toBe(false);
    expect(commitCardFields(doc, ids.search, { reach: parseInput("") }).ok).toBe(true);
    expect(readBoard(doc).cards.get(ids.search)?.reach).toBeNull();
  });
});

describe("re-ranking the backlog", () => {
  it("plans the backlog in score order and applies it in one transaction", () => {
    const { doc, backlog, ids } = plannedBoard();
    const board = readBoard(doc);
    const plan = backlogPlan(board, priorityRows(board, allCardIds(doc)));
    expect(plan?.laneId).toBe(backlog);
    expect(plan?.current).toEqual([ids.search, ids.billing, ids.export]);
    expect(plan?.order).toEqual([ids.billing, ids.search, ids.export]);
    expect(movesToOrder(plan?.current ?? [], plan?.order ?? [])).toEqual([{ cardId: ids.billing, index: 0 }]);
    let transactions = 0;
    doc.on("afterTransaction", () => transactions++);
    expect(applyLaneOrder(doc, backlog, plan?.order ?? []).ok).toBe(true);
    expect(readBoard(doc).lanes[0]?.cardIds).toEqual([ids.billing, ids.search, ids.export]);
    // One transaction: one undo step, one update on the wire.
    expect(transactions).toBe(1);
  });

  it("leaves cards the filter hides in their slots", () => {
    const { doc, ids } = plannedBoard();
    const board = readBoard(doc);
    const visible = new Set([ids.search, ids.export]);
    commitCardFields(doc, ids.export, { reach: 100_000 });
    const fresh = readBoard(doc);
    const plan = backlogPlan(fresh, priorityRows(fresh, visible));
    expect(board.lanes[0]?.cardIds).toEqual([ids.search, ids.billing, ids.export]);
    expect(plan?.order).toEqual([ids.export, ids.billing, ids.search]);
  });

  it("turns any order into front-to-back moves that reach it", () => {
    const current = ["a", "b", "c", "d", "e"];
    const order = ["e", "c", "a", "d", "b"];
    const working = [...current];
    for (const { cardId, index } of movesToOrder(current, order)) {
      working.splice(working.indexOf(cardId), 1);
      working.splice(index, 0, cardId);
    }
    expect(working).toEqual(order);
  });
});
