import { join } from "node:path";
import * as decoding from "lib0/decoding";
import { afterAll, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { AuthType, CloseCode, MessageType, SaveStatus } from "./protocol";
import { FaultyDocStore, InjectedStoreError } from "./reliability/FaultyDocStore";
import { openSqlite } from "./store";
import { openStores } from "./store/openStores";
import {
  api,
  connectClient,
  createBoard,
  signUp,
  startTestServer,
  type TestClient,
  tempDataDir,
  testConfig,
  waitFor,
} from "./testServer";

const dirs: Array<{ remove(): void }> = [];
afterAll(() => {
  for (const dir of dirs) dir.remove();
});

/** Every stored row of a board (updates and snapshot) as hex, to prove they were never rewritten. */
function storedRows(dataDir: string, boardId: string): string[] {
  const db = openSqlite(join(dataDir, "converge.db"));
  try {
    const updates = db
      .prepare("SELECT seq, hex(data) AS data FROM board_updates WHERE board_id = ? ORDER BY seq")
      .all(boardId) as Array<{ seq: number; data: string }>;
    const snapshots = db
      .prepare("SELECT upto_seq, hex(state) AS state FROM board_snapshots WHERE board_id = ?")
      .all(boardId) as Array<{ upto_seq: number; state: string }>;
    return [
      ...updates.map((row) => `update ${row.seq} ${row.data}`),
      ...snapshots.map((row) => `snapshot ${row.upto_seq} ${row.state}`),
    ];
  } finally {
    db.close();
  }
}

describe("a corrupt stored row", () => {
  it("leaves every other board served, and the corrupt board gets 4500 and is never overwritten", async () => {
    const data = tempDataDir();
    dirs.push(data);
    const server = await startTestServer(data.dir, { ROOM_IDLE_MS: "50" });
    const clients: TestClient[] = [];
    try {
      const owner = await signUp(server.url, "Corrupt owner");
      const broken = await createBoard(server.url, owner, "Will break");
      const healthy = await createBoard(server.url, owner, "Stays healthy");
      for (const boardId of [broken, healthy]) {
        const writer = connectClient(server.url, boardId, owner);
        await writer.synced;
        writer.doc.getMap("cards").set("kept", boardId);
        const reader = connectClient(server.url, boardId, owner);
        await waitFor(() => reader.doc.getMap("cards").get("kept") === boardId, 15_000, "stored write");
        writer.destroy();
        reader.destroy();
      }
      await waitFor(() => server.stats().rooms === 0, 15_000, "rooms unloaded");

      const db = openSqlite(join(data.dir, "converge.db"));
      db.prepare(
        "UPDATE board_updates SET data = x'ff00ff01' WHERE seq = (SELECT max(seq) FROM board_updates WHERE board_id = ?)",
      ).run(broken);
      db.close();
      const before = storedRows(data.dir, broken);

      const victim = connectClient(server.url, broken, owner);
      clients.push(victim);
      await waitFor(() => victim.closes.includes(CloseCode.loadFailed), 15_000, "4500 for the corrupt board");
      // An edit made meanwhile (offline) must not be written into the board as a new, empty state.
      victim.doc.getMap("cards").set("written-blind", true);
      const rename = await api(server.url, `/api/boards/${broken}`, {
        method: "PATCH",
        body: { title: "Renamed" },
        cookie: owner.cookie,
      });
      expect(rename.status).toBeGreaterThanOrEqual(500);

      const other = connectClient(server.url, healthy, owner);
      clients.push(other);
      await other.synced;
      await waitFor(() => other.doc.getMap("cards").get("kept") === healthy, 15_000, "healthy board served");
      other.doc.getMap("cards").set("still", "writable");
      const second = connectClient(server.url, healthy, owner);
      clients.push(second);
      await waitFor(
        () => second.doc.getMap("cards").get("still") === "writable",
        15_000,
        "healthy board syncs",
      );

      await waitFor(
        () => victim.closes.filter((code) => code === CloseCode.loadFailed).length >= 2,
        15_000,
        "retry",
      );
      expect(victim.provider.synced).toBe(false);
      expect(storedRows(data.dir, broken)).toEqual(before);
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    } finally {
      for (const client of clients) client.destroy();
      await server.close();
    }
  }, 90_000);
});

/** Save statuses a client of ours reads from `[auth, saveStatus, status]` frames (the stock client ignores them). */
function watchSaveStatus(client: TestClient): SaveStatus[] {
  const seen: SaveStatus[] = [];
  const stockAuth = client.provider.messageHandlers[MessageType.auth];
  client.provider.messageHandlers[MessageType.auth] = (
    encoder,
    decoder,
    provider,
    emitSynced,
    messageType,
  ) => {
    const peek = decoding.clone(decoder);
    if (decoding.readVarUint(peek) === AuthType.saveStatus) {
      seen.push(decoding.readVarUint(peek) as SaveStatus);
      return;
    }
    stockAuth?.(encoder, decoder, provider, emitSynced, messageType);
  };
  return seen;
}

describe("a failing store (SQLITE_FULL, then SQLITE_BUSY)", () => {
  it("keeps the room loaded, tells clients their work is not saved yet, shows nothing unstored, and writes everything once it recovers", async () => {
    const data = tempDataDir();
    dirs.push(data);
    const opened = await openStores(testConfig(data.dir));
    const docs = new FaultyDocStore(opened.stores.docs);
    const server = await startTestServer(
      data.dir,
      { ROOM_IDLE_MS: "50" },
      { deps: { stores: { ...opened.stores, docs } } },
    );
    const clients: TestClient[] = [];
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const consoleWarn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const owner = await signUp(server.url, "Full disk");
      const boardId = await createBoard(server.url, owner, "Outage");
      const a = connectClient(server.url, boardId, owner);
      const b = connectClient(server.url, boardId, owner);
      const stock = connectClient(server.url, boardId, owner);
      clients.push(a, b, stock);
      const [aStatus, bStatus] = [watchSaveStatus(a), watchSaveStatus(b)];
      await Promise.all([a.synced, b.synced, stock.synced]);

      docs.failAppends = new InjectedStoreError("SQLITE_FULL");
      a.doc.getMap("cards").set("during-outage", "typed while the disk was full");
      await waitFor(
        () => aStatus.includes(SaveStatus.unsaved) && bStatus.includes(SaveStatus.unsaved),
        15_000,
        "unsaved",
      );
      const late = connectClient(server.url, boardId, owner);
      clients.push(late);
      const lateStatus = watchSaveStatus(late);
      await waitFor(() => lateStatus.includes(SaveStatus.unsaved), 15_000, "a joiner is told too");

      docs.failAppends = new InjectedStoreError("SQLITE_BUSY");
      b.doc.getMap("cards").set("while-busy", "typed while the database was locked");
      await waitFor(() => docs.refusedAppends >= 3, 15_000, "retries");
      // Nothing unstored is shown to anyone, and the room stays loaded although 50 ms idle would unload it.
      expect(b.doc.getMap("cards").has("during-outage")).toBe(false);
      expect(a.doc.getMap("cards").has("while-busy")).toBe(false);
      expect(server.stats().rooms).toBe(1);
      expect(aStatus).not.toContain(SaveStatus.saved);

      docs.failAppends = null;
      const both = (client: TestClient) =>
        client.doc.getMap("cards").has("during-outage") && client.doc.getMap("cards").has("while-busy");
      await waitFor(
        () => both(a) && both(b) && both(stock) && both(late),
        20_000,
        "everything after recovery",
      );
      await waitFor(
        () => aStatus.at(-1) === SaveStatus.saved && bStatus.at(-1) === SaveStatus.saved,
        15_000,
        "saved",
      );
      const stored = new Y.Doc();
      for (const update of (await opened.stores.docs.load(boardId)).updates) Y.applyUpdate(stored, update);
      expect(stored.getMap("cards").toJSON()).toMatchObject({
        "during-outage": "typed while the disk was full",
        "while-busy": "typed while the database was locked",
      });
      // The stock client ignores the signal without a word.
      const noise = [...consoleError.mock.calls, ...consoleWarn.mock.calls].map((call) => String(call[0]));
      expect(noise.filter((line) => /Unable to compute message|Permission denied/.test(line))).toEqual([]);
      expect(stock.closes).toEqual([]);
    } finally {
      consoleError.mockRestore();
      consoleWarn.mockRestore();
      for (const client of clients) client.destroy();
      await server.close();
      await opened.close();
    }
  }, 90_000);
});
