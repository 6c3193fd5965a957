import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "./server";
import {
  addMember,
  api,
  createBoard,
  signUp,
  startTestServer,
  type TestUser,
  tempDataDir,
} from "./testServer";

const data = tempDataDir();
let server: RunningServer;
let owner: TestUser;
let editor: TestUser;
let viewer: TestUser;
let stranger: TestUser;
let boardId: string;

beforeAll(async () => {
  server = await startTestServer(data.dir);
  [owner, editor, viewer, stranger] = await Promise.all([
    signUp(server.url, "Olivia Owner"),
    signUp(server.url, "Eddie Editor"),
    signUp(server.url, "Vera Viewer"),
    signUp(server.url, "Stan Stranger"),
  ]);
  boardId = await createBoard(server.url, owner, "Roles");
  await addMember(server.url, boardId, owner, editor, "editor");
  await addMember(server.url, boardId, owner, viewer, "viewer");
});

afterAll(async () => {
  await server?.close();
  data.remove();
});

async function status(
  user: TestUser | undefined,
  path: string,
  method = "GET",
  body?: unknown,
): Promise<number> {
  const response = await api(server.url, path, {
    method,
    ...(user ? { cookie: user.cookie } : {}),
    ...(body === undefined ? {} : { body }),
  });
  return response.status;
}

function sql<T>(query: string, ...params: unknown[]): T[] {
  const db = new Database(join(data.dir, "converge.db"), { readonly: true });
  try {
    return db.prepare(query).all(...params) as T[];
  } finally {
    db.close();
  }
}

describe("board list", () => {
  it("shows only my boards, each with my role and who is in it", async () => {
    const other = await createBoard(server.url, stranger, "Stranger's");
    const list = (await (await api(server.url, "/api/boards", { cookie: viewer.cookie })).json()) as Array<{
      id: string;
      role: string;
      members: Array<{ id: string; name: string; role: string }>;
    }>;
    expect(list.map((b) => b.id)).toEqual([boardId]);
    expect(list[0]?.role).toBe("viewer");
    expect(list[0]?.members).toEqual([
      { id: owner.id, name: "Olivia Owner", role: "owner" },
      { id: editor.id, name: "Eddie Editor", role: "editor" },
      { id: viewer.id, name: "Vera Viewer", role: "viewer" },
    ]);
    expect(list.map((b) => b.id)).not.toContain(other);
  });
});

describe("who may do what on a board", () => {
  it.each([
    ["read the board", "GET", "", undefined, { owner: 200, editor: 200, viewer: 200, stranger: 403 }],
    ["list members", "GET", "/members", undefined, { owner: 200, editor: 200, viewer: 200, stranger: 403 }],
    ["rename", "PATCH", "", { title: "Renamed" }, { owner: 200, editor: 200, viewer: 403, stranger: 403 }],
    [
      "invite",
      "POST",
      "/invites",
      { role: "viewer" },
      { owner: 201, editor: 403, viewer: 403, stranger: 403 },
    ],
    ["list invites", "GET", "/invites", undefined, { owner: 200, editor: 403, viewer: 403, stranger: 403 }],
  ])("%s", async (_name, method, suffix, body, expected) => {
    const users = { owner, editor, viewer, stranger };
    for (const [who, code] of Object.entries(expected)) {
      const got = await status(
        users[who as keyof typeof users],
        `/api/boards/${boardId}${suffix}`,
        method,
        body,
      );
      expect({ who, got }).toEqual({ who, got: code });
    }
  });

  it("only owners change roles and remove others; no one deletes but owners", async () => {
    expect(
      await status(editor, `/api/boards/${boardId}/members/${viewer.id}`, "PATCH", { role: "editor" }),
    ).toBe(403);
    expect(
      await status(viewer, `/api/boards/${boardId}/members/${viewer.id}`, "PATCH", { role: "owner" }),
    ).toBe(403);
    expect(await status(editor, `/api/boards/${boardId}/members/${viewer.id}`, "DELETE")).toBe(403);
    expect(await status(stranger, `/api/boards/${boardId}/members/${viewer.id}`, "DELETE")).toBe(403);
    expect(await status(editor, `/api/boards/${boardId}`, "DELETE")).toBe(403);
    expect(await status(viewer, `/api/boards/${boardId}`, "DELETE")).toBe(403);
    expect(
      await status(owner, `/api/boards/${boardId}/members/${viewer.id}`, "PATCH", { role: "boss" }),
    ).toBe(400);
    expect(
      await status(owner, `/api/boards/${boardId}/members/${stranger.id}`, "PATCH", { role: "editor" }),
    ).toBe(404);
  });

  it("a board always keeps an owner (409), and a member may leave", async () => {
    const solo = await createBoard(server.url, owner, "Solo");
    await addMember(server.url, solo, owner, stranger, "viewer");
    const demote = await api(server.url, `/api/boards/${solo}/members/${owner.id}`, {
      method: "PATCH",
      body: { role: "editor" },
      cookie: owner.cookie,
    });
    expect(demote.status).toBe(409);
    expect(((await demote.json()) as { error: { code: string } }).error.code).toBe("last_owner");
    expect(await status(owner, `/api/boards/${solo}/members/${owner.id}`, "DELETE")).toBe(409);
    expect(await status(stranger, `/api/boards/${solo}/members/${stranger.id}`, "DELETE")).toBe(204);
    expect(await status(stranger, `/api/boards/${solo}`)).toBe(403);
  });

  it("validates input: unknown template, bad role, bad expiry", async () => {
    expect(await status(owner, "/api/boards", "POST", { title: "T", template: "nope" })).toBe(400);
    expect(await status(owner, `/api/boards/${boardId}/invites`, "POST", { role: "admin" })).toBe(400);
    expect(
      await status(owner, `/api/boards/${boardId}/invites`, "POST", { role: "viewer", expiresInHours: 721 }),
    ).toBe(400);
  });
});

