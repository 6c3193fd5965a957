import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createApp } from "./app";
import { createAccounts, createSessions, MemoryLoginThrottle } from "./auth";
import { createAuthorize } from "./authorize";
import { RoomManager } from "./rooms/RoomManager";
import {
  MemoryBoardStore,
  MemoryDocStore,
  MemoryInviteStore,
  MemoryMemberStore,
  MemorySessionStore,
  MemoryUserStore,
} from "./store";
import { SocketRegistry } from "./sync/SocketRegistry";
import { TEST_PASSWORD } from "./testServer";

const logger = pino({ level: "silent" });
const clientDist = mkdtempSync(join(tmpdir(), "converge-dist-"));
writeFileSync(join(clientDist, "index.html"), "<!doctype html><title>Converge</title>");
writeFileSync(join(clientDist, "app.js"), "console.log('app')");
const ORIGIN = "http://localhost";

function setup() {
  const stores = {
    boards: new MemoryBoardStore(),
    docs: new MemoryDocStore(),
    members: new MemoryMemberStore(),
    invites: new MemoryInviteStore(),
    users: new MemoryUserStore(),
  };
  const rooms = new RoomManager({
    store: stores.docs,
    logger,
    maxDocBytes: 1 << 20,
    compactAfterUpdates: 100,
    roomIdleMs: 10,
  });
  const sessions = createSessions({ sessions: new MemorySessionStore(), users: stores.users, ttlMs: 60_000 });
  const sockets = new SocketRegistry({ sessionExpiry: (key) => sessions.expiryOf(key), logger });
  const app = createApp({
    ...stores,
    rooms,
    sessions,
    sockets,
    accounts: createAccounts({ users: stores.users, sessions, throttle: new MemoryLoginThrottle() }),
    logger,
    allowedOrigins: [],
    trustProxy: false,
    authorize: createAuthorize({ ...stores, sessions, allowedOrigins: [], trustProxy: false }),
    openSocket: () => {
      throw new Error("no sockets in app tests");
    },
    maxBodyBytes: 1024,
    clientDist,
  });
  let cookie = "";
  const request = (path: string, init: { method?: string; body?: unknown; raw?: string } = {}) =>
    app.request(path, {
      method: init.method ?? (init.body === undefined && init.raw === undefined ? "GET" : "POST"),
      headers: { "content-type": "application/json", origin: ORIGIN, cookie },
      ...(init.raw !== undefined ? { body: init.raw } : {}),
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
  const signUp = async () => {
    const response = await request("/api/auth/signup", {
      body: { email: "ada@example.com", password: TEST_PASSWORD, name: "Ada" },
    });
    expect(response.status).toBe(201);
    cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] as string;
    return (await response.json()) as { id: string };
  };
  return { app, request, signUp, ...stores, rooms };
}

afterAll(() => rmSync(clientDist, { recursive: true, force: true }));

describe("app", () => {
  it("answers health", async () => {
    const response = await setup().app.request("/api/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it("creates a board with a seeded document owned by its creator, lists, reads and renames it", async () => {
    const { request, signUp, docs, rooms } = setup();
    const me = await signUp();
    const created = await request("/api/boards", { body: { title: "  Q3   roadmap ", template: "roadmap" } });
    expect(created.status).toBe(201);
    const board = (await created.json()) as { id: string; title: string; createdAt: number };
    expect(board).toMatchObject({
      title: "Q3 roadmap",
      role: "owner",
      members: [{ id: me.id, name: "Ada", role: "owner" }],
    });
    expect(board.id).toMatch(/^[0-9a-f-]{36}$/);

    const doc = new Y.Doc();
    for (const update of (await docs.load(board.id)).updates) Y.applyUpdate(doc, update);
    expect(doc.getMap("meta").get("title")).toBe("Q3 roadmap");
    expect(doc.getMap("lanes").size).toBeGreaterThan(0);

    expect(await (await request("/api/boards")).json()).toEqual([board]);
    expect(await (await request(`/api/boards/${board.id}`)).json()).toEqual(board);

    const renamed = await request(`/api/boards/${board.id}`, { method: "PATCH", body: { title: "Q4" } });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ id: board.id, title: "Q4" });
    const after = new Y.Doc();
    for (const update of (await docs.load(board.id)).updates) Y.applyUpdate(after, update);
    expect(after.getMap("meta").get("title")).toBe("Q4");
    await rooms.closeAll();
  });

  it.each([
    ["malformed JSON", "{not json", "invalid_json", ""],
    ["a missing title", { name: "x" }, "invalid_input", "title"],
    ["an unknown template", { title: "x", template: "kanban-deluxe" }, "invalid_input", "template"],
    ["an empty title", { title: "   " }, "title_empty", ""],
    ["a title that is too long", { title: "x".repeat(501) }, "title_too_long", ""],
  ])("refuses %s with 400 and the error shape", async (_name, body, code, field) => {
    const { request, signUp } = setup();
    await signUp();
    const response = await request(
      "/api/boards",
      typeof body === "string" ? { method: "POST", raw: body } : { body },
    );
    expect(response.status).toBe(400);
    const payload = (await response.json()) as { error: { code: string; message: string } };
    expect(payload.error.code).toBe(code);
    expect(payload.error.message).toContain(field);
    expect(payload.error.message).not.toMatch(/at .*\.ts/);
  });

  it("answers 404 json for an unknown board and an unknown API route, and 413 for a big body", async () => {
    const { request, signUp } = setup();
    await signUp();
    const missing = await request("/api/boards/nope");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: { code: "board_not_found", message: "No board has this id." },
    });
    expect((await request("/api/boards/nope", { method: "PATCH", body: { title: "x" } })).status).toBe(404);
    const unknown = await request("/api/nothing-here");
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe("not_found");
    const big = await request("/api/boards", { body: { title: "x".repeat(2_000) } });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { code: string } }).error.code).toBe("body_too_large");
  });

  it("refuses socket requests for bad ids, no session, unknown boards and plain HTTP", async () => {
    const { app, request, signUp } = setup();
    const headers = { origin: ORIGIN };
    expect((await app.request("/ws/bad%20id", { headers })).status).toBe(400);
    expect((await app.request("/ws/unknown-board", { headers })).status).toBe(401);
    await signUp();
    const created = (await (await request("/api/boards", { body: { title: "T" } })).json()) as { id: string };
    const cookie = (await request("/api/me")).ok ? undefined : "";
    expect(cookie).toBeUndefined();
    const plain = await request(`/ws/${created.id}`);
    expect(plain.status).toBe(426);
    expect((await request("/ws/unknown-board")).status).toBe(404);
  });

  it("serves the client with an index.html fallback for app routes", async () => {
    const { app } = setup();
    const asset = await app.request("/app.js");
    expect(await asset.text()).toContain("console.log");
    const route = await app.request("/boards/123");
    expect(route.status).toBe(200);
    expect(await route.text()).toContain("<title>Converge</title>");
  });
});
