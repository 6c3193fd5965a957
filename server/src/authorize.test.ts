import { describe, expect, it } from "vitest";
import { createSessions } from "./auth";
import { createAuthorize } from "./authorize";
import { MemoryBoardStore, MemoryMemberStore, MemorySessionStore, MemoryUserStore } from "./store";

async function setup() {
  const boards = new MemoryBoardStore();
  const members = new MemoryMemberStore();
  const users = new MemoryUserStore();
  const sessions = createSessions({ sessions: new MemorySessionStore(), users, ttlMs: 60_000 });
  for (const [id, name] of [
    ["u-viewer", "Vera"],
    ["u-editor", "Ed"],
    ["u-stranger", "Stan"],
  ] as const) {
    await users.create({ id, email: `${id}@example.com`, name, passwordHash: "x", createdAt: 1 });
  }
  await boards.create({ id: "b1", title: "Roadmap", createdAt: 1 });
  await members.join({ boardId: "b1", userId: "u-viewer", role: "viewer", joinedAt: 1 });
  await members.join({ boardId: "b1", userId: "u-editor", role: "editor", joinedAt: 1 });
  const authorize = createAuthorize({ boards, members, sessions, allowedOrigins: [], trustProxy: false });
  const as = async (userId: string | null, origin: string | null = "http://localhost:3000") => {
    const headers: Record<string, string> = {};
    if (origin) headers.origin = origin;
    if (userId) headers.cookie = `converge_session=${(await sessions.create(userId)).token}`;
    return new Request("http://localhost:3000/ws/b1", { headers });
  };
  return { authorize, as };
}

describe("authorize (socket upgrades)", () => {
  it("gives members their principal: editors write, viewers do not", async () => {
    const { authorize, as } = await setup();
    await expect(authorize(await as("u-editor"), "b1")).resolves.toMatchObject({
      ok: true,
      principal: { userId: "u-editor", name: "Ed", role: "editor", canWrite: true },
      session: { key: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    await expect(authorize(await as("u-viewer"), "b1")).resolves.toMatchObject({
      ok: true,
      principal: { role: "viewer", canWrite: false },
    });
  });

  it.each([
    ["a foreign Origin", "u-editor", "http://evil.example", "b1", 403, "origin_forbidden"],
    ["no Origin", "u-editor", null, "b1", 403, "origin_forbidden"],
    ["no session", null, "http://localhost:3000", "b1", 401, "unauthenticated"],
    ["an unknown board", "u-editor", "http://localhost:3000", "nope", 404, "board_not_found"],
    ["a non-member", "u-stranger", "http://localhost:3000", "b1", 403, "not_a_member"],
  ])("refuses %s", async (_name, userId, origin, boardId, status, code) => {
    const { authorize, as } = await setup();
    await expect(authorize(await as(userId, origin), boardId)).resolves.toMatchObject({
      ok: false,
      status,
      code,
    });
  });

  it("refuses a made-up session cookie with 401", async () => {
    const { authorize } = await setup();
    const request = new Request("http://localhost:3000/ws/b1", {
      headers: { origin: "http://localhost:3000", cookie: "converge_session=made-up" },
    });
    await expect(authorize(request, "b1")).resolves.toMatchObject({ ok: false, status: 401 });
  });
});