describe("invitations", () => {
  async function invite(role: string, expiresInHours?: number) {
    const response = await api(server.url, `/api/boards/${boardId}/invites`, {
      body: { role, ...(expiresInHours ? { expiresInHours } : {}) },
      cookie: owner.cookie,
    });
    expect(response.status).toBe(201);
    return (await response.json()) as {
      id: string;
      token: string;
      url: string;
      role: string;
      expiresAt: number;
    };
  }

  it("creates a 7-day link whose token is stored only as a SHA-256 hash", async () => {
    const created = await invite("editor");
    expect(created.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.url).toBe(`/invite/${created.token}`);
    expect(created.expiresAt - Date.now()).toBeGreaterThan(7 * 24 * 3_600_000 - 60_000);
    const rows = sql<Record<string, unknown>>("SELECT * FROM board_invites WHERE id = ?", created.id);
    expect(JSON.stringify(rows)).not.toContain(created.token);
    const listed = (await (
      await api(server.url, `/api/boards/${boardId}/invites`, { cookie: owner.cookie })
    ).json()) as Array<Record<string, unknown>>;
    expect(JSON.stringify(listed)).not.toContain(created.token);
  });

  it("previews and accepts; an existing member keeps the higher role", async () => {
    const created = await invite("viewer", 1);
    const newcomer = await signUp(server.url, "Nina Newcomer");
    const preview = await api(server.url, `/api/invites/${created.token}`, { cookie: newcomer.cookie });
    expect(await preview.json()).toMatchObject({
      boardId,
      role: "viewer",
      invitedBy: "Olivia Owner",
      boardTitle: expect.any(String),
    });
    const accepted = await api(server.url, `/api/invites/${created.token}/accept`, {
      method: "POST",
      cookie: newcomer.cookie,
    });
    expect(await accepted.json()).toEqual({ boardId, role: "viewer" });
    const again = await api(server.url, `/api/invites/${created.token}/accept`, {
      method: "POST",
      cookie: editor.cookie,
    });
    expect(await again.json()).toEqual({ boardId, role: "editor" });
  });

  it("answers 404 for an unknown or revoked token and 410 for an expired one", async () => {
    expect(await status(stranger, `/api/invites/${"x".repeat(43)}/accept`, "POST")).toBe(404);
    expect(await status(stranger, "/api/invites/short/accept", "POST")).toBe(404);
    const revoked = await invite("owner");
    expect(await status(editor, `/api/boards/${boardId}/invites/${revoked.id}`, "DELETE")).toBe(403);
    expect(await status(owner, `/api/boards/${boardId}/invites/${revoked.id}`, "DELETE")).toBe(204);
    expect(await status(stranger, `/api/invites/${revoked.token}/accept`, "POST")).toBe(404);
    expect(await status(stranger, `/api/invites/${revoked.token}`)).toBe(404);

    const expired = await invite("owner");
    const db = new Database(join(data.dir, "converge.db"));
    db.prepare("UPDATE board_invites SET expires_at = ? WHERE id = ?").run(Date.now() - 1, expired.id);
    db.close();
    expect(await status(stranger, `/api/invites/${expired.token}`)).toBe(410);
    expect(await status(stranger, `/api/invites/${expired.token}/accept`, "POST")).toBe(410);
    expect(await status(stranger, `/api/boards/${boardId}`)).toBe(403);
  });
});

describe("deleting a board", () => {
  it("removes the record, members, invitations and stored document", async () => {
    const doomed = await createBoard(server.url, owner, "Doomed");
    await addMember(server.url, doomed, owner, editor, "editor");
    expect(await status(owner, `/api/boards/${doomed}`, "DELETE")).toBe(204);
    expect(await status(owner, `/api/boards/${doomed}`)).toBe(404);
    expect(await status(owner, `/api/boards/${doomed}`, "DELETE")).toBe(404);
    for (const table of ["boards", "board_members", "board_invites", "board_updates", "board_snapshots"]) {
      const column = table === "boards" ? "id" : "board_id";
      expect(sql(`SELECT 1 FROM ${table} WHERE ${column} = ?`, doomed)).toEqual([]);
    }
  });
});
