import { readBoard } from "@converge/shared";
import { describe, expect, it } from "vitest";
import { fromPlot, matrixData, nudge, pointLabel, quadrantOf } from "./matrix";
import { allCardIds, plannedBoard } from "./testBoard";

describe("matrixData", () => {
  it("places cards with value and effort and lists the others apart", () => {
    const { doc, ids } = plannedBoard();
    const data = matrixData(readBoard(doc), allCardIds(doc));
    expect(data.points.map((point) => [point.card.id, point.value, point.effort])).toEqual([
      [ids.search, 3, 1],
      [ids.billing, 8, 2],
      [ids.export, 2, 4],
    ]);
    expect(data.missing.map((card) => card.id)).toEqual([ids.audit]);
    expect(data.effortMax).toBe(10);
  });

  it("honours the filter", () => {
    const { doc, ids } = plannedBoard();
    const data = matrixData(readBoard(doc), new Set([ids.billing]));
    expect(data.points.map((point) => point.card.id)).toEqual([ids.billing]);
    expect(data.missing).toEqual([]);
  });
});

describe("quadrants, labels and moves", () => {
  it("names the quadrants", () => {
    expect(quadrantOf(8, 2, 10)).toBe("Quick wins");
    expect(quadrantOf(8, 7, 10)).toBe("Big bets");
    expect(quadrantOf(3, 2, 10)).toBe("Fill-ins");
    expect(quadrantOf(3, 7, 10)).toBe("Time sinks");
    expect(pointLabel("Search", 7, 3)).toBe("Search: value 7, effort 3");
  });

  it("steps with arrow keys inside the scales", () => {
    expect(nudge({ value: 10, effort: 1 }, "ArrowUp", 10)).toEqual({ value: 10, effort: 1 });
    expect(nudge({ value: 3, effort: 1 }, "ArrowLeft", 10)).toEqual({ value: 3, effort: 0.5 });
    expect(nudge({ value: 3, effort: 2.5 }, "ArrowRight", 10)).toEqual({ value: 3, effort: 3 });
    expect(nudge({ value: 3, effort: 10 }, "ArrowRight", 10)).toEqual({ value: 3, effort: 10 });
    expect(nudge({ value: 3, effort: 1 }, "Enter", 10)).toBeNull();
  });

  it("snaps a pointer position to the scales", () => {
    expect(fromPlot(0, 0, 10)).toEqual({ value: 10, effort: 0.5 });
    expect(fromPlot(0.31, 0.5, 10)).toEqual({ value: 6, effort: 3 });
    expect(fromPlot(1.2, 1.3, 20)).toEqual({ value: 1, effort: 20 });
  });
});
