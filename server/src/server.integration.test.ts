import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { CloseCode } from "./protocol";
import type { RunningServer } from "./server";
import { openSqlite, SqliteDocStore } from "./store";
import {
  addMember,
  api,
  connectClient,
  createBoard,
  signUp,
  startTestServer,
  type TestClient,
  type TestUser,
  tempDataDir,
  upgradeStatus,
  waitFor,
} from "./testServer";

const data = tempDataDir();
let server: RunningServer;
let owner: TestUser;
const clients: TestClient[] = [];

function client(boardId: string, user: TestUser = owner, doc?: Y.Doc): TestClient {
  const created = connectClient(server.url, boardId, user, doc);
  clients.push(created);
  return created;
}

async function storedCards(boardId: string): Promise<Record<string, unknown>> {
  const db = openSqlite(join(data.dir, "converge.db"));
  try {
    const doc = new Y.Doc();
    for (const update of (await new SqliteDocStore(db).load(boardId)).updates) Y.applyUpdate(doc, update);
    return doc.getMap("cards").toJSON();
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  server = await startTestServer(data.dir);
  owner = await signUp(server.url, "Olivia Owner");
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
    const boardId = await createBoard(server.url, owner, "Q3 planning");
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
    const headers = { cookie: owner.cookie, origin: server.url };
    expect(await upgradeStatus(server.url, "/ws/does-not-exist", headers)).toMatchObject({ status: 404 });
    expect((await upgradeStatus(server.url, "/ws/bad%20id!", headers)).status).toBe(400);
  });
});

describe("restart", () => {
  it("keeps a board and the session across close and start on the same DATA_DIR", async () => {
    const dir = tempDataDir();
    try {
      const first = await startTestServer(dir.dir);
      const ada = await signUp(first.url, "Ada");
      const boardId = await createBoard(first.url, ada, "Kept");
      const a = connectClient(first.url, boardId, ada);
      await a.synced;
      a.doc.getMap("cards").set("c1", "survives");
      const b = connectClient(first.url, boardId, ada);
      await waitFor(() => b.doc.getMap("cards").get("c1") === "survives", 5_000, "b sees the write");
      a.destroy();
      b.destroy();
      await first.close();

      const second = await startTestServer(dir.dir);
      const fresh = connectClient(second.url, boardId, ada);
      await fresh.synced;
      await waitFor(() => fresh.doc.getMap("cards").get("c1") === "survives", 5_000, "fresh client");
      expect(fresh.doc.getMap("meta").get("title")).toBe("Kept");
      const listed = (await (await api(second.url, "/api/boards", { cookie: ada.cookie })).json()) as Array<{
        id: string;
      }>;
      expect(listed.map((board) => board.id)).toContain(boardId);
      fresh.destroy();
      await second.close();
    } finally {
      dir.remove();
    }
  });
});

describe("viewers (a real viewer account through an invitation)", () => {
  function deniedWarnings(warn: { mock: { calls: unknown[][] } }): number {
    return warn.mock.calls.filter((call) => String(call[0]).includes("permission-denied")).length;
  }

  it("get the document live, but their updates are dropped, answered once, and repeated attempts close 4403", async () => {
    const viewerUser = await signUp(server.url, "Vera Viewer");
    const id = await createBoard(server.url, owner, "Watched");
    await addMember(server.url, id, owner, viewerUser, "viewer");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const editor = client(id);
      const viewer = client(id, viewerUser);
      await Promise.all([editor.synced, viewer.synced]);
      editor.doc.getMap("cards").set("e1", "by editor");
      await waitFor(() => viewer.doc.getMap("cards").get("e1") === "by editor", 5_000, "viewer reads");

      viewer.doc.getMap("cards").set("v1", "by viewer");
      await waitFor(() => deniedWarnings(warn) === 1, 5_000, "denied");
      viewer.doc.getMap("cards").set("v2", "again");
      viewer.doc.getMap("cards").set("v3", "and again");
      await waitFor(() => viewer.closes.includes(CloseCode.notAllowed), 5_000, "viewer closed");
      editor.doc.getMap("cards").set("e2", "still syncing");
      await waitFor(() => editor.doc.getMap("cards").has("e2"), 5_000, "editor");
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(editor.doc.getMap("cards").has("v1")).toBe(false);
      expect(deniedWarnings(warn)).toBe(1);
      expect(await storedCards(id)).toEqual({ e1: "by editor", e2: "still syncing" });
    } finally {
      warn.mockRestore();
    }
  });

  it("a viewer's offline edits offered in sync step 2 are dropped and answered with permission denied", async () => {
    const viewerUser = await signUp(server.url, "Otto Offline");
    const id = await createBoard(server.url, owner, "Offline viewer");
    await addMember(server.url, id, owner, viewerUser, "viewer");
    const editor = client(id);
    await editor.synced;
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const offline = new Y.Doc();
      offline.getMap("cards").set("offline", "written before connecting");
      const viewer = client(id, viewerUser, offline);
      await viewer.synced;
      await waitFor(() => deniedWarnings(warn) === 1, 5_000, "denied on step 2");
      editor.doc.getMap("cards").set("after", "editor still writes");
      await waitFor(
        () => viewer.doc.getMap("cards").get("after") === "editor still writes",
        5_000,
        "viewer reads",
      );
      expect(editor.doc.getMap("cards").has("offline")).toBe(false);
      expect(await storedCards(id)).toEqual({ after: "editor still writes" });
    } finally {
      warn.mockRestore();
    }
  });
});
