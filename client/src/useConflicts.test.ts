import {
  createCard,
  getRoots,
  initBoard,
  openConflict,
  readBoard,
  renameCard,
  setCardFields,
} from "@converge/shared";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createConflictsReader } from "./useConflicts";

function syncedPair() {
  const doc = new Y.Doc();
  initBoard(doc, { title: "Plan" });
  const backlog = readBoard(doc).lanes[0]?.id as string;
  const ids = ["Login page", "Billing", "Search"].map((title) =>
    createCard(doc, { laneId: backlog, title, by: "u1" }),
  );
  const remote = new Y.Doc();
  Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
  const deliver = () => Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)), "remote");
  return { doc, remote, ids, deliver };
}

const write = (userId: string, at: number, value: number) => ({ userId, at, value });

describe("createConflictsReader", () => {
  it("keeps the same conflicts, unannounced, when a remote edit leaves them alone", () => {
    const { doc, remote, ids, deliver } = syncedPair();
    const target = ids[1] as string;
    openConflict(remote, {
      id: "reach:ada@1:bo@2",
      cardId: target,
      field: "reach",
      sides: [write("ada", 1, 10), write("bo", 2, 20)],
      concurrent: true,
    });
    deliver();
    const reader = createConflictsReader(doc);
    let announced = 0;
    reader.subscribe(() => announced++);
    const before = reader.getSnapshot();
    expect(before.map((conflict) => conflict.cardId)).toEqual([target]);

    renameCard(remote, target, "Billing v2");
    setCardFields(remote, ids[0] as string, { reach: 500 });
    deliver();

    expect(announced).toBe(0);
    expect(reader.getSnapshot()).toBe(before);
    reader.destroy();
  });

  it("shows a conflict another peer opens, and drops it when that card is deleted", () => {
    const { doc, remote, ids, deliver } = syncedPair();
    const reader = createConflictsReader(doc);
    let announced = 0;
    reader.subscribe(() => announced++);
    expect(reader.getSnapshot()).toEqual([]);

    const target = ids[2] as string;
    openConflict(remote, {
      id: "effort:ada@1:bo@2",
      cardId: target,
      field: "effort",
      sides: [write("ada", 1, 3), write("bo", 2, 5)],
      concurrent: false,
    });
    deliver();
    expect(announced).toBe(1);
    expect(reader.getSnapshot().map((conflict) => [conflict.cardId, conflict.field])).toEqual([
      [target, "effort"],
    ]);

    getRoots(remote).cards.delete(target);
    deliver();
    expect(announced).toBe(2);
    expect(reader.getSnapshot()).toEqual([]);
    reader.destroy();
  });
});
