import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { runDocStoreContract } from "./docStoreContract";
import { CHECKPOINT_EVERY_APPENDS, SqliteDocStore } from "./SqliteDocStore";
import { StoreCorruptError } from "./StoreCorruptError";
import { openSqlite, type SqliteDatabase, WAL_AUTOCHECKPOINT_BACKSTOP_PAGES } from "./sqlite";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "../../..");

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "converge-docs-"));
}

/** One real Yjs update per call, from a doc of its own. */
function someUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText("title").insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

function textOf(updates: Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc.getText("title").toString();
}

runDocStoreContract("SqliteDocStore (temp file)", async () => {
  const dir = tempDir();
  const db = openSqlite(join(dir, "converge.db"));
  const store = new SqliteDocStore(db);
  return {
    store,
    cleanup: async () => {
      await store.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe("SqliteDocStore", () => {
  let dir: string;
  let file: string;
  const open: SqliteDatabase[] = [];

  function openStore(): { db: SqliteDatabase; store: SqliteDocStore } {
    const db = openSqlite(file);
    open.push(db);
    return { db, store: new SqliteDocStore(db) };
  }

  beforeEach(() => {
    dir = tempDir();
    file = join(dir, "data", "converge.db");
  });

  afterEach(() => {
    for (const db of open.splice(0)) if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("never checkpoints the WAL inside an append, and checkpoints on a later turn after enough of them", async () => {
    const { db, store } = openStore();
    const databaseBytes = () => statSync(file).size;
    const before = databaseBytes();
    // More appends than SQLite's default threshold (1,000 WAL pages) would have checkpointed inside a commit.
    for (let i = 0; i < CHECKPOINT_EVERY_APPENDS + 200; i++)
      await store.append("b1", someUpdate(`edit ${i}`));
    expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(WAL_AUTOCHECKPOINT_BACKSTOP_PAGES);
    // Still only in the WAL: nothing was moved into the database file while the appends ran.
    expect(databaseBytes()).toBe(before);
    await new Promise((resolve) => setImmediate(resolve));
    expect(databaseBytes()).toBeGreaterThan(before);
    expect((await store.load("b1")).updates).toHaveLength(CHECKPOINT_EVERY_APPENDS + 200);
  });

  it("skips a scheduled checkpoint once the database is closed", async () => {
    const { db, store } = openStore();
    for (let i = 0; i < CHECKPOINT_EVERY_APPENDS; i++) await store.append("b1", someUpdate(`edit ${i}`));
    await store.close();
    db.close();
    await new Promise((resolve) => setImmediate(resolve));
    const reopened = openStore();
    expect((await reopened.store.load("b1")).updates).toHaveLength(CHECKPOINT_EVERY_APPENDS);
  });

  it("keeps snapshots and updates across closing and reopening the file", async () => {
    const first = openStore();
    const seq = await first.store.append("b1", someUpdate("kept"));
    await first.store.compact("b1", someUpdate("kept"), seq);
    await first.store.append("b1", someUpdate(" and more"));
    const before = await first.store.load("b1");
    await first.store.close();
    first.db.close();

    const reopened = await openStore().store.load("b1");
    expect(reopened).toEqual(before);
    expect(reopened.updatesSinceSnapshot).toBe(1);
  });

  it("shares one database between stores on the same connection, and close leaves it open", async () => {
    const { db, store } = openStore();
    const other = new SqliteDocStore(db);
    await store.append("b1", someUpdate("shared"));
    await store.close();

    expect(db.open).toBe(true);
    expect(textOf((await other.load("b1")).updates)).toBe("shared");
  });

  it("throws StoreCorruptError for a board whose snapshot is garbage, and still loads the others", async () => {
    const { db, store } = openStore();
    const seq = await store.append("broken", someUpdate("soon garbage"));
    await store.compact("broken", someUpdate("soon garbage"), seq);
    await store.append("healthy", someUpdate("fine"));
    db.prepare("UPDATE board_snapshots SET state = ? WHERE board_id = ?").run(
      Buffer.from("this is not a yjs update"),
      "broken",
    );

    const failure = await store.load("broken").catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StoreCorruptError);
    expect(failure).toMatchObject({ boardId: "broken", row: "snapshot" });
    expect(textOf((await store.load("healthy")).updates)).toBe("fine");
  });

  it("throws StoreCorruptError naming the seq of a garbage update row, or of one stored as text", async () => {
    const { db, store } = openStore();
    await store.append("b1", someUpdate("good"));
    const bad = await store.append("b1", someUpdate("bad"));
    db.prepare("UPDATE board_updates SET data = ? WHERE seq = ?").run(
      Buffer.from([0xff, 0xff, 0xff, 0x0f]),
      bad,
    );
    await expect(store.load("b1")).rejects.toMatchObject({
      name: "StoreCorruptError",
      boardId: "b1",
      row: bad,
    });

    db.prepare("UPDATE board_updates SET data = 'text, not bytes' WHERE seq = ?").run(bad);
    await expect(store.load("b1")).rejects.toBeInstanceOf(StoreCorruptError);
  });

  it("keeps every append that resolved before the process was killed with SIGKILL", async () => {
    const { db } = openStore();
    db.close();
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(here, "sqliteAppendChild.ts"), file, "b1"],
      {
        cwd: repoRoot,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const acknowledged: { seq: number; index: number }[] = [];
    const exited = new Promise<NodeJS.Signals | null>((resolveExit) =>
      child.on("exit", (_code, signal) => resolveExit(signal)),
    );
    await new Promise<void>((resolveKilled, reject) => {
      let pending = "";
      child.stdout.on("data", (chunk: Buffer) => {
        pending += chunk.toString();
        const lines = pending.split("\n");
        pending = lines.pop() ?? "";
        for (const line of lines) {
          const [seq, index] = line.split(" ").map(Number);
          acknowledged.push({ seq: seq as number, index: index as number });
        }
        // Kill mid-stream: the child is appending as fast as it can.
        if (acknowledged.length >= 50 && !child.killed) {
          child.kill("SIGKILL");
          resolveKilled();
        }
      });
      child.on("exit", () => reject(new Error(`child exited before being killed: ${stderr}`)));
    });
    expect(await exited).toBe("SIGKILL");

    const stored = await openStore().store.load("b1");
    const doc = new Y.Doc();
    for (const update of stored.updates) Y.applyUpdate(doc, update);
    const log = doc.getArray<number>("log").toArray();
    const last = acknowledged.at(-1) as { seq: number; index: number };
    expect(stored.lastSeq).toBeGreaterThanOrEqual(last.seq);
    expect(log.slice(0, acknowledged.length)).toEqual(acknowledged.map((entry) => entry.index));
  });
});
