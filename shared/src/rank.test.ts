import { describe, expect, it } from "vitest";
import { compareRanked, placeAt, type Ranked, rankAfterLast } from "./rank";

function apply(list: Ranked[], id: string, index: number): Ranked[] {
  const { rank, respaced } = placeAt(list, index, id);
  const next = list
    .filter((item) => item.id !== id)
    .map((item) => ({ id: item.id, rank: respaced.get(item.id) ?? item.rank }));
  next.push({ id, rank });
  return next.sort(compareRanked);
}

describe("rank", () => {
  it("orders by rank, then by id so every peer agrees on ties", () => {
    const items = [
      { id: "b", rank: "a1" },
      { id: "a", rank: "a1" },
      { id: "c", rank: "a0" },
    ];
    expect(items.sort(compareRanked).map((item) => item.id)).toEqual(["c", "a", "b"]);
  });

  it("places an item at the start, middle and end of a list", () => {
    let list: Ranked[] = [];
    list = apply(list, "x", 0);
    list = apply(list, "z", 1);
    list = apply(list, "y", 1);
    list = apply(list, "w", 0);
    expect(list.map((item) => item.id)).toEqual(["w", "x", "y", "z"]);
    expect(rankAfterLast(list) > (list.at(-1)?.rank ?? "")).toBe(true);
  });

  it("moves an item that is already in the list without counting itself", () => {
    const list = apply(apply(apply([], "a", 0), "b", 1), "c", 2);
    expect(apply(list, "a", 2).map((item) => item.id)).toEqual(["b", "c", "a"]);
    expect(apply(list, "c", 0).map((item) => item.id)).toEqual(["c", "a", "b"]);
  });

  it("spreads a run of equal keys when asked to place between two of them", () => {
    const list = [
      { id: "before", rank: "a0" },
      { id: "p", rank: "a1" },
      { id: "q", rank: "a1" },
      { id: "r", rank: "a1" },
      { id: "after", rank: "a2" },
    ];
    const placed = apply(list, "new", 2);
    expect(placed.map((item) => item.id)).toEqual(["before", "p", "new", "q", "r", "after"]);
    expect(new Set(placed.map((item) => item.rank)).size).toBe(placed.length);
  });

  it("clamps an index past either end", () => {
    const list = apply(apply([], "a", 0), "b", 1);
    expect(apply(list, "c", 99).map((item) => item.id)).toEqual(["a", "b", "c"]);
    expect(apply(list, "c", -5).map((item) => item.id)).toEqual(["c", "a", "b"]);
  });
});

describe("rank with a value still in flight", () => {
  it("treats a missing rank as the start of the list and gives it a real key when spreading", () => {
    const list = [
      { id: "p", rank: "" },
      { id: "q", rank: "" },
      { id: "r", rank: "a0" },
    ];
    const placed = apply(list, "new", 1);
    expect(placed.map((item) => item.id)).toEqual(["p", "new", "q", "r"]);
    expect(placed.every((item) => item.rank !== "")).toBe(true);
    expect(rankAfterLast([{ id: "p", rank: "" }])).not.toBe("");
  });
});
