import { archiveGoal, readBoard } from "@converge/shared";
import { describe, expect, it } from "vitest";
import { cellId, columnOf, dropPatch, NO_GOAL, quarterOf, roadmapLayout, UNPLANNED } from "./roadmap";
import { allCardIds, plannedBoard } from "./testBoard";

describe("roadmapLayout", () => {
  it("puts cards in Now / Next / Later by goal, with No goal last and the unplanned apart", () => {
    const { doc, growth, ids } = plannedBoard();
    const layout = roadmapLayout(readBoard(doc), allCardIds(doc), "horizons", "2026-Q2");
    expect(layout.columns.map((column) => column.title)).toEqual(["Unplanned", "Now", "Next", "Later"]);
    expect(layout.rows.map((row) => row.title)).toEqual(["Grow signups", "No goal"]);
    expect(layout.cells.get(cellId(NO_GOAL, "now"))).toEqual([ids.search]);
    expect(layout.cells.get(cellId(growth, "next"))).toEqual([ids.billing]);
    expect(layout.cells.get(cellId(NO_GOAL, "later"))).toEqual([ids.export]);
    expect(layout.cells.get(cellId(growth, UNPLANNED))).toEqual([ids.audit]);
  });

  it("shows only the visible cards and keeps an archived goal's row while it has some", () => {
    const { doc, growth, ids } = plannedBoard();
    archiveGoal(doc, growth);
    const layout = roadmapLayout(readBoard(doc), new Set([ids.billing]), "horizons", "2026-Q2");
    expect(layout.rows.map((row) => [row.title, row.droppable])).toEqual([
      ["Grow signups (archived)", false],
      ["No goal", true],
    ]);
    expect([...layout.cells.values()].flat()).toEqual([ids.billing]);
  });

  it("cuts quarters from this one to three ahead, widened to the quarters cards target", () => {
    const { doc } = plannedBoard();
    const layout = roadmapLayout(readBoard(doc), allCardIds(doc), "quarters", "2026-Q4");
    expect(layout.columns.map((column) => column.id)).toEqual([
      UNPLANNED,
      "2026-Q4",
      "2027-Q1",
      "2027-Q2",
      "2027-Q3",
      "later",
    ]);
  });
});

describe("columnOf and dropPatch", () => {
  it("maps quarters to horizons and horizons to quarters relative to today", () => {
    expect(columnOf("2026-Q1", "horizons", "2026-Q2")).toBe("now");
    expect(columnOf("2026-Q3", "horizons", "2026-Q2")).toBe("next");
    expect(columnOf("2027-Q3", "horizons", "2026-Q2")).toBe("later");
    expect(columnOf("next", "quarters", "2026-Q4")).toBe("2027-Q1");
    expect(columnOf(null, "quarters", "2026-Q4")).toBe(UNPLANNED);
    expect(quarterOf(new Date(2026, 10, 3))).toBe("2026-Q4");
  });

  it("writes only what the drop changed", () => {
    const goalRow = { id: "g1", title: "Goal", goalId: "g1", droppable: true };
    const noGoal = { id: NO_GOAL, title: "No goal", goalId: null, droppable: true };
    const later = { id: "later", title: "Later", target: "later" };
    const now = { id: "now", title: "Now", target: "now" };
    const card = { target: "now", goalId: null };
    const from = { rowId: NO_GOAL, columnId: "now" };
    expect(dropPatch(card, from, { row: noGoal, column: later })).toEqual({ target: "later" });
    expect(dropPatch(card, from, { row: goalRow, column: now })).toEqual({ goalId: "g1" });
    expect(dropPatch(card, from, { row: noGoal, column: now })).toBeNull();
    // A quarter shown under Later stays a quarter when it is dropped back into Later.
    expect(
      dropPatch(
        { target: "2030-Q1", goalId: null },
        { rowId: NO_GOAL, columnId: "later" },
        { row: noGoal, column: later },
      ),
    ).toBeNull();
  });
});
