import { describe, expect, it } from "vitest";
import { parseActivityPage } from "./activityApi";

describe("parseActivityPage", () => {
  it("reads the server's entries and cursor and puts each change into words", () => {
    const names = { lane: (id: string) => ({ l1: "Backlog", l2: "Done" })[id], card: () => undefined };
    const page = parseActivityPage(
      {
        entries: [
          {
            seq: 9,
            at: 1_700_000_000_000,
            actorId: "u1",
            actorName: "Ada",
            kind: "card.moved",
            cardId: "c1",
            laneId: "l2",
            data: { fromLaneId: "l1", toLaneId: "l2" },
          },
          {
            seq: 8,
            at: 1_699_999_999_000,
            actorId: "u2",
            actorName: "Bo",
            kind: "card.fields",
            cardId: "c1",
            laneId: "l1",
            data: { fields: ["goalId", "reach"] },
          },
        ],
        nextBefore: 8,
      },
      names,
    );
    expect(page.before).toBe("8");
    expect(page.entries.map((entry) => [entry.id, entry.actorName, entry.summary])).toEqual([
      ["9", "Ada", "moved the card from Backlog to Done"],
      ["8", "Bo", "set goal, reach"],
    ]);
  });

  it("treats a last page and odd bodies calmly", () => {
    expect(parseActivityPage({ entries: [], nextBefore: null })).toEqual({ entries: [], before: null });
    expect(parseActivityPage("nope")).toEqual({ entries: [], before: null });
  });
});
