import { readdirSync, readFileSync, statSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createCard, readBoard } from "@converge/shared";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import {
  AuthType,
  CloseCode,
  encodeAwareness,
  encodeSyncStep2,
  encodeSyncUpdate,
  MessageType,
} from "./protocol";
import type { RunningServer } from "./server";
import type { SessionStore } from "./store";
import { openStores } from "./store/openStores";
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
  testConfig,
  upgradeStatus,
  waitFor,
} from "./testServer";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const data = tempDataDir();
let server: RunningServer;
let closeStores: () => Promise<void>;
/** Session-store reads, to prove a cookie-less upgrade costs no lookup. */
let sessionReads = 0;
let owner: TestUser;
let editor: TestUser;
let viewer: TestUser;
let stranger: TestUser;
let boardId: string;
let otherBoardId: string;
const clients: TestClient[] = [];

beforeAll(async () => {
  const opened = await openStores(testConfig(data.dir));
  closeStores = opened.close;
  const inner = opened.stores.sessions;
  const sessions: SessionStore = {
    create: (session) => inner.create(session),
    get: (key) => {
      sessionReads++;
      return inner.get(key);
    },
    listByUser: (userId) => inner.listByUser(userId),
    setExpiry: (key, expiresAt) => inner.setExpiry(key, expiresAt),
    remove: (key) => inner.remove(key),
    removeByUser: (userId) => inner.removeByUser(userId),
    removeExpired: (now) => inner.removeExpired(now),
  };
  server = await startTestServer(data.dir, {}, { deps: { stores: { ...opened.stores, sessions } } });
  [owner, editor, viewer, stranger] = await Promise.all([
    signUp(server.url, "Olivia Owner"),
    signUp(server.url, "Eddie Editor"),
    signUp(server.url, "Vic Viewer"),
    signUp(server.url, "Stan Stranger"),
  ]);
  boardId = await createBoard(server.url, owner, "Attacked");
  otherBoardId = await createBoard(server.url, stranger, "Someone else's");
  await addMember(server.url, boardId, owner, editor, "editor");
  await addMember(server.url, boardId, owner, viewer, "viewer");
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.close();
  await closeStores?.();
  data.remove();
});

function client(user: TestUser, board = boardId, doc?: Y.Doc): TestClient {
  const created = connectClient(server.url, board, user, doc);
  clients.push(created);
  return created;
}

/** The board's cards map as the owner's fresh client sees it (what the server kept). */
async function serverCards(board = boardId): Promise<Record<string, unknown>> {
  const fresh = client(owner, board);
  await fresh.synced;
  const cards = fresh.doc.getMap("cards").toJSON();
  fresh.destroy();
  return cards;
}

