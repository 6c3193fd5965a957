import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { DocStore, StoredDoc } from "./DocStore";

/** A store under test and how to dispose of it (close it, delete its files or database). */
export interface DocStoreFixture {
  store: DocStore;
  cleanup(): Promise<void>;
}

/** A Y.Doc that records every update it emits, as a room would receive them from clients. */
function recordingDoc(): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  return { doc, updates };
}

/** Makes `count` edits of several kinds, deletions included, each its own update. */
function edit(doc: Y.Doc, count: number, tag = "card"): void {
  const title = doc.getText("title");
  const cards = doc.getMap<string>("cards");
  const lanes = doc.getArray<string>("lanes");
  for (let i = 0; i < count; i++) {
    const step = cards.size;
    if (step % 4 === 3) doc.transact(() => title.delete(0, Math.min(2, title.length)));
    else title.insert(title.length, `${tag}${step} `);
    cards.set(`${tag}-${step}`, `note ${step}`);
    if (step % 3 === 0) lanes.push([`lane ${step}`]);
    if (step % 5 === 4) lanes.delete(0, 1);
  }
}

function rebuild(stored: StoredDoc): Y.Doc {
  const doc = new Y.Doc();
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return doc;
}

/** Compares every root the edits use (a root shows in `toJSON` only once defined locally) and the state vectors. */
function expectSameDoc(actual: Y.Doc, expected: Y.Doc): void {
  expect(actual.getText("title").toString()).toBe(expected.getText("title").toString());
  expect(actual.getMap("cards").toJSON()).toEqual(expected.getMap("cards").toJSON());
  expect(actual.getArray("lanes").toJSON()).toEqual(expected.getArray("lanes").toJSON());
  expect(Y.encodeStateVector(actual)).toEqual(Y.encodeStateVector(expected));
}

function totalBytes(updates: Uint8Array[]): number {
  return updates.reduce((sum, update) => sum + update.byteLength, 0);
}

async function appendAll(store: DocStore, boardId: string, updates: Uint8Array[]): Promise<number[]> {
  const seqs: number[] = [];
  for (const update of updates) seqs.push(await store.append(boardId, update));
  return seqs;
}

