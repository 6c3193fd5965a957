import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { encodeDocState, lacksState } from "./lacksState";

function pair(): [Y.Doc, Y.Doc] {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.getMap("cards").set("c1", "one");
  a.getText("t").insert(0, "hello world");
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  return [a, b];
}

describe("lacksState", () => {
  it("is false for equal documents and for a peer that is behind", () => {
    const [a, b] = pair();
    expect(lacksState(b, encodeDocState(a))).toBe(false);
    a.getMap("cards").set("c2", "only a has it");
    expect(lacksState(a, encodeDocState(b))).toBe(false);
  });

  it("is true when the peer has a struct we lack", () => {
    const [a, b] = pair();
    a.getMap("cards").set("c2", "only a has it");
    expect(lacksState(b, encodeDocState(a))).toBe(true);
  });

  it("is true when the peer has a deletion we lack (same state vector)", () => {
    const [a, b] = pair();
    a.getText("t").delete(0, 6);
    expect(Y.encodeStateVector(a)).toEqual(Y.encodeStateVector(b));
    expect(lacksState(b, encodeDocState(a))).toBe(true);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(lacksState(b, encodeDocState(a))).toBe(false);
  });

  it("is false when our deletions cover theirs in several pieces", () => {
    const [a, b] = pair();
    b.getText("t").delete(0, 2);
    b.getText("t").delete(0, 3);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(lacksState(b, encodeDocState(a))).toBe(false);
  });
});