/** The status of a GET with exactly this request path (no client-side normalisation), as the owner from our Origin. */
function rawStatus(path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${server.url}/`, {
      path,
      headers: { ...headers, cookie: owner.cookie, origin: server.url },
    });
    request.on("response", (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on("upgrade", (_response, socket) => {
      socket.destroy();
      resolve(101);
    });
    request.on("error", reject);
    request.end();
  });
}

/** One update of a document nobody shares: a card the attacker tries to add. */
function forgedCardUpdate(key: string): Uint8Array {
  const doc = new Y.Doc();
  let update: Uint8Array = new Uint8Array();
  doc.on("update", (u: Uint8Array) => {
    update = u;
  });
  doc.getMap("cards").set(key, "forged");
  return update;
}

describe("attack checklist: each rule of the accounts issue, tried from outside", () => {
  it("1. cross-site WebSocket hijacking: a foreign, opaque or missing Origin cannot open a socket (403)", async () => {
    for (const origin of ["https://evil.example", "null", `${server.url}.evil.example`]) {
      const answer = await upgradeStatus(server.url, `/ws/${boardId}`, { origin, cookie: owner.cookie });
      expect(answer.status, origin).toBe(403);
    }
    expect((await upgradeStatus(server.url, `/ws/${boardId}`, { cookie: owner.cookie })).status).toBe(403);
  });

  it("2. CSRF: a state-changing request from another Origin, or none, is refused (403) and changes nothing", async () => {
    for (const origin of ["https://evil.example", null]) {
      const rename = await api(server.url, `/api/boards/${boardId}`, {
        method: "PATCH",
        body: { title: "Pwned" },
        cookie: owner.cookie,
        origin,
      });
      expect(rename.status, String(origin)).toBe(403);
      const invite = await api(server.url, `/api/boards/${boardId}/invites`, {
        body: { role: "owner" },
        cookie: owner.cookie,
        origin,
      });
      expect(invite.status).toBe(403);
    }
    const board = (await (
      await api(server.url, `/api/boards/${boardId}`, { cookie: owner.cookie })
    ).json()) as {
      title: string;
    };
    expect(board.title).toBe("Attacked");
  });

  it("3. session theft from a database copy: the stored value opens nothing, on REST or socket", async () => {
    const db = new Database(join(data.dir, "converge.db"), { readonly: true });
    const rows = db.prepare("SELECT * FROM sessions WHERE user_id = ?").all(owner.id) as Array<
      Record<string, unknown>
    >;
    db.close();
    const stolen = rows.flatMap((row) =>
      Object.values(row).filter((value): value is string => typeof value === "string"),
    );
    expect(stolen.length).toBeGreaterThan(0);
    const token = owner.cookie.split("=")[1] as string;
    expect(stolen).not.toContain(token);
    for (const value of stolen) {
      const cookie = `converge_session=${value}`;
      expect((await api(server.url, "/api/me", { cookie })).status).toBe(401);
      expect((await upgradeStatus(server.url, `/ws/${boardId}`, { origin: server.url, cookie })).status).toBe(
        401,
      );
    }
  });

  it("4a. a viewer's live update is dropped, answered with permission denied, and repeats close 4403", async () => {
    const before = await serverCards();
    const socket = rawSocket(server.url, boardId, viewer);
    await socket.ready;
    for (let i = 0; i < 3; i++) socket.ws.send(encodeSyncUpdate(forgedCardUpdate(`viewer-${i}`)));
    const closed = await socket.closed;
    expect(closed.code).toBe(CloseCode.notAllowed);
    expect(socket.frames.some((f) => f[0] === MessageType.auth && f[1] === AuthType.permissionDenied)).toBe(
      true,
    );
    expect(await serverCards()).toEqual(before);
  });

  it("4b. a viewer's write smuggled in sync step 2 is dropped and answered with permission denied", async () => {
    const before = await serverCards();
    const socket = rawSocket(server.url, boardId, viewer);
    await socket.ready;
    socket.ws.send(encodeSyncStep2(forgedCardUpdate("viewer-step2")));
    await waitFor(
      () => socket.frames.some((f) => f[0] === MessageType.auth && f[1] === AuthType.permissionDenied),
      15_000,
      "denied",
    );
    socket.ws.close();
    expect(await serverCards()).toEqual(before);
  });

  it("5. presence impersonation: a claimed identity is replaced by the socket's real user", async () => {
    const watcher = client(owner);
    await watcher.synced;
    const socket = rawSocket(server.url, boardId, editor);
    await socket.ready;
    const fake = new awarenessProtocol.Awareness(new Y.Doc());
    fake.setLocalState({ user: { id: owner.id, name: "Olivia Owner", color: "#00ff00" } });
    socket.ws.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(fake, [fake.clientID])));
    const seen = () =>
      watcher.provider.awareness.getStates().get(fake.clientID) as
        | { user?: { id: string; name: string } }
        | undefined;
    await waitFor(() => seen()?.user !== undefined, 15_000, "presence");
    expect(seen()?.user).toMatchObject({ id: editor.id, name: "Eddie Editor" });
    socket.ws.close();
    fake.destroy();
  });

  it("6. cross-board access: a member of one board reaches no other board (socket, REST, export, import, invites)", async () => {
    expect(
      (await upgradeStatus(server.url, `/ws/${otherBoardId}`, { origin: server.url, cookie: owner.cookie }))
        .status,
    ).toBe(403);
    for (const path of [
      `/api/boards/${otherBoardId}`,
      `/api/boards/${otherBoardId}/members`,
      `/api/boards/${otherBoardId}/export?format=json`,
    ]) {
      const status = (await api(server.url, path, { cookie: owner.cookie })).status;
      expect([403, 404], path).toContain(status);
    }
    const writes = [
      api(server.url, `/api/boards/${otherBoardId}`, {
        method: "PATCH",
        body: { title: "x" },
        cookie: owner.cookie,
      }),
      api(server.url, `/api/boards/${otherBoardId}/invites`, {
        body: { role: "owner" },
        cookie: owner.cookie,
      }),
      api(server.url, `/api/boards/${otherBoardId}`, { method: "DELETE", cookie: owner.cookie }),
    ];
    for (const response of await Promise.all(writes)) expect([403, 404]).toContain(response.status);
    expect((await api(server.url, `/api/boards/${otherBoardId}`, { cookie: stranger.cookie })).status).toBe(
      200,
    );
  });

  it("7. path tricks in board ids (dot segments, encoded slashes, NUL, unicode look-alikes, overlong) never open a socket or load a room", async () => {
    const { rooms, connections } = server.stats();
    const tricks = [
      "..%2F..%2Fapi%2Fme",
      "%2e%2e",
      `${boardId}%2F..%2F${otherBoardId}`,
      `${boardId}%00`,
      "%EF%BC%A2oard", // fullwidth B
      "b%CC%81oard", // combining accent
      "x".repeat(300),
      "%252e%252e%252f",
      `${boardId}%20`,
      "%C0%AE%C0%AE", // overlong UTF-8 dot dot
    ];
    for (const trick of tricks) {
      // Raw request lines: fetch and ws would normalise "%2e%2e" away before the server saw it.
      const upgrade = await rawStatus(`/ws/${trick}`, {
        upgrade: "websocket",
        connection: "Upgrade",
        "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
        "sec-websocket-version": "13",
      });
      // Never a socket. (A dot segment like %2e%2e is resolved by the URL parser before routing: /ws/%2e%2e is the
      // app page, 200, which is no way into anything.)
      expect(upgrade, `upgrade ${trick}`).not.toBe(101);
      expect([200, 400, 404], `upgrade ${trick}`).toContain(upgrade);
      expect([400, 404], `rest ${trick}`).toContain(await rawStatus(`/api/boards/${trick}`, {}));
    }
    expect(server.stats().rooms).toBe(rooms);
    expect(server.stats().connections).toBe(connections);
  });

  it("8. login guessing is throttled per account: 429 with Retry-After, even for the right password afterwards", async () => {
    const target = await signUp(server.url, "Guessed");
    let last: Response | undefined;
    for (let i = 0; i < 8; i++) {
      last = await api(server.url, "/api/auth/login", {
        body: { email: target.email, password: `wrong-${i}-Guess-xx` },
      });
      if (last.status === 429) break;
      expect(last.status).toBe(401);
    }
    expect(last?.status).toBe(429);
    expect(Number(last?.headers.get("retry-after"))).toBeGreaterThan(0);
    const right = await api(server.url, "/api/auth/login", {
      body: { email: target.email, password: TEST_PASSWORD },
    });
    expect(right.status).toBe(429);
  });

  it("9. session revocation: after logout the cookie opens nothing and the open socket is closed (4401)", async () => {
    const login = await api(server.url, "/api/auth/login", {
      body: { email: editor.email, password: TEST_PASSWORD },
    });
    expect(login.status).toBe(200);
    const second: TestUser = { ...editor, cookie: sessionCookie(login) };
    const live = client(second);
    await live.synced;
    expect(
      (await api(server.url, "/api/auth/logout", { method: "POST", cookie: second.cookie })).status,
    ).toBe(204);
    await waitFor(() => live.closes.includes(CloseCode.unauthenticated), 15_000, "socket closed on logout");
    expect((await api(server.url, "/api/me", { cookie: second.cookie })).status).toBe(401);
    expect(
      (await upgradeStatus(server.url, `/ws/${boardId}`, { origin: server.url, cookie: second.cookie }))
        .status,
    ).toBe(401);
    // The editor's other session is untouched.
    expect((await api(server.url, "/api/me", { cookie: editor.cookie })).status).toBe(200);
  });

  it("10. a flood of 300 cookie-less upgrades is refused with 401: no session lookup, no room loaded", async () => {
    const { rooms, connections } = server.stats();
    const reads = sessionReads;
    const started = performance.now();
    const statuses: number[] = [];
    for (let batch = 0; batch < 6; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 50 }, () => upgradeStatus(server.url, `/ws/${boardId}`, { origin: server.url })),
      );
      statuses.push(...answers.map((answer) => answer.status));
    }
    console.info(`300 unauthenticated upgrades refused in ${Math.round(performance.now() - started)} ms`);
    expect(new Set(statuses)).toEqual(new Set([401]));
    expect(sessionReads).toBe(reads);
    expect(server.stats().rooms).toBe(rooms);
    expect(server.stats().connections).toBeLessThanOrEqual(connections);
  });
});

describe("security headers on every page and API response", () => {
  it.each([
    ["the app page", "/"],
    ["a client route (index.html fallback)", "/boards/some-board"],
    ["health", "/api/health"],
    ["an API 401", "/api/me"],
    ["an API 404", "/api/nope"],
    ["a board API", "/api/boards"],
  ])("%s", async (_name, path) => {
    const response = await fetch(`${server.url}${path}`, { headers: { cookie: owner.cookie } });
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'self' ws: wss:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  });

  it("a built asset too, and the page has no inline script the CSP would block", async () => {
    const page = await (await fetch(`${server.url}/`)).text();
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(page)?.[1];
    if (!asset) throw new Error("the built page names no script asset (run vite build)");
    const response = await fetch(`${server.url}${asset}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });
});

