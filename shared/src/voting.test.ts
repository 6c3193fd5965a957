import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createCard, initBoard } from "./operations";
import { readBoard } from "./readBoard";
import { getRoots } from "./schema";
import {
  applyVoteResults,
  conflictOptionIds,
  conflictVoteWinner,
  estimateSpread,
  isDotValue,
  logRevealedRound,
  parseConflictOption,
  publishRound,
  type RoundState,
  readRound,
  readRoundLog,
  roundLogEntry,
  scaleStep,
  tallyDots,
  widestDisagreements,
} from "./voting";

describe("tallyDots", () => {
  it("totals dots per card and measures disagreement as the variance across the round's voters", () => {
    const results = tallyDots(
      [
        { userId: "a", cardId: "c1", value: 4 },
        { userId: "b", cardId: "c1", value: 0 },
        { userId: "b", cardId: "c2", value: 2 },
        { userId: "c", cardId: "c2", value: 2 },
      ],
      ["c1", "c2", "c3"],
    );
    expect(results).toEqual([
      // a 4, b 0, c 0 → mean 4/3, variance 32/9.
      { cardId: "c1", votes: 4, disagreement: 3.556 },
      // a 0, b 2, c 2.
      { cardId: "c2", votes: 4, disagreement: 0.889 },
      { cardId: "c3", votes: 0, disagreement: 0 },
    ]);
    expect(widestDisagreements(results)).toEqual(["c1", "c2"]);
    expect(tallyDots([], ["c1"])).toEqual([{ cardId: "c1", votes: 0, disagreement: 0 }]);
  });

  it("knows a dot value", () => {
    expect(isDotValue(0, 5)).toBe(true);
    expect(isDotValue(5, 5)).toBe(true);
    expect(isDotValue(6, 5)).toBe(false);
    expect(isDotValue(1.5, 5)).toBe(false);
    expect(isDotValue("2", 5)).toBe(false);
  });
});

describe("estimateSpread", () => {
  it("describes fibonacci estimates with a mean, a median on the scale and a suggestion", () => {
    expect(estimateSpread("fibonacci", [3, 8, 5, 13])).toEqual({
      scale: "fibonacci",
      min: 3,
      max: 13,
      median: 5,
      mean: 7.25,
      consensus: false,
      histogram: { "3": 1, "5": 1, "8": 1, "13": 1 },
      suggestion: 8,
      disagreement: 3,
      voters: 4,
    });
  });

  it("describes t-shirt sizes by steps, and agreement as consensus", () => {
    expect(estimateSpread("tshirt", ["M", "M"])).toMatchObject({
      min: "M",
      max: "M",
      mean: "M",
      consensus: true,
      disagreement: 0,
      suggestion: "M",
    });
    expect(estimateSpread("tshirt", ["XS", "XL", "M"])).toMatchObject({
      mean: "M",
      median: "M",
      disagreement: 4,
    });
    expect(estimateSpread("tshirt", ["huge"])).toBeNull();
    expect(estimateSpread("fibonacci", [])).toBeNull();
    expect(scaleStep("tshirt", "XXL")).toBe(5);
    expect(scaleStep("fibonacci", 4)).toBe(-1);
  });

  it("highlights at most three, widest first, ties by card id", () => {
    const results = ["d", "c", "b", "a", "e"].map((cardId, i) => ({ cardId, disagreement: i === 4 ? 0 : 2 }));
    expect(widestDisagreements(results)).toEqual(["a", "b", "c"]);
  });
});

describe("the round in the document", () => {
  const round: RoundState = {
    roundId: "r1",
    kind: "poker",
    status: "open",
    facilitatorId: "ada",
    cardIds: ["c1"],
    voterIds: ["bo"],
    budget: null,
    scale: "tshirt",
    results: null,
    sides: [],
  };

  it("publishes and reads back the round's public state, and removes it", () => {
    const doc = new Y.Doc();
    publishRound(doc, round);
    expect(readRound(getRoots(doc).session)).toEqual(round);
    publishRound(doc, null);
    expect(readRound(getRoots(doc).session)).toBeNull();
    getRoots(doc).session.set("round", { roundId: 5 });
    expect(readRound(getRoots(doc).session)).toBeNull();
  });

  it("writes revealed results into the cards, which readBoard shows", () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: "Votes", template: "product-backlog" });
    const laneId = readBoard(doc).lanes[0]?.id as string;
    const card = createCard(doc, { laneId, title: "Search", by: "ada" });
    applyVoteResults(doc, { kind: "dot", results: [{ cardId: card, votes: 4, disagreement: 1 }] });
    const spread = estimateSpread("fibonacci", [3, 5]);
    applyVoteResults(doc, {
      kind: "poker",
      results: [
        { cardId: card, spread },
        { cardId: "gone", spread },
      ],
    });
    const read = readBoard(doc).cards.get(card);
    expect(read?.votes).toBe(4);
    expect(read?.estimateSpread).toEqual(spread);
    getRoots(doc).cards.get(card)?.set("estimateSpread", { scale: "fibonacci", min: 4 });
    expect(readBoard(doc).cards.get(card)?.estimateSpread).toBeNull();
  });
});

describe("quick votes on a conflict", () => {
  it("names each side as an option and picks the side with more dots, none on a tie", () => {
    const [first, second] = conflictOptionIds("card-1", "laneId:ada@1:bo@2");
    expect(parseConflictOption(first)).toEqual({
      side: 0,
      cardId: "card-1",
      conflictId: "laneId:ada@1:bo@2",
    });
    expect(parseConflictOption(second)?.side).toBe(1);
    expect(parseConflictOption("card-1")).toBeNull();
    expect(
      conflictVoteWinner([
        { cardId: first, votes: 1 },
        { cardId: second, votes: 2 },
      ]),
    ).toEqual({ side: 1, tally: [1, 2] });
    expect(
      conflictVoteWinner([
        { cardId: first, votes: 1 },
        { cardId: second, votes: 1 },
      ]).side,
    ).toBeNull();
  });

  it("keeps revealed rounds in the session's log, once each, newest last", () => {
    const doc = new Y.Doc();
    const round = (id: string) =>
      roundLogEntry(id, 5, { kind: "dot", results: [{ cardId: "a", votes: 2, disagreement: 0 }] });
    logRevealedRound(doc, round("r1"));
    logRevealedRound(doc, round("r2"));
    logRevealedRound(doc, round("r1"));
    expect(readRoundLog(getRoots(doc).session).map((entry) => entry.roundId)).toEqual(["r2", "r1"]);
    const poker = roundLogEntry("p", 5, { kind: "poker", results: [{ cardId: "a", spread: null }] });
    expect(poker.cards).toEqual([{ cardId: "a", votes: null, estimate: "no estimates" }]);
  });
});
