import { initBoard, readBoard } from "@converge/shared";
import { describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { readOnlyActions } from "./boardActions";

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
