import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { setScoringModel } from "./boardSettings";
import { setCardFields } from "./cardFields";
import { createEvidence } from "./evidence";
import { createCard, initBoard } from "./operations";
import { readBoard } from "./readBoard";
import { effectiveReach, formatScore, rankByScore, type ScorableCard, scoreCard } from "./scoring";

const blank: ScorableCard = {
  reach: null,
  impact: null,
  confidence: null,
  effort: null,
  value: null,
  businessValue: null,
  timeCriticality: null,
  riskReduction: null,
  evidenceCustomerCount: 0,
};

describe("scoreCard", () => {
  it("computes RICE, value/effort and WSJF from the inputs", () => {
    const card = {
      ...blank,
      reach: 1000,
      impact: 2,
      confidence: 80,
      effort: 4,
      value: 6,
      businessValue: 8,
      timeCriticality: 5,
      riskReduction: 3,
    } satisfies ScorableCard;
    expect(scoreCard(card, "rice")).toBe(400);
    expect(scoreCard(card, "value-effort")).toBe(1.5);
    expect(scoreCard(card, "wsjf")).toBe(4);
  });

  it("gives null, never NaN or Infinity, when an input is missing", () => {
    expect(scoreCard(blank, "rice")).toBeNull();
    expect(scoreCard({ ...blank, reach: 10, impact: 1, confidence: 50 }, "rice")).toBeNull();
    expect(scoreCard({ ...blank, value: 5, effort: 0 }, "value-effort")).toBeNull();
    expect(scoreCard({ ...blank, businessValue: 1, timeCriticality: 1, effort: 1 }, "wsjf")).toBeNull();
    expect(
      scoreCard({ ...blank, reach: 1e308, impact: 3, confidence: 100, effort: 1e-308 }, "rice"),
    ).toBeNull();
    expect(scoreCard({ ...blank, reach: 0, impact: 1, confidence: 100, effort: 1 }, "rice")).toBe(0);
    expect(formatScore(null)).toBe("—");
    expect(formatScore(2 / 3)).toBe("0.7");
  });

  it("raises RICE reach to the number of distinct customers in linked evidence", () => {
    const inputs = { ...blank, impact: 1, confidence: 100, effort: 1 } as const;
    // No typed reach: the customers quoted are the reach.
    expect(effectiveReach({ ...inputs, evidenceCustomerCount: 3 })).toBe(3);
    expect(scoreCard({ ...inputs, evidenceCustomerCount: 3 }, "rice")).toBe(3);
    // A typed reach below the customer count is raised; above it, kept.
    expect(scoreCard({ ...inputs, reach: 2, evidenceCustomerCount: 3 }, "rice")).toBe(3);
    expect(scoreCard({ ...inputs, reach: 500, evidenceCustomerCount: 3 }, "rice")).toBe(500);
    // The raw score ignores evidence; other models never read it.
    expect(scoreCard({ ...inputs, evidenceCustomerCount: 3 }, "rice", { evidence: false })).toBeNull();
    expect(scoreCard({ ...blank, value: 4, effort: 2, evidenceCustomerCount: 9 }, "value-effort")).toBe(2);
  });
});

describe("rankByScore", () => {
  it("orders live cards by the board's model, unscored last, ties by title", () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: "P" });
    const laneId = readBoard(doc).lanes[0]?.id as string;
    const add = (title: string) => createCard(doc, { laneId, title, by: "u" });
    const low = add("Low");
    const high = add("High");
    const none = add("Unscored");
    const tieB = add("Tie B");
    const tieA = add("Tie A");
    setCardFields(doc, low, { value: 2, effort: 2 });
    setCardFields(doc, high, { value: 9, effort: 1, reach: 1, impact: 0.25, confidence: 50 });
    setCardFields(doc, tieB, { value: 4, effort: 2, reach: 100, impact: 3, confidence: 100 });
    setCardFields(doc, tieA, { value: 4, effort: 2 });
    setScoringModel(doc, "value-effort");
    const titles = (rows: ReturnType<typeof rankByScore>) => rows.map((row) => row.card.title);
    expect(titles(rankByScore(readBoard(doc)))).toEqual(["High", "Tie A", "Tie B", "Low", "Unscored"]);
    expect(rankByScore(readBoard(doc))[0]?.score).toBe(9);
    // The same board under RICE, where only two cards have every input; evidence gives Tie A a reach.
    createEvidence(doc, { quote: "Need it", source: "sales", customer: "Acme", cardIds: [tieA], by: "u" });
    setCardFields(doc, tieA, { impact: 1, confidence: 100 });
    expect(titles(rankByScore(readBoard(doc), "rice"))).toEqual([
      "Tie B",
      "Tie A",
      "High",
      "Low",
      "Unscored",
    ]);
    expect(rankByScore(readBoard(doc), "rice").find((row) => row.card.id === none)?.score).toBeNull();
  });
});
