import { generateNKeysBetween } from "fractional-indexing";
import { describe, expect, it } from "vitest";
import { compareRanked, type Ranked, reorderedRanks } from "./rank";

function listOf(ids: readonly string[]): Ranked[] {
  const keys = generateNKeysBetween(null, null, ids.length);
  return ids.map((id, i) => ({ id, rank: keys[i] as string }));
}

/** The display order after applying `changed` to `list`. */
function applied(list: readonly Ranked[], changed: ReadonlyMap<string, string>): string[] {
  return list
    .map((item) => ({ id: item.id, rank: changed.get(item.id) ?? item.rank }))
    .sort(compareRanked)
    .map((item) => item.id);
}

describe("reorderedRanks", () => {
  it("puts a list in the order asked for, rewriting no rank when it is already in that order", () => {
    const list = listOf(["a", "b", "c", "d"]);
    expect(reorderedRanks(list, ["a", "b", "c", "d"]).size).toBe(0);
    const changed = reorderedRanks(list, ["d", "c", "b", "a"]);
    expect(applied(list, changed)).toEqual(["d", "c", "b", "a"]);
    // A longest run already in order keeps its keys: one of the four stays put.
    expect(changed.size).toBe(3);
  });

  it("moves only the cards out of place: one card taken to the top is one write", () => {
    const list = listOf(["a", "b", "c", "d", "e"]);
    const changed = reorderedRanks(list, ["e", "a", "b", "c", "d"]);
    expect([...changed.keys()]).toEqual(["e"]);
    expect(applied(list, changed)).toEqual(["e", "a", "b", "c", "d"]);
  });

  it("leaves cards that are not named in their slots and ignores ids that are not in the list", () => {
    const list = listOf(["a", "x", "b", "y", "c"]);
    const changed = reorderedRanks(list, ["c", "gone", "b", "a"]);
    expect(applied(list, changed)).toEqual(["c", "x", "b", "y", "a"]);
    expect(changed.has("x")).toBe(false);
    expect(changed.has("y")).toBe(false);
  });

  it("spreads cards tied on one key (concurrent inserts) to distinct keys in the new order", () => {
    const list = [
      { id: "a", rank: "a0" },
      { id: "b", rank: "a1" },
      { id: "c", rank: "a1" },
      { id: "d", rank: "a1" },
      { id: "e", rank: "a2" },
    ];
    const changed = reorderedRanks(list, ["a", "d", "c", "b", "e"]);
    expect(applied(list, changed)).toEqual(["a", "d", "c", "b", "e"]);
    const ranks = applied(list, changed).map((id) => changed.get(id) ?? list.find((i) => i.id === id)?.rank);
    expect(new Set(ranks).size).toBe(5);
  });

  it("reverses 2,000 cards with keys that stay short", () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `card-${String(i).padStart(4, "0")}`);
    const list = listOf(ids);
    const reversed = [...ids].reverse();
    const changed = reorderedRanks(list, reversed);
    expect(applied(list, changed)).toEqual(reversed);
    expect(Math.max(...[...changed.values()].map((key) => key.length))).toBeLessThan(8);
  });
});
