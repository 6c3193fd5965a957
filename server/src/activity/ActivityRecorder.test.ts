import {
  archiveCard,
  createCard,
  createLane,
  deleteCard,
  deleteLane,
  getRoots,
  moveCard,
  renameCard,
  renameLane,
} from "@converge/shared";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createLogger } from "../logger";
import type { Principal } from "../rooms/Room";
import { ActivityRecorder } from "./ActivityRecorder";
import type { StoredActivity } from "./ActivityStore";
import { MemoryActivityStore } from "./MemoryActivityStore";

const ada: { principal: Principal } = {
  principal: { userId: "u-ada", name: "Ada", canWrite: true, role: "editor" },
};

/** A board document watched by a recorder, as a loaded room is; `stored()` hands its entries to the store. */
function watchedBoard() {
  const store = new MemoryActivityStore();
  const recorder = new ActivityRecorder({
    store,
    logger: createLogger({ logLevel: "silent" }),
    now: () => 1_000,
  });
  const doc = new Y.Doc();
  const backlog = createLane(doc, { title: "Backlog", kind: "backlog" });
  const doing = createLane(doc, { title: "Doing" });
  const watch = recorder.watch({ boardId: "b1", doc });
  const entries = async (): Promise<StoredActivity[]> => {
    watch.stored();
    await recorder.settled();
    return (await store.listByBoard("b1", { limit: 100 })).reverse();
  };
  return { doc, backlog, doing, watch, entries };
}

describe("ActivityRecorder", () => {
  it("records a deleted lane and a deleted card with what they held just before", async () => {
    const { doc, backlog, doing, entries } = watchedBoard();
    const cardId = doc.transact(() => createCard(doc, { laneId: doing, title: "Ship it", by: "u-ada" }), ada);
    doc.transact(() => archiveCard(doc, cardId), ada);
    doc.transact(() => deleteCard(doc, cardId), ada);
    doc.transact(() => deleteLane(doc, doing, { moveCardsTo: backlog }), ada);

    expect(
      (await entries()).map(({ kind, cardId, laneId, data }) => ({ kind, cardId, laneId, data })),
    ).toEqual([
      { kind: "card.created", cardId, laneId: doing, data: { title: "Ship it", archived: false } },
      { kind: "card.archived", cardId, laneId: doing, data: {} },
      { kind: "card.deleted", cardId, laneId: doing, data: { title: "Ship it", archived: true } },
      { kind: "lane.deleted", cardId: null, laneId: doing, data: { title: "Doing" } },
    ]);
  });

  it("compares with the state before the transaction when one change renames, moves and renames again", async () => {
    const { doc, backlog, doing, entries } = watchedBoard();
    const cardId = createCard(doc, { laneId: backlog, title: "Draft", by: "u-ada" });
    doc.transact(() => {
      renameCard(doc, cardId, "Second draft");
      moveCard(doc, { cardId, laneId: doing, index: 0 });
      renameCard(doc, cardId, "Final");
      renameLane(doc, doing, "In progress");
      renameLane(doc, doing, "Doing now");
    }, ada);

    const recorded = await entries();
    expect(recorded.map((entry) => [entry.kind, entry.data]).sort()).toEqual([
      ["card.moved", { fromLaneId: backlog, toLaneId: doing }],
      ["card.renamed", { from: "Draft", to: "Final" }],
      ["lane.renamed", { from: "Doing", to: "Doing now" }],
    ]);
    expect(recorded[0]).toMatchObject({ actorId: "u-ada", actorName: "Ada", at: 1_000, boardId: "b1" });
  });

  it("reads a card replaced by another map under the same id as changed, not created", async () => {
    const { doc, backlog, doing, entries } = watchedBoard();
    const cardId = createCard(doc, { laneId: backlog, title: "Old", by: "u-ada" });
    doc.transact(() => {
      const replacement = new Y.Map<unknown>();
      replacement.set("title", "New");
      replacement.set("laneId", doing);
      getRoots(doc).cards.set(cardId, replacement as never);
    }, ada);

    expect((await entries()).map((entry) => [entry.kind, entry.data])).toEqual([
      ["card.renamed", { from: "Old", to: "New" }],
      ["card.moved", { fromLaneId: backlog, toLaneId: doing }],
    ]);
  });

  it("records nothing for a card made and deleted in one change, for the server's own changes, or after detach", async () => {
    const { doc, backlog, watch, entries } = watchedBoard();
    doc.transact(() => {
      const cardId = createCard(doc, { laneId: backlog, title: "Blink", by: "u-ada" });
      deleteCard(doc, cardId);
    }, ada);
    createCard(doc, { laneId: backlog, title: "By the server", by: "u-ada" });
    expect(await entries()).toEqual([]);

    watch.detach();
    doc.transact(() => createCard(doc, { laneId: backlog, title: "Unwatched", by: "u-ada" }), ada);
    expect(await entries()).toEqual([]);
  });
});
