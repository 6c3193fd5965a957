import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { type CardFieldsPatch, setCardFields } from "./cardFields";
import { BoardInputError } from "./errors";
import { archiveGoal, createGoal } from "./goals";
import { createCard, initBoard } from "./operations";
import { readBoard } from "./readBoard";

function board() {
  const doc = new Y.Doc();
  initBoard(doc, { title: "Plan" });
  const laneId = readBoard(doc).lanes[0]?.id as string;
  const cardId = createCard(doc, { laneId, title: "Bulk export", by: "u1" });
  return { doc, laneId, cardId };
}

function codeOf(run: () => void): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof BoardInputError ? error.code : "not a BoardInputError";
  }
  return undefined;
}

describe("setCardFields", () => {
  it("reads every planning field as null (labels and checklist as []) until set", () => {
    const { doc, cardId } = board();
    expect(readBoard(doc).cards.get(cardId)).toMatchObject({
      type: null,
      team: null,
      owner: null,
      estimate: null,
      reach: null,
      impact: null,
      confidence: null,
      effort: null,
      value: null,
      businessValue: null,
      timeCriticality: null,
      riskReduction: null,
      goalId: null,
      target: null,
      labels: [],
      dueDate: null,
      checklist: [],
      evidenceCount: 0,
      evidenceCustomerCount: 0,
    });
  });

  it("sets many fields in one transaction and clears them with null", () => {
    const { doc, cardId } = board();
    const goalId = createGoal(doc, { title: "Retention", by: "u1" });
    let transactions = 0;
    doc.on("afterTransaction", () => transactions++);
    const fields: CardFieldsPatch = {
      type: "debt",
      team: "Engineering",
      owner: "user-7",
      estimate: 5,
      reach: 1200,
      impact: 2,
      confidence: 80,
      effort: 1.5,
      value: 7,
      businessValue: 8,
      timeCriticality: 5,
      riskReduction: 3,
      goalId,
      target: "2027-Q1",
      labels: ["api", " export  jobs "],
      dueDate: "2027-02-28",
    };
    setCardFields(doc, cardId, fields);
    expect(transactions).toBe(1);
    expect(readBoard(doc).cards.get(cardId)).toMatchObject({ ...fields, labels: ["api", "export jobs"] });
    setCardFields(doc, cardId, { team: null, labels: null, target: "later", estimate: undefined });
    expect(readBoard(doc).cards.get(cardId)).toMatchObject({
      team: null,
      labels: [],
      target: "later",
      estimate: 5,
    });
  });

  it("refuses each bad field with a code naming it, and writes nothing", () => {
    const { doc, cardId } = board();
    const archived = createGoal(doc, { title: "Old", by: "u" });
    archiveGoal(doc, archived);
    const before = Y.encodeStateVector(doc);
    const cases: [Record<string, unknown>, string][] = [
      [{ type: "chore" }, "type_invalid"],
      [{ team: "Legal" }, "team_invalid"],
      [{ owner: "" }, "owner_invalid"],
      [{ estimate: -1 }, "estimate_invalid"],
      [{ reach: Number.NaN }, "reach_invalid"],
      [{ impact: 1.5 }, "impact_invalid"],
      [{ confidence: 101 }, "confidence_invalid"],
      [{ effort: 0 }, "effort_invalid"],
      [{ value: 11 }, "value_invalid"],
      [{ businessValue: 0 }, "businessValue_invalid"],
      [{ timeCriticality: 2.5 }, "timeCriticality_invalid"],
      [{ riskReduction: 22 }, "riskReduction_invalid"],
      [{ goalId: "missing" }, "goalId_invalid"],
      [{ goalId: archived }, "goalId_invalid"],
      [{ target: "2027-Q5" }, "target_invalid"],
      [{ labels: ["ok", ""] }, "labels_invalid"],
      [{ labels: "api" }, "labels_invalid"],
      [{ dueDate: "2027-02-30" }, "dueDate_invalid"],
      [{ colour: "red" }, "field_unknown"],
      [{ effort: 2, impact: 7 }, "impact_invalid"],
    ];
    for (const [patch, code] of cases) {
      expect(
        codeOf(() => setCardFields(doc, cardId, patch as CardFieldsPatch)),
        code,
      ).toBe(code);
    }
    expect(codeOf(() => setCardFields(doc, "nope", { estimate: 1 }))).toBe("card_not_found");
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it("merges labels two people add at the same time, and a removal of another", () => {
    const { doc, cardId } = board();
    setCardFields(doc, cardId, { labels: ["api", "mobile"] });
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    setCardFields(doc, cardId, { labels: ["api", "mobile", "q3"] });
    setCardFields(other, cardId, { labels: ["api", "enterprise"] });
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    const labels = readBoard(doc).cards.get(cardId)?.labels;
    expect([...(labels ?? [])].sort()).toEqual(["api", "enterprise", "q3"]);
    expect(readBoard(other).cards.get(cardId)?.labels).toEqual(labels);
  });

  it("reads values no valid write could produce as null, never throwing", () => {
    const { doc, cardId } = board();
    doc.transact(() => {
      const card = doc.getMap<Y.Map<unknown>>("cards").get(cardId) as Y.Map<unknown>;
      card.set("impact", "huge");
      card.set("effort", -3);
      card.set("type", 42);
      card.set("labels", ["plain", 3, "plain"]);
      card.set("checklist", "not a list");
    });
    expect(readBoard(doc).cards.get(cardId)).toMatchObject({
      impact: null,
      effort: null,
      type: null,
      labels: ["plain"],
      checklist: [],
    });
  });
});
