import { describe, expect, it } from "vitest";
import type { ActivityEntry } from "./ActivityStore";
import { cumulativeFlow } from "./flow";

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 2, 10, 15);

function entry(
  daysAgo: number,
  kind: ActivityEntry["kind"],
  laneId: string,
  data: ActivityEntry["data"] = {},
) {
  return {
    boardId: "b",
    at: NOW - daysAgo * DAY,
    actorId: "u",
    actorName: "U",
    kind,
    cardId: "c",
    laneId,
    data,
  };
}

describe("cumulativeFlow", () => {
  it("undoes history backwards from today's counts", () => {
    const current = new Map([
      ["todo", 1],
      ["done", 2],
    ]);
    const newestFirst = [
      entry(0.1, "card.moved", "done", { fromLaneId: "todo", toLaneId: "done" }),
      entry(1, "card.archived", "todo"),
      entry(2, "card.created", "todo", { archived: false }),
      entry(2.5, "card.deleted", "gone", { archived: false }),
    ];
    const days = cumulativeFlow(current, newestFirst, 4, NOW);
    expect(days).toEqual([
      // Before the card was created (Mar 8, 15:00) and before "gone"'s card was deleted (Mar 8, 03:00).
      { date: "2026-03-07", lanes: { todo: 2, done: 1, gone: 1 } },
      // Before the archive (Mar 9, 15:00).
      { date: "2026-03-08", lanes: { todo: 3, done: 1 } },
      // Before the move (Mar 10, 12:36).
      { date: "2026-03-09", lanes: { todo: 2, done: 1 } },
      { date: "2026-03-10", lanes: { todo: 1, done: 2 } },
    ]);
  });
});
