import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "./server";
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