/** The acceptance suite every DocStore implementation passes, run with real Yjs updates. */
export function runDocStoreContract(name: string, makeStore: () => Promise<DocStoreFixture>): void {
  describe(`DocStore contract: ${name}`, () => {
    let fixture: DocStoreFixture;
    let store: DocStore;

    beforeEach(async () => {
      fixture = await makeStore();
      store = fixture.store;
    });

    afterEach(async () => {
      await fixture.cleanup();
    });

    it("loads a new board as empty", async () => {
      expect(await store.load("new-board")).toEqual({
        updates: [],
        lastSeq: 0,
        byteSize: 0,
        updatesSinceSnapshot: 0,
      });
    });

    it("returns appended updates in order, and applying them rebuilds the same document", async () => {
      const { doc, updates } = recordingDoc();
      edit(doc, 12);
      const seqs = await appendAll(store, "b1", updates);

      for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1] as number);
      const stored = await store.load("b1");
      expect(stored.updates).toEqual(updates);
      expectSameDoc(rebuild(stored), doc);
    });

    it("reports lastSeq, byteSize and updatesSinceSnapshot", async () => {
      const { doc, updates } = recordingDoc();
      edit(doc, 5);
      const seqs = await appendAll(store, "b1", updates);

      const stored = await store.load("b1");
      expect(stored.lastSeq).toBe(seqs.at(-1));
      expect(stored.byteSize).toBe(totalBytes(updates));
      expect(stored.updatesSinceSnapshot).toBe(updates.length);
    });

    it("compacts into one snapshot that loads as the same document", async () => {
      const { doc, updates } = recordingDoc();
      edit(doc, 20);
      const seqs = await appendAll(store, "b1", updates);
      const snapshot = Y.encodeStateAsUpdate(doc);

      await store.compact("b1", snapshot, seqs.at(-1) as number);

      const stored = await store.load("b1");
      expect(stored.updates).toEqual([snapshot]);
      expect(stored).toMatchObject({
        lastSeq: seqs.at(-1),
        byteSize: snapshot.byteLength,
        updatesSinceSnapshot: 0,
      });
      expectSameDoc(rebuild(stored), doc);
    });

    it("loads updates appended after a compaction on top of the snapshot", async () => {
      const { doc, updates } = recordingDoc();
      edit(doc, 6);
      const seqs = await appendAll(store, "b1", updates);
      const snapshot = Y.encodeStateAsUpdate(doc);
      await store.compact("b1", snapshot, seqs.at(-1) as number);
      updates.length = 0;
      edit(doc, 4, "later");
      const laterSeqs = await appendAll(store, "b1", updates);

      const stored = await store.load("b1");
      expect(stored.updates).toEqual([snapshot, ...updates]);
      expect(laterSeqs[0]).toBeGreaterThan(seqs.at(-1) as number);
      expect(stored).toMatchObject({
        lastSeq: laterSeqs.at(-1),
        byteSize: snapshot.byteLength + totalBytes(updates),
        updatesSinceSnapshot: updates.length,
      });
      expectSameDoc(rebuild(stored), doc);
    });

    it("compacting part of the history keeps the updates after uptoSeq", async () => {
      const { doc, updates } = recordingDoc();
      edit(doc, 4);
      const snapshot = Y.encodeStateAsUpdate(doc);
      const firstSeqs = await appendAll(store, "b1", updates.splice(0));
      edit(doc, 3, "tail");
      const tail = updates.splice(0);
      await appendAll(store, "b1", tail);

      await store.compact("b1", snapshot, firstSeqs.at(-1) as number);

      const stored = await store.load("b1");
      expect(stored.updates).toEqual([snapshot, ...tail]);
      expect(stored.updatesSinceSnapshot).toBe(tail.length);
      expectSameDoc(rebuild(stored), doc);
    });

    it("replaces the snapshot on a second compaction", async () => {
      const { doc, updates } = recordingDoc();
      edit(doc, 3);
      await store.compact(
        "b1",
        Y.encodeStateAsUpdate(doc),
        (await appendAll(store, "b1", updates)).at(-1) as number,
      );
      updates.length = 0;
      edit(doc, 3, "more");
      const seqs = await appendAll(store, "b1", updates);
      const second = Y.encodeStateAsUpdate(doc);

      await store.compact("b1", second, seqs.at(-1) as number);

      const stored = await store.load("b1");
      expect(stored.updates).toEqual([second]);
      expectSameDoc(rebuild(stored), doc);
    });

    it("ignores a stale compaction older than the stored snapshot", async () => {
      const { doc, updates } = recordingDoc();
      edit(doc, 3);
      const early = Y.encodeStateAsUpdate(doc);
      const earlySeqs = await appendAll(store, "b1", updates.splice(0));
      edit(doc, 3, "late");
      const lateSeqs = await appendAll(store, "b1", updates.splice(0));
      const late = Y.encodeStateAsUpdate(doc);
      await store.compact("b1", late, lateSeqs.at(-1) as number);

      await store.compact("b1", early, earlySeqs.at(-1) as number);

      const stored = await store.load("b1");
      expect(stored.updates).toEqual([late]);
      expectSameDoc(rebuild(stored), doc);
    });

    it("refuses to compact past the last stored seq and leaves the board as it was", async () => {
      const { doc, updates } = recordingDoc();
      edit(doc, 3);
      const seqs = await appendAll(store, "b1", updates);
      const before = await store.load("b1");

      await expect(
        store.compact("b1", Y.encodeStateAsUpdate(doc), (seqs.at(-1) as number) + 1000),
      ).rejects.toThrow(RangeError);
      await expect(store.compact("b1", Y.encodeStateAsUpdate(doc), -1)).rejects.toThrow(RangeError);
      await expect(store.compact("empty", Y.encodeStateAsUpdate(doc), 1)).rejects.toThrow(RangeError);

      expect(await store.load("b1")).toEqual(before);
      expect((await store.load("empty")).updates).toEqual([]);
    });

    it("keeps boards isolated through append, compact and remove", async () => {
      const a = recordingDoc();
      const b = recordingDoc();
      for (let round = 0; round < 3; round++) {
        edit(a.doc, 2, "a");
        edit(b.doc, 2, "b");
        await appendAll(store, "a", a.updates.splice(0));
        await appendAll(store, "b", b.updates.splice(0));
      }
      const bBefore = await store.load("b");
      expectSameDoc(rebuild(bBefore), b.doc);

      await store.compact("a", Y.encodeStateAsUpdate(a.doc), (await store.load("a")).lastSeq);
      expect(await store.load("b")).toEqual(bBefore);
      expectSameDoc(rebuild(await store.load("a")), a.doc);

      await store.remove("a");
      expect(await store.load("b")).toEqual(bBefore);
    });

    it("removes a board's snapshot and updates, and the board starts afresh", async () => {
      const { doc, updates } = recordingDoc();
      edit(doc, 4);
      const seqs = await appendAll(store, "b1", updates.splice(0));
      await store.compact("b1", Y.encodeStateAsUpdate(doc), seqs[1] as number);

      await store.remove("b1");

      expect(await store.load("b1")).toEqual({
        updates: [],
        lastSeq: 0,
        byteSize: 0,
        updatesSinceSnapshot: 0,
      });
      const fresh = recordingDoc();
      edit(fresh.doc, 1, "fresh");
      const freshSeqs = await appendAll(store, "b1", fresh.updates);
      expect(freshSeqs[0]).toBeGreaterThan(seqs.at(-1) as number);
      const stored = await store.load("b1");
      expect(stored).toMatchObject({ lastSeq: freshSeqs.at(-1), updatesSinceSnapshot: fresh.updates.length });
      expectSameDoc(rebuild(stored), fresh.doc);
    });

    it("removing a board that has nothing stored succeeds", async () => {
      await expect(store.remove("never-written")).resolves.toBeUndefined();
    });

    it("keeps its own copy of the bytes it was given", async () => {
      const { doc, updates } = recordingDoc();
      edit(doc, 1);
      const update = updates[0] as Uint8Array;
      const original = update.slice();
      await store.append("b1", update);
      update.fill(0);

      expect((await store.load("b1")).updates).toEqual([original]);
    });

    it("stores every one of many concurrent appends under distinct seqs", async () => {
      const { doc, updates } = recordingDoc();
      edit(doc, 50);

      const seqs = await Promise.all(updates.map((update) => store.append("b1", update)));

      expect(new Set(seqs).size).toBe(updates.length);
      const stored = await store.load("b1");
      expect(stored).toMatchObject({ lastSeq: Math.max(...seqs), updatesSinceSnapshot: updates.length });
      expectSameDoc(rebuild(stored), doc);
    });

    it("keeps a large update intact", async () => {
      const { doc, updates } = recordingDoc();
      doc.getText("title").insert(0, "x".repeat(2_000_000));
      await appendAll(store, "big", updates);

      const stored = await store.load("big");
      expect(stored.byteSize).toBe(totalBytes(updates));
      expectSameDoc(rebuild(stored), doc);
    });

    it("rejects calls after close", async () => {
      await store.close();
      await expect(store.load("b1")).rejects.toThrow();
      await expect(store.append("b1", new Uint8Array([0, 0]))).rejects.toThrow();
    });
  });
}