describe("card text is data, never markup", () => {
  const payloads = {
    title: `<img src=x onerror="alert('title')">`,
    description: `<script>alert("description")</script><svg onload=alert(1)>`,
  };

  it("an imported board's <img onerror> title and <script> description stay literal text through import and export", async () => {
    const source = client(owner);
    await source.synced;
    const laneId = readBoard(source.doc).lanes[0]?.id;
    if (!laneId) throw new Error("the seeded board has no lane");
    createCard(source.doc, { laneId, title: "placeholder", by: owner.id });
    const exported = (await (
      await api(server.url, `/api/boards/${boardId}/export?format=json`, { cookie: owner.cookie })
    ).json()) as {
      cards: Array<{ title: string; description: string }>;
    };
    for (const card of exported.cards) {
      card.title = payloads.title;
      card.description = payloads.description;
    }
    const target = await createBoard(server.url, owner, "Import target");
    const imported = await api(server.url, `/api/boards/${target}/import?format=json`, {
      body: exported,
      cookie: owner.cookie,
    });
    expect(imported.status).toBeLessThan(300);

    const reader = client(owner, target);
    await reader.synced;
    await waitFor(() => readBoard(reader.doc).cards.size > 0, 15_000, "imported cards");
    for (const card of readBoard(reader.doc).cards.values()) {
      expect(card.title).toBe(payloads.title);
    }
    const again = await api(server.url, `/api/boards/${target}/export?format=json`, { cookie: owner.cookie });
    expect(again.headers.get("content-type")).toContain("application/json");
    const text = await again.text();
    expect(JSON.parse(text).cards[0]).toMatchObject(payloads);
    const csv = await api(server.url, `/api/boards/${target}/export?format=csv`, { cookie: owner.cookie });
    expect(csv.headers.get("content-type") ?? "").not.toContain("html");
    expect(csv.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("the client never renders HTML from data: no dangerouslySetInnerHTML, innerHTML or insertAdjacentHTML in client/src", () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) {
          if (
            /dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write/.test(
              readFileSync(path, "utf8"),
            )
          )
            offenders.push(path);
        }
      }
    };
    walk(join(REPO_ROOT, "client/src"));
    expect(offenders).toEqual([]);
  });
});
