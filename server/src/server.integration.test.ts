import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { createAuthorize } from "./authorize";
import { loadConfig } from "./config";
import { CloseCode } from "./protocol";
import { type RunningServer, startServer } from "./server";
import { openSqlite, SqliteBoardStore, SqliteDocStore } from "./store";
import {
  connectClient,
  createBoard,
  startTestServer,
  type TestClient,
  tempDataDir,
  upgradeStatus,
  waitFor,
} from "./testServer";

const data = tempDataDir();
let server: RunningServer;
const clients: TestClient[] = [];

function client(boardId: string): TestClient {
  const created = connectClient(server.url, boardId);
  clients.push(created);
  return created;
}

beforeAll(async () => {
  server = await startTestServer(data.dir);
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.close();
  data.remove();
});

describe("server with stock y-websocket clients", () => {
  it("answers health", async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(await response.json()).toEqual({ ok: true });
  });

  it("serves the seeded board; two clients converge; a late joiner gets everything", async () => {
    const boardId = await createBoard(server.url, "Q3 planning");
    const a = client(boardId);
    const b = client(boardId);
    await Promise.all([a.synced, b.synced]);
    expect(a.doc.getMap("meta").get("title")).toBe("Q3 planning");
    expect(a.doc.getMap("lanes").size).toBeGreaterThan(0);

    a.doc.getMap("cards").set("c1", "from a");
    b.doc.getMap("cards").set("c2", "from b");
    await waitFor(
      () => a.doc.getMap("cards").size === 2 && b.doc.getMap("cards").size === 2,
      5_000,
      "convergence",
    );
    expect(a.doc.getMap("cards").toJSON()).toEqual(b.doc.getMap("cards").toJSON());

    const late = client(boardId);
    await late.synced;
    await waitFor(() => late.doc.getMap("cards").size === 2, 5_000, "late joiner");
    expect(late.doc.getMap("meta").get("title")).toBe("Q3 planning");
  });

  it("refuses an unknown board before upgrading", async () => {
    expect(await upgradeStatus(server.url, "/ws/does-not-exist")).toEqual({ status: 404, body: "" });
    expect((await upgradeStatus(server.url, "/ws/bad%20id!")).status).toBe(400);
  });
});

describe("restart", () => {
  it("keeps a board across close and start on the same DATA_DIR", async () => {
    const dir = tempDataDir();
    try {
      const first = await startTestServer(dir.dir);
      const boardId = await createBoard(first.url, "Kept");
      const a = connectClient(first.url, boardId);
      await a.synced;
      a.doc.getMap("cards").set("c1", "survives");
      const b = connectClient(first.url, boardId);
      await waitFor(() => b.doc.getMap("cards").get("c1") === "survives", 5_000, "b sees the write");
      a.destroy();
      b.destroy();
      await first.close();

      const second = await startTestServer(dir.dir);
      const fresh = connectClient(second.url, boardId);
      await fresh.synced;
      await waitFor(() => fresh.doc.getMap("cards").get("c1") === "survives", 5_000, "fresh client");
      expect(fresh.doc.getMap("meta").get("title")).toBe("Kept");
      const listed = (await (await fetch(`${second.url}/api/boards`)).json()) as Array<{ id: string }>;
      expect(listed.map((board) => board.id)).toContain(boardId);
      fresh.destroy();
      await second.close();
    } finally {
      dir.remove();
    }
  });
});

describe("viewers", () => {
  it("get the document, but their writes are dropped, answered once, and repeated attempts close 4403", async () => {
    const dir = tempDataDir();
    const db = openSqlite(join(dir.dir, "converge.db"));
    const boards = new SqliteBoardStore(db);
    const open = createAuthorize({ boards });
    const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent", DATA_DIR: dir.dir });
    const viewerServer = await startServer(config, {
      boards,
      docs: new SqliteDocStore(db),
      authorize: async (request, id) => {
        const result = await open(request, id);
        if (!result.ok || new URL(request.url).searchParams.get("role") !== "viewer") return result;
        return { ok: true, principal: { ...result.principal, canWrite: false } };
      },
      onClosed: () => {
        db.close();
      },
    });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const id = await createBoard(viewerServer.url, "Watched");
      const editor = connectClient(viewerServer.url, id);
      const viewer = connectClient(viewerServer.url, id, new Y.Doc(), { role: "viewer" });
      const closes: number[] = [];
      viewer.provider.on("connection-close", (event) => {
        if (event) closes.push(event.code);
      });
      await Promise.all([editor.synced, viewer.synced]);
      editor.doc.getMap("cards").set("e1", "by editor");
      await waitFor(() => viewer.doc.getMap("cards").get("e1") === "by editor", 5_000, "viewer reads");

      viewer.doc.getMap("cards").set("v1", "by viewer");
      await waitFor(
        () => warn.mock.calls.some((call) => String(call[0]).includes("permission-denied")),
        5_000,
        "denied",
      );
      viewer.doc.getMap("cards").set("v2", "again");
      viewer.doc.getMap("cards").set("v3", "and again");
      await waitFor(() => closes.includes(CloseCode.notAllowed), 5_000, "viewer closed");
      editor.doc.getMap("cards").set("e2", "still syncing");
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(editor.doc.getMap("cards").has("v1")).toBe(false);
      expect(warn.mock.calls.filter((call) => String(call[0]).includes("permission-denied"))).toHaveLength(1);
      const stored = new Y.Doc();
      for (const update of (await new SqliteDocStore(db).load(id)).updates) Y.applyUpdate(stored, update);
      expect([...stored.getMap("cards").keys()].some((key) => key.startsWith("v"))).toBe(false);
      editor.destroy();
      viewer.destroy();
    } finally {
      warn.mockRestore();
      await viewerServer.close();
      dir.remove();
    }
  });
});
