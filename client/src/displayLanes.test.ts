import { createCard, groupIntoSwimlanes, initBoard, readBoard, setCardFields } from "@converge/shared";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { cellId, swimlaneCells, toBoardDrop, visibleLanes } from "./displayLanes";

function board() {
  const doc = new Y.Doc();
  initBoard(doc, { title: "Plan" });
  const [backlog, doing] = readBoard(doc).lanes.map((lane) => lane.id) as [string, string];
  const ids = ["A", "B", "C", "D"].map((title) => createCard(doc, { laneId: backlog, title, by: "u" }));
  setCardFields(doc, ids[1] as string, { team: "Design" });
  setCardFields(doc, ids[3] as string, { team: "Design" });
  return { doc, backlog, doing, ids: ids as [string, string, string, string] };
}

describe("display lanes", () => {
  it("keeps a fully visible lane's own array and filters the others", () => {
    const { doc, ids } = board();
    const snapshot = readBoard(doc);
    const all = visibleLanes(snapshot, new Set(ids));
    expect(all[0]?.cardIds).toBe(snapshot.lanes[0]?.cardIds);
    expect(visibleLanes(snapshot, new Set([ids[0], ids[2]]))[0]?.cardIds).toEqual([ids[0], ids[2]]);
  });

  it("places a card dropped among filtered cards between the right hidden ones", () => {
    const { doc, backlog, doing, ids } = board();
    const snapshot = readBoard(doc);
    const shown = visibleLanes(snapshot, new Set([ids[0], ids[2], ids[3]]));
    // D dropped above C in the filtered lane: lands before C, after hidden B.
    const up = toBoardDrop({ kind: "card", cardId: ids[3], laneId: backlog, index: 1 }, shown, snapshot);
    expect(up).toEqual({ move: { kind: "card", cardId: ids[3], laneId: backlog, index: 2 } });
    // Into an empty lane: its end.
    const across = toBoardDrop({ kind: "card", cardId: ids[0], laneId: doing, index: 0 }, shown, snapshot);
    expect(across?.move).toEqual({ kind: "card", cardId: ids[0], laneId: doing, index: 0 });
  });

  it("reports the new band when a card crosses swimlanes", () => {
    const { doc, backlog, ids } = board();
    const snapshot = readBoard(doc);
    const cells = swimlaneCells(groupIntoSwimlanes(snapshot, "team", new Set(ids)));
    const design = cellId("Design", backlog);
    expect(cells.find((cell) => cell.id === design)?.cardIds).toEqual([ids[1], ids[3]]);
    const drop = toBoardDrop(
      { kind: "card", cardId: ids[0], laneId: design, index: 1 },
      cells,
      snapshot,
      null,
    );
    expect(drop).toEqual({
      move: { kind: "card", cardId: ids[0], laneId: backlog, index: 2 },
      band: "Design",
    });
    const stay = toBoardDrop(
      { kind: "card", cardId: ids[1], laneId: design, index: 1 },
      cells,
      snapshot,
      "Design",
    );
    expect(stay?.band).toBeUndefined();
  });
});
