import { connect } from "node:net";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { CloseCode, encodeAwareness } from "./protocol";
import type { RunningServer } from "./server";
import {
  addMember,
  api,
  connectClient,
  createBoard,
  rawSocket,
  sessionCookie,
  signUp,
  startTestServer,
  TEST_PASSWORD,
  type TestClient,
  type TestUser,
  tempDataDir,
  upgradeStatus,
  waitFor,
} from "./testServer";

const data = tempDataDir();
let server: RunningServer;
let owner: TestUser;
let member: TestUser;
let stranger: TestUser;
let boardId: string;
const clients: TestClient[] = [];

function client(user: TestUser, board = boardId, doc?: Y.Doc): TestClient {
  const created = connectClient(server.url, board, user, doc);
  clients.push(created);
  return created;
}

beforeAll(async () => {
  server = await startTestServer(data.dir);
  [owner, member, stranger] = await Promise.all([
    signUp(server.url, "Olivia Owner"),
    signUp(server.url, "Mallory Member"),
    signUp(server.url, "Stan Stranger"),
  ]);
  boardId = await createBoard(server.url, owner, "Sockets");
  await addMember(server.url, boardId, owner, member, "editor");
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.close();
  data.remove();
});

describe("socket upgrade is refused before any Yjs byte", () => {
  it.each([
    ["no cookie", () => ({ origin: server.url }), 401, "unauthenticated"],
    [
      "a forged cookie",
      () => ({ origin: server.url, cookie: "converge_session=forged" }),
      401,
      "unauthenticated",
    ],
    ["a non-member", () => ({ origin: server.url, cookie: stranger.cookie }), 403, "not_a_member"],
    [
      "a foreign Origin (CSWSH)",
      () => ({ origin: "https://evil.example", cookie: owner.cookie }),
      403,
      "origin_forbidden",
    ],
    ["no Origin", () => ({ cookie: owner.cookie }), 403, "origin_forbidden"],
  ])("%s", async (_name, headers, status, code) => {
    const answer = await upgradeStatus(server.url, `/ws/${boardId}`, headers());
    expect(answer.status).toBe(status);
    // A plain HTTP answer with the API's error shape, never a Yjs byte.
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code, message: expect.any(String) } });
  });

  it("an unknown board (with a valid session)", async () => {
    const answer = await upgradeStatus(server.url, "/ws/no-such-board", {
      origin: server.url,
      cookie: owner.cookie,
    });
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: "board_not_found" } });
  });

  it("the stored session hash as a cookie", async () => {
    const db = new Database(join(data.dir, "converge.db"), { readonly: true });
    const row = db.prepare("SELECT id_hash FROM sessions WHERE user_id = ?").get(owner.id) as {
      id_hash: string;
    };
    db.close();
    const headers = { origin: server.url, cookie: `converge_session=${row.id_hash}` };
    expect((await upgradeStatus(server.url, `/ws/${boardId}`, headers)).status).toBe(401);
  });

  it("an upgrade request that is not a URL (a broken Host) gets 400 with the error shape, and the server goes on", async () => {
    const { port } = new URL(server.url);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), "127.0.0.1", () =>
        socket.write(
          `GET /ws/${boardId} HTTP/1.1\r\nHost: [broken\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
            "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
        ),
      );
      let text = "";
      socket.on("data", (chunk: Buffer) => {
        text += chunk.toString("utf8");
      });
      socket.on("end", () => resolve(text));
      socket.on("error", reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4))).toMatchObject({
      error: { code: "bad_request" },
    });
    expect(
      (await upgradeStatus(server.url, `/ws/${boardId}`, { origin: server.url, cookie: owner.cookie }))
        .status,
    ).toBe(101);
  });
});

describe("presence is stamped by the server", () => {
  it("a client claiming to be someone else is seen by others under its real name", async () => {
    const honest = client(owner);
    const impostor = client(member);
    await Promise.all([honest.synced, impostor.synced]);
    impostor.provider.awareness.setLocalState({
      user: { id: owner.id, name: "Olivia Owner", color: "#ff0000" },
      activity: { kind: "editing", cardId: "c1" },
    });
    const seen = () =>
      honest.provider.awareness.getStates().get(impostor.doc.clientID) as
        | { user: { id: string; name: string; color: string }; activity: unknown }
        | undefined;
    await waitFor(() => seen()?.user !== undefined, 5_000, "impostor's presence");
    expect(seen()).toEqual({
      user: { id: member.id, name: "Mallory Member", color: "#ff0000" },
      activity: { kind: "editing", cardId: "c1" },
    });
    // The stock client echoes every awareness change it hears; honest people of different accounts stay connected.
    for (let i = 0; i < 5; i++) {
      honest.provider.awareness.setLocalStateField("activity", { kind: "dragging", cardId: `h${i}` });
      impostor.provider.awareness.setLocalStateField("activity", { kind: "editing", cardId: `i${i}` });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await waitFor(
      () => (seen()?.activity as { cardId?: string } | undefined)?.cardId === "i4",
      5_000,
      "last presence change",
    );
    expect(honest.closes).toEqual([]);
    expect(impostor.closes).toEqual([]);
    honest.destroy();
    impostor.destroy();
  });

  it("awareness for another person's client id is dropped, and a repeat closes the socket with 4400", async () => {
    const victim = client(owner);
    await victim.synced;
    victim.provider.awareness.setLocalStateField("activity", null);
    const watcher = client(owner);
    await waitFor(
      () => watcher.provider.awareness.getStates().has(victim.doc.clientID),
      5_000,
      "victim seen",
    );

    const attacker = rawSocket(server.url, boardId, member);
    await attacker.ready;
    const forged = new awarenessProtocol.Awareness(new Y.Doc());
    forged.clientID = victim.doc.clientID;
    forged.setLocalState(null);
    forged.meta.set(victim.doc.clientID, { clock: 1_000, lastUpdated: Date.now() });
    forged.states.set(victim.doc.clientID, {
      user: { color: "#000000" },
      activity: { kind: "dragging", cardId: "x" },
    });
    const frame = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(forged, [victim.doc.clientID]));
    attacker.ws.send(frame);
    attacker.ws.send(frame);
    const closed = await attacker.closed;
    expect(closed.code).toBe(CloseCode.malformed);
    expect(watcher.provider.awareness.getStates().get(victim.doc.clientID)).toMatchObject({
      user: { id: owner.id },
      activity: null,
    });
    victim.destroy();
    watcher.destroy();
  });
});

describe("account changes reach open sockets", () => {
  it("sign-out closes that session's sockets within a second (4401), not the user's other sessions", async () => {
    const login = await api(server.url, "/api/auth/login", {
      body: { email: owner.email, password: TEST_PASSWORD },
    });
    const second: TestUser = { ...owner, cookie: sessionCookie(login) };
    const signingOut = client(second);
    const staying = client(owner);
    await Promise.all([signingOut.synced, staying.synced]);
    const started = Date.now();
    expect(
      (await api(server.url, "/api/auth/logout", { method: "POST", cookie: second.cookie })).status,
    ).toBe(204);
    await waitFor(
      () => signingOut.closes.includes(CloseCode.unauthenticated),
      1_000,
      "signed-out socket closed",
    );
    expect(Date.now() - started).toBeLessThan(1_000);
    staying.doc.getMap("cards").set("still", "here");
    const check = client(owner);
    await waitFor(
      () => check.doc.getMap("cards").get("still") === "here",
      5_000,
      "other session still writes",
    );
    expect(staying.closes).toEqual([]);
    staying.destroy();
    check.destroy();
    signingOut.destroy();
  });

  it("a demotion to viewer makes open sockets read-only within a second, without a reconnect", async () => {
    const demoted = await signUp(server.url, "Dora Demoted");
    await addMember(server.url, boardId, owner, demoted, "editor");
    const ownerClient = client(owner);
    const theirs = client(demoted);
    await Promise.all([ownerClient.synced, theirs.synced]);
    theirs.doc.getMap("cards").set("before", "as editor");
    await waitFor(
      () => ownerClient.doc.getMap("cards").get("before") === "as editor",
      5_000,
      "editor writes",
    );

    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const response = await api(server.url, `/api/boards/${boardId}/members/${demoted.id}`, {
        method: "PATCH",
        body: { role: "viewer" },
        cookie: owner.cookie,
      });
      expect(await response.json()).toEqual({ id: demoted.id, name: "Dora Demoted", role: "viewer" });
      theirs.doc.getMap("cards").set("after", "as viewer");
      await waitFor(
        () => warn.mock.calls.some((call) => String(call[0]).includes("permission-denied")),
        1_000,
        "permission denied",
      );
    } finally {
      warn.mockRestore();
    }
    expect(theirs.closes).toEqual([]);
    ownerClient.doc.getMap("cards").set("owner-after", "x");
    await waitFor(() => theirs.doc.getMap("cards").get("owner-after") === "x", 5_000, "viewer still reads");
    expect(ownerClient.doc.getMap("cards").has("after")).toBe(false);
    ownerClient.destroy();
    theirs.destroy();
  });

  it("removing a member closes their sockets with 4403", async () => {
    const removed = await signUp(server.url, "Rex Removed");
    await addMember(server.url, boardId, owner, removed, "editor");
    const theirs = client(removed);
    await theirs.synced;
    expect(
      (
        await api(server.url, `/api/boards/${boardId}/members/${removed.id}`, {
          method: "DELETE",
          cookie: owner.cookie,
        })
      ).status,
    ).toBe(204);
    await waitFor(() => theirs.closes.includes(CloseCode.notAllowed), 1_000, "removed member closed");
    expect(
      (await upgradeStatus(server.url, `/ws/${boardId}`, { origin: server.url, cookie: removed.cookie }))
        .status,
    ).toBe(403);
    theirs.destroy();
  });

  it("deleting a board closes all its sockets with 4404, unloads the room and keeps no document", async () => {
    const doomed = await createBoard(server.url, owner, "Doomed");
    await addMember(server.url, doomed, owner, member, "viewer");
    const a = client(owner, doomed);
    const b = client(member, doomed);
    await Promise.all([a.synced, b.synced]);
    a.doc.getMap("cards").set("last", "write");
    await waitFor(() => b.doc.getMap("cards").has("last"), 5_000, "write seen");
    const roomsBefore = server.stats().rooms;
    expect(
      (await api(server.url, `/api/boards/${doomed}`, { method: "DELETE", cookie: owner.cookie })).status,
    ).toBe(204);
    await waitFor(
      () => a.closes.includes(CloseCode.unknownBoard) && b.closes.includes(CloseCode.unknownBoard),
      1_000,
      "both closed",
    );
    expect(server.stats().rooms).toBe(roomsBefore - 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const db = new Database(join(data.dir, "converge.db"), { readonly: true });
    expect(db.prepare("SELECT count(*) AS n FROM board_updates WHERE board_id = ?").get(doomed)).toEqual({
      n: 0,
    });
    db.close();
    a.destroy();
    b.destroy();
  });
});

describe("session expiry", () => {
  it("closes a socket when its session expires (4401)", async () => {
    const dir = tempDataDir();
    const short = await startTestServer(dir.dir, {}, { config: { sessionTtlMs: 1_500 } });
    try {
      const user = await signUp(short.url, "Short-lived");
      const id = await createBoard(short.url, user, "Expiring");
      const socket = connectClient(short.url, id, user);
      await socket.synced;
      const started = Date.now();
      await waitFor(() => socket.closes.includes(CloseCode.unauthenticated), 3_000, "closed at expiry");
      expect(Date.now() - started).toBeLessThan(2_000);
      socket.destroy();
    } finally {
      await short.close();
      dir.remove();
    }
  });
});
