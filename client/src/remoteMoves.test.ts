import { createCard, getRoots, initBoard, moveCard, readBoard, renameCard } from "@converge/shared";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { findRemoteMoves, type RemoteMove } from "./remoteMoves";

function pair() {
  const here = new Y.Doc();
  const there = new Y.Doc();
  there.on("update", (update: Uint8Array) => Y.applyUpdate(here, update, "remote"));
  here.on("update", (update: Uint8Array, origin: unknown) => {
    if (origin !== "remote") Y.applyUpdate(there, update, "remote");
  });
  return { here, there };
}

function watch(doc: Y.Doc): RemoteMove[] {
  const seen: RemoteMove[] = [];
  getRoots(doc).cards.observeDeep((events, transaction) => {
    seen.push(...findRemoteMoves(events, transaction));
  });
  return seen;
}

describe("findRemoteMoves", () => {
  it("reports a card another peer moved to another lane, and nothing else", () => {
    const { here, there } = pair();
    initBoard(there, { title: "Plan" });
    const [todo, , done] = readBoard(there).lanes;
    if (!todo || !done) throw new Error("default lanes missing");
    const seenHere = watch(here);
    const seenThere = watch(there);
    const cardId = createCard(there, { laneId: todo.id, title: "Login page", by: "u1" });
    renameCard(there, cardId, "Login page v2");
    moveCard(there, { cardId, laneId: todo.id, index: 0 });
    expect(seenHere).toEqual([]);
    moveCard(there, { cardId, laneId: done.id, index: 0 });
    expect(seenHere).toEqual([{ cardId, laneId: done.id, title: "Login page v2" }]);
    expect(seenThere).toEqual([]);
  });
});
