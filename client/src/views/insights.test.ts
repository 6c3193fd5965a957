import { readBoard } from "@converge/shared";
import { describe, expect, it } from "vitest";
import { commitCardFields } from "./cardEdits";
import { cardsPerLane, cardsPerTeam, evidencePerGoal, flowSeries, scoreHistogram } from "./insights";
import { allCardIds, plannedBoard } from "./testBoard";

describe("insights", () => {
  it("counts visible cards per lane and per team", () => {
    const { doc, ids } = plannedBoard();
    const board = readBoard(doc);
    const team = board.teams[0] as string;
    commitCardFields(doc, ids.search, { team });
    const fresh = readBoard(doc);
    expect(cardsPerLane(fresh, allCardIds(doc))).toEqual([
      { name: "Backlog", count: 3 },
      { name: "In progress", count: 1 },
      { name: "Done", count: 0 },
    ]);
    const teams = cardsPerTeam(fresh, new Set([ids.search, ids.billing]));
    expect(teams.find((row) => row.name === team)?.count).toBe(1);
    expect(teams.at(-1)).toEqual({ name: "No team", count: 1 });
  });

  it("bins scores under the board's model and counts the unscored", () => {
    const { doc } = plannedBoard();
    const histogram = scoreHistogram(readBoard(doc), allCardIds(doc));
    expect(histogram.model).toBe("RICE");
    expect(histogram.unscored).toBe(1);
    expect(histogram.bins.reduce((sum, bin) => sum + bin.count, 0)).toBe(3);
    expect(histogram.bins[0]).toEqual({ name: "0–100", count: 1 });
    expect(histogram.bins.at(-1)).toEqual({ name: "500–600", count: 1 });
  });

  it("sums evidence per goal over the visible cards", () => {
    const { doc } = plannedBoard();
    expect(evidencePerGoal(readBoard(doc), allCardIds(doc))).toEqual([
      { name: "Grow signups", evidence: 0, cards: 2 },
      { name: "No goal", evidence: 0, cards: 2 },
    ]);
  });

  it("charts flow history by lane title with today's counts from the live board", () => {
    const { doc, backlog } = plannedBoard();
    const board = readBoard(doc);
    const series = flowSeries(
      board,
      [
        { date: "2026-05-01", lanes: { [backlog]: 1, gone: 2 } },
        { date: "2026-05-02", lanes: { [backlog]: 9 } },
      ],
      "2026-05-02",
    );
    expect(series.keys).toEqual(["Backlog", "In progress", "Done", "Deleted lanes"]);
    expect(series.rows).toEqual([
      { date: "2026-05-01", Backlog: 1, "In progress": 0, Done: 0, "Deleted lanes": 2 },
      { date: "2026-05-02", Backlog: 3, "In progress": 1, Done: 0, "Deleted lanes": 0 },
    ]);
  });
});
