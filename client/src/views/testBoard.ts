import { createCard, createGoal, initBoard, readBoard, setCardFields } from "@converge/shared";
import * as Y from "yjs";

/** A seeded board for view tests: the product-backlog template's lanes and a few planned cards. */
export function plannedBoard() {
  const doc = new Y.Doc();
  initBoard(doc, { title: "Plan" });
  const lanes = readBoard(doc).lanes;
  const backlog = lanes[0]?.id as string;
  const doing = lanes[1]?.id as string;
  const growth = createGoal(doc, { title: "Grow signups", by: "u1" });
  const card = (title: string, laneId: string, fields: Parameters<typeof setCardFields>[2]) => {
    const id = createCard(doc, { laneId, title, by: "u1" });
    setCardFields(doc, id, fields);
    return id;
  };
  const ids = {
    search: card("Search", backlog, {
      reach: 100,
      impact: 1,
      confidence: 100,
      effort: 1,
      value: 3,
      target: "now",
    }),
    billing: card("Billing", backlog, {
      reach: 1000,
      impact: 2,
      confidence: 50,
      effort: 2,
      value: 8,
      target: "next",
      goalId: growth,
    }),
    export: card("Export", backlog, {
      reach: 10,
      impact: 3,
      confidence: 80,
      effort: 4,
      value: 2,
      target: "later",
    }),
    audit: card("Audit log", doing, { effort: 2, goalId: growth }),
  };
  return { doc, backlog, doing, growth, ids };
}

/** Every live card's id, the set a view gets when no filter is on. */
export function allCardIds(doc: Y.Doc): ReadonlySet<string> {
  return new Set(readBoard(doc).cards.keys());
}
