import { initBoard, readBoard } from "@converge/shared";
import { describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { createBoardActions, readOnlyActions } from "./boardActions";

describe("readOnlyActions", () => {
  it("changes nothing and says why", () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: "Plan" });
    const before = Y.encodeStateVector(doc);
    const onRejected = vi.fn();
    const actions = readOnlyActions(onRejected);
    const laneId = readBoard(doc).lanes[0]?.id ?? "";
    actions.addCard(laneId, "Sneaky");
    actions.renameBoard("Renamed");
    expect(Y.encodeStateVector(doc)).toEqual(before);
    expect(onRejected).toHaveBeenCalledWith("You can only view this board.");
  });
});

describe("createBoardActions applyMove", () => {
  function board() {
    const doc = new Y.Doc();
    initBoard(doc, { title: "Plan" });
    const [from, to] = readBoard(doc).lanes.map((lane) => lane.id) as [string, string];
    const onRejected = vi.fn();
    const actions = createBoardActions(doc, "u1", onRejected);
    actions.addCard(from, "Pricing page");
    const cardId = readBoard(doc).lanes[0]?.cardIds[0] as string;
    return { doc, from, to, cardId, actions, onRejected };
  }

  it("moves a card dropped in another swimlane and sets its team in one transaction", () => {
    const { doc, to, cardId, actions } = board();
    let transactions = 0;
    doc.on("afterTransaction", () => transactions++);
    actions.applyMove({ kind: "card", cardId, laneId: to, index: 0 }, { team: "Design" });
    expect(transactions).toBe(1);
    expect(readBoard(doc).cards.get(cardId)).toMatchObject({ laneId: to, team: "Design" });
  });

  it("reports a refused team and leaves the card where it was", () => {
    const { doc, from, to, cardId, actions, onRejected } = board();
    actions.applyMove({ kind: "card", cardId, laneId: to, index: 0 }, { team: "Nobody's" });
    expect(onRejected).toHaveBeenCalledWith(expect.stringMatching(/team/));
    expect(readBoard(doc).cards.get(cardId)).toMatchObject({ laneId: from, team: null });
  });
});
