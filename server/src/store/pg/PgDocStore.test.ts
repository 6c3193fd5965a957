import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { runDocStoreContract } from "../docStoreContract";
import { StoreCorruptError } from "../StoreCorruptError";
import { PgDocStore } from "./PgDocStore";
import { PgLock } from "./pgLocks";
import { createTestDatabase, type TestDatabase } from "./testDatabase";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

runDocStoreContract("PgDocStore (a fresh PostgreSQL database)", async () => {
  await database.truncate();
  return { store: new PgDocStore(database.pool), cleanup: async () => {} };
});

/** Two peers of one board, as two server instances would hold it: each records the updates it makes. */
function peer(): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  return { doc, updates };
}

function cardsOf(updates: Uint8Array[]): Record<string, unknown> {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update);
  });
  return doc.getMap("cards").toJSON();
}

describe("PgDocStore with several instances on one board", () => {
  let store: PgDocStore;
  beforeEach(async () => {
    await database.truncate();
    store = new PgDocStore(database.pool);
  });

  it("a compaction from a document that missed another instance's update keeps that update", async () => {
    const a = peer();
    const b = peer();
    a.doc.getMap("cards").set("a1", "from a");
    await store.append("board", a.updates.splice(0)[0] as Uint8Array);
    // b never received a1 (a dropped pub/sub message), then writes and compacts from its own document.
    b.doc.getMap("cards").set("b1", "from b");
    const seq = await store.append("board", b.updates.splice(0)[0] as Uint8Array);

    await store.compact("board", Y.encodeStateAsUpdate(b.doc), seq);

    const stored = await store.load("board");
    expect(stored.updatesSinceSnapshot).toBe(0);
    expect(cardsOf(stored.updates)).toEqual({ a1: "from a", b1: "from b" });
  });

  it("a compaction keeps what a snapshot written by another instance held", async () => {
    const a = peer();
    const b = peer();
    a.doc.getMap("cards").set("a1", "only in a's snapshot");
    const first = await store.append("board", a.updates.splice(0)[0] as Uint8Array);
    await store.compact("board", Y.encodeStateAsUpdate(a.doc), first);
    b.doc.getMap("cards").set("b1", "from b");
    const second = await store.append("board", b.updates.splice(0)[0] as Uint8Array);

    await store.compact("board", Y.encodeStateAsUpdate(b.doc), second);

    expect(cardsOf((await store.load("board")).updates)).toEqual({
      a1: "only in a's snapshot",
      b1: "from b",
    });
  });

  it("an append that commits after a compaction read the table (lower seq, later commit) is kept and loaded", async () => {
    const a = peer();
    const b = peer();
    a.doc.getMap("cards").set("slow", "committed late");
    b.doc.getMap("cards").set("fast", "committed first");
    const slow = await database.pool.connect();
    try {
      await slow.query("BEGIN");
      const { rows } = await slow.query<{ seq: number }>(
        "INSERT INTO board_updates (board_id, data) VALUES ($1, $2) RETURNING seq",
        ["board", a.updates[0]],
      );
      const fastSeq = await store.append("board", b.updates[0] as Uint8Array);
      expect(fastSeq).toBeGreaterThan(rows[0]?.seq ?? Number.POSITIVE_INFINITY);

      await store.compact("board", Y.encodeStateAsUpdate(b.doc), fastSeq);
      await slow.query("COMMIT");
    } finally {
      slow.release();
    }

    const stored = await store.load("board");
    expect(stored.updatesSinceSnapshot).toBe(1);
    expect(cardsOf(stored.updates)).toEqual({ slow: "committed late", fast: "committed first" });
  });

  it("skips a compaction while another instance holds the board's lock", async () => {
    const a = peer();
    a.doc.getMap("cards").set("c1", "kept as an update row");
    const seq = await store.append("board", a.updates[0] as Uint8Array);
    const other = await database.pool.connect();
    try {
      await other.query("BEGIN");
      await other.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [PgLock.document, "board"]);

      await store.compact("board", Y.encodeStateAsUpdate(a.doc), seq);

      await other.query("COMMIT");
    } finally {
      other.release();
    }
    expect((await store.load("board")).updatesSinceSnapshot).toBe(1);
  });

  it("throws StoreCorruptError naming the seq of a garbage row", async () => {
    const a = peer();
    a.doc.getMap("cards").set("c1", "fine");
    await store.append("board", a.updates[0] as Uint8Array);
    const bad = await store.append("board", new Uint8Array([1, 2, 3]));
    await database.pool.query("UPDATE board_updates SET data = $1 WHERE seq = $2", [
      Buffer.from([0xff, 0xff, 0xff, 0x0f]),
      bad,
    ]);

    const failure = await store.load("board").catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StoreCorruptError);
    expect(failure).toMatchObject({ boardId: "board", row: bad });
  });
});
