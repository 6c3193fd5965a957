import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { checkUpdate } from "./rooms/checkUpdate";

/**
 * The open fuzz finding (seed 0xc0ffee + 2: frame 2536 sets it up, frame 2741 shows it as a delete-set difference
 * between the live room and the store), reduced to pure Yjs. Yjs trusts that an id names one piece of content
 * forever. An update that re-sends clocks the document already has, as a longer run of another kind (here a map
 * key's overwritten values where the document has a list item), gets only its new tail integrated: Yjs links the
 * tail after the document's struct at the previous clock (in the list) while keeping the map as its parent. The live
 * document then differs from every re-encoding of itself: from what the room stores, serves and broadcasts.
 */
function forgedRun() {
  const room = new Y.Doc();
  room.clientID = 7;
  room.getMap("m").set("a", 1);
  room.getArray("l").push(["x"]);
  // Someone reusing client id 7: four sets of m.a; the first three, overwritten, merge into one struct [0, 3).
  const forger = new Y.Doc({ gc: false });
  forger.clientID = 7;
  for (const value of [1, 2, 3, 4]) forger.getMap("m").set("a", value);
  return { room, forged: Y.encodeStateAsUpdate(forger) };
}

function reloaded(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

describe("regression (fuzz seed 0xc0ffee + 2): an update that re-sends known ids as another run", () => {
  it("in pure Yjs, applying it leaves a live document that no longer equals its own re-encoding", () => {
    const { room, forged } = forgedRun();
    const structs = Y.decodeUpdate(forged).structs.map((s) => [s.id.clock, s.length]);
    expect(structs).toEqual([
      [0, 3],
      [3, 1],
    ]);
    Y.applyUpdate(room, forged);
    const copy = reloaded(room);
    expect(room.getMap("m").toJSON()).toEqual({ a: 4 });
    expect(copy.getMap("m").toJSON()).toEqual({});
  });

  it("is refused by the room's check, so it is never applied, stored or broadcast", () => {
    const { room, forged } = forgedRun();
    const before = Y.encodeStateAsUpdate(room);
    expect(checkUpdate(room, forged)).toEqual({
      ok: false,
      kind: "gapped",
      reason: "update re-sends known clocks as another run (forged ids)",
    });
    expect(Y.encodeStateAsUpdate(room)).toEqual(before);
  });

  it.each([
    {
      run: "text typed in three bursts",
      write: (doc: Y.Doc) => {
        for (const [i, part] of ["ab", "cd", "ef"].entries()) doc.getText("t").insert(i * 2, part);
      },
      read: (doc: Y.Doc): unknown => doc.getText("t").toString(),
      expected: "abcdef",
    },
    {
      run: "a map key set four times",
      write: (doc: Y.Doc) => {
        for (const value of [1, 2, 3, 4]) doc.getMap("m").set("a", value);
      },
      read: (doc: Y.Doc): unknown => doc.getMap("m").toJSON(),
      expected: { a: 4 },
    },
  ])(
    "an honest full-state re-send that continues a run the room has ($run) is still accepted, and the live document equals its re-encoding",
    ({ write, read, expected }) => {
      const author = new Y.Doc({ gc: false });
      // The author's updates in order, as a room receives them one by one.
      const updates: Uint8Array[] = [];
      author.on("update", (update: Uint8Array) => updates.push(update));
      write(author);
      const room = new Y.Doc();
      for (const update of updates.slice(0, 2)) Y.applyUpdate(room, update);
      const full = Y.encodeStateAsUpdate(author);
      const end = Y.getState(room.store, author.clientID);
      const straddling = Y.decodeUpdate(full).structs.filter(
        (s) => s.id.clock < end && s.id.clock + s.length > end,
      );
      expect(straddling.length, "the full state re-sends part of a run the room has").toBe(1);

      expect(checkUpdate(room, full)).toEqual({ ok: true, hasNewStructs: true });
      Y.applyUpdate(room, full);
      expect(read(room)).toEqual(expected);
      const copy = reloaded(room);
      expect(read(copy)).toEqual(expected);
      expect(Y.equalSnapshots(Y.snapshot(room), Y.snapshot(copy))).toBe(true);
    },
  );
});
