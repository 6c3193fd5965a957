import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createApp } from "./app";
import { createAuthorize } from "./authorize";
import { RoomManager } from "./rooms/RoomManager";
import { MemoryBoardStore, MemoryDocStore } from "./store";

const logger = pino({ level: "silent" });
const clientDist = mkdtempSync(join(tmpdir(), "converge-dist-"));
writeFileSync(join(clientDist, "index.html"), "<!doctype html><title>Converge</title>");
writeFileSync(join(clientDist, "app.js"), "console.log('app')");

function setup() {
  const boards = new MemoryBoardStore();
  const docs = new MemoryDocStore();
  const rooms = new RoomManager({
    store: docs,
    logger,
    maxDocBytes: 1 << 20,
    compactAfterUpdates: 100,
    roomIdleMs: 10,
  });
  const app = createApp({
    boards,
    docs,
    rooms,
    logger,
    authorize: createAuthorize({ boards }),
    openSocket: () => {
      throw new Error("no sockets in app tests");
    },
    maxBodyBytes: 1024,
    clientDist,
  });
  return { app, boards, docs, rooms };
}

function json(body: unknown, method = "POST"): RequestInit {
  return { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}

afterAll(() => rmSync(clientDist, { recursive: true, force: true }));

describe("app", () => {
  it("answers health", async () => {
    const response = await setup().app.request("/api/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it("creates a board with a seeded document, lists, reads and renames it", async () => {
    const { app, docs, rooms } = setup();
    const created = await app.request("/api/boards", json({ title: "  Q3   roadmap " }));
    expect(created.status).toBe(201);
    const board = (await created.json()) as { id: string; title: string; createdAt: number };
    expect(board.title).toBe("Q3 roadmap");
    expect(board.id).toMatch(/^[0-9a-f-]{36}$/);

    const doc = new Y.Doc();
    for (const update of (await docs.load(board.id)).updates) Y.applyUpdate(doc, update);
    expect(doc.getMap("meta").get("title")).toBe("Q3 roadmap");
    expect(doc.getMap("lanes").size).toBeGreaterThan(0);

    expect(await (await app.request("/api/boards")).json()).toEqual([board]);
    expect(await (await app.request(`/api/boards/${board.id}`)).json()).toEqual(board);

    const renamed = await app.request(`/api/boards/${board.id}`, json({ title: "Q4" }, "PATCH"));
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ id: board.id, title: "Q4" });
    const after = new Y.Doc();
    for (const update of (await docs.load(board.id)).updates) Y.applyUpdate(after, update);
    expect(after.getMap("meta").get("title")).toBe("Q4");
    await rooms.closeAll();
  });

  it.each([
    ["no body", undefined, "invalid_json"],
    ["a missing title", { name: "x" }, "invalid_input"],
    ["an empty title", { title: "   " }, "title_empty"],
    ["a title that is too long", { title: "x".repeat(501) }, "title_too_long"],
  ])("refuses %s with 400 and the error shape", async (_name, body, code) => {
    const init: RequestInit =
      body === undefined
        ? { method: "POST", body: "{not json", headers: { "content-type": "application/json" } }
        : json(body);
    const response = await setup().app.request("/api/boards", init);
    expect(response.status).toBe(400);
    const payload = (await response.json()) as { error: { code: string; message: string } };
    expect(payload.error.code).toBe(code);
    expect(payload.error.message).not.toMatch(/at .*\.ts/);
  });

  it("answers 404 json for an unknown board and an unknown API route, and 413 for a big body", async () => {
    const { app } = setup();
    const missing = await app.request("/api/boards/nope");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: { code: "board_not_found", message: "No board has this id." },
    });
    const patched = await app.request("/api/boards/nope", json({ title: "x" }, "PATCH"));
    expect(patched.status).toBe(404);
    const unknown = await app.request("/api/nothing-here");
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe("not_found");
    const big = await app.request("/api/boards", json({ title: "x".repeat(2_000) }));
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { code: string } }).error.code).toBe("body_too_large");
  });

  it("refuses socket requests for bad ids, unknown boards and plain HTTP", async () => {
    const { app } = setup();
    expect((await app.request("/ws/bad%20id")).status).toBe(400);
    expect((await app.request("/ws/unknown-board")).status).toBe(404);
    const created = (await (await app.request("/api/boards", json({ title: "T" }))).json()) as { id: string };
    const plain = await app.request(`/ws/${created.id}`);
    expect(plain.status).toBe(426);
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
