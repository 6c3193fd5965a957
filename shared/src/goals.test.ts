import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { setCardFields } from "./cardFields";
import { archiveGoal, createGoal, moveGoal, renameGoal, setGoalDescription } from "./goals";
import { archiveCard, createCard, initBoard, moveCard } from "./operations";
import { readBoard } from "./readBoard";

describe("goals", () => {
  it("creates, renames, describes, reorders and archives goals", () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: "Plan" });
    const growth = createGoal(doc, { title: "Grow activation", description: "Week-one", by: "lead" });
    const churn = createGoal(doc, { title: "Cut churn", by: "lead" });
    renameGoal(doc, churn, "Cut churn by 10%");
    setGoalDescription(doc, growth, "Week-one activation to 40%");
    moveGoal(doc, churn, 0);
    archiveGoal(doc, growth);
    expect(readBoard(doc).goals).toEqual([
      expect.objectContaining({ id: churn, title: "Cut churn by 10%", archived: false, cardIds: [] }),
      expect.objectContaining({ id: growth, description: "Week-one activation to 40%", archived: true }),
    ]);
    archiveGoal(doc, growth, false);
    expect(readBoard(doc).goals[1]?.archived).toBe(false);
    expect(() => renameGoal(doc, "nope", "x")).toThrow(/no goal/);
    expect(() => createGoal(doc, { title: " ", by: "u" })).toThrow(/cannot be empty/);
  });

  it("lists the live cards aligned to each goal in board order", () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: "Plan" });
    const [backlog, doing] = readBoard(doc).lanes.map((lane) => lane.id) as [string, string];
    const goal = createGoal(doc, { title: "Enterprise", by: "u" });
    const a = createCard(doc, { laneId: doing, title: "A", by: "u" });
    const b = createCard(doc, { laneId: backlog, title: "B", by: "u" });
    const c = createCard(doc, { laneId: backlog, title: "C", by: "u" });
    for (const id of [a, b, c]) setCardFields(doc, id, { goalId: goal });
    archiveCard(doc, c);
    expect(readBoard(doc).goals[0]?.cardIds).toEqual([b, a]);
    moveCard(doc, { cardId: a, laneId: backlog, index: 0 });
    expect(readBoard(doc).goals[0]?.cardIds).toEqual([a, b]);
  });
});
