import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { checkUpdate } from "./checkUpdate";

/** Records every update a doc emits, in order. */
function recorder(doc: Y.Doc): Uint8Array[] {
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  return updates;
}

describe("checkUpdate", () => {
  it("accepts updates in order and an update the document already has", () => {
    const author = new Y.Doc();
    const updates = recorder(author);
    author.getText("t").insert(0, "ab");
    author.getText("t").insert(2, "cd");
    const room = new Y.Doc();
    for (const update of updates) {
      expect(checkUpdate(room, update)).toEqual({ ok: true, hasNewStructs: true });
      Y.applyUpdate(room, update);
    }
    expect(checkUpdate(room, updates[0] as Uint8Array)).toEqual({ ok: true, hasNewStructs: false });
    expect(room.store.pendingStructs).toBeNull();
  });

  it("refuses a gapped update: a later update of a client whose earlier one was skipped", () => {
    const author = new Y.Doc();
    const updates = recorder(author);
    author.getMap("m").set("a", 1);
    author.getMap("m").set("b", 2);
    const room = new Y.Doc();
    const result = checkUpdate(room, updates[1] as Uint8Array);
    expect(result).toEqual({ ok: false, kind: "gapped", reason: "update has missing dependencies" });
  });

  it("refuses a merged update with a hole (Skip struct)", () => {
    const author = new Y.Doc();
    const updates = recorder(author);
    author.getMap("m").set("a", 1);
    author.getMap("m").set("b", 2);
    author.getMap("m").set("c", 3);
    const merged = Y.mergeUpdates([updates[0] as Uint8Array, updates[2] as Uint8Array]);
    const result = checkUpdate(new Y.Doc(), merged);
    expect(result.ok).toBe(false);
  });

  it("refuses an update whose origin is another client's item the document lacks", () => {
    const alice = new Y.Doc();
    const bob = new Y.Doc();
    const aliceUpdates = recorder(alice);
    alice.getText("t").insert(0, "hello");
    Y.applyUpdate(bob, aliceUpdates[0] as Uint8Array);
    const bobUpdates = recorder(bob);
    bob.getText("t").insert(2, "XY");
    const room = new Y.Doc();
    expect(checkUpdate(room, bobUpdates[0] as Uint8Array)).toEqual({
      ok: false,
      kind: "gapped",
      reason: "update has missing dependencies",
    });
    Y.applyUpdate(room, aliceUpdates[0] as Uint8Array);
    expect(checkUpdate(room, bobUpdates[0] as Uint8Array).ok).toBe(true);
  });

  it("accepts one update carrying both the dependency and the dependent (another client's item)", () => {
    const alice = new Y.Doc();
    alice.getText("t").insert(0, "hello");
    const bob = new Y.Doc();
    Y.applyUpdate(bob, Y.encodeStateAsUpdate(alice));
    bob.getText("t").insert(2, "XY");
    expect(checkUpdate(new Y.Doc(), Y.encodeStateAsUpdate(bob)).ok).toBe(true);
  });

  it("refuses a deletion of clocks nobody has", () => {
    const author = new Y.Doc();
    const updates = recorder(author);
    author.getText("t").insert(0, "abc");
    author.getText("t").delete(0, 2);
    const room = new Y.Doc();
    expect(checkUpdate(room, updates[1] as Uint8Array).ok).toBe(false);
    Y.applyUpdate(room, updates[0] as Uint8Array);
    expect(checkUpdate(room, updates[1] as Uint8Array)).toEqual({ ok: true, hasNewStructs: false });
  });

  it("refuses bytes that are not an update", () => {
    const result = checkUpdate(new Y.Doc(), new Uint8Array([1, 2, 3, 250, 250, 250]));
    expect(result).toMatchObject({ ok: false, kind: "undecodable" });
  });
});
