import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { FanoutBus } from "./fanout/FanoutBus";
import { LossyFanoutBus } from "./fanout/LossyFanoutBus";
import { RedisFanoutBus } from "./fanout/RedisFanoutBus";
import { TEST_REDIS_URL, testRedisPrefix } from "./fanout/testRedis";
import { createLogger } from "./logger";
import { CloseCode } from "./protocol";
import type { RunningServer, ServerDeps } from "./server";
import { PgDocStore } from "./store";
import { createTestDatabase, type TestDatabase } from "./store/pg/testDatabase";
import {
  api,
  connectClient,
  createBoard,
  signUp,
  startTestServer,
  type TestClient,
  type TestUser,
  tempDataDir,
  waitFor,
} from "./testServer";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const data = tempDataDir();
const prefix = testRedisPrefix();
let database: TestDatabase;
let env: Record<string, string>;
const servers: RunningServer[] = [];
const clients: TestClient[] = [];
const children: ChildProcess[] = [];
const buses: FanoutBus[] = [];

async function instance(deps?: ServerDeps): Promise<RunningServer> {
  const server = await startTestServer(data.dir, env, deps ? { deps } : {});
  servers.push(server);
  return server;
}

function client(server: { url: string }, boardId: string, user: TestUser): TestClient {
  const created = connectClient(server.url, boardId, user);
  clients.push(created);
  return created;
}

/** Spawns `main.ts` as a real process on the shared database and Redis; resolves with its URL once it listens. */
async function spawnInstance(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/src/main.ts"], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, PORT: "0", HOST: "127.0.0.1", DATA_DIR: data.dir, LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const match = /"url":"(http:[^"]+)".*"msg":"listening"/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    child.once("exit", (code) =>
      reject(new Error(`instance exited with ${code} before listening:\n${output}`)),
    );
  });
  return { child, url };
}

async function storedCards(boardId: string): Promise<Record<string, unknown>> {
  const doc = new Y.Doc();
  for (const update of (await new PgDocStore(database.pool).load(boardId)).updates)
    Y.applyUpdate(doc, update);
  return doc.getMap("cards").toJSON();
}

beforeAll(async () => {
  database = await createTestDatabase();
  env = {
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: prefix,
    // Small, so compactions run on several instances during the test.
    COMPACT_AFTER_UPDATES: "8",
  };
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  await Promise.all(servers.map((server) => server.close()));
  await Promise.all(buses.map((bus) => bus.close()));
  await database?.drop();
  data.remove();
});

describe("several instances on one PostgreSQL and one Redis", () => {
  let a: RunningServer;
  let b: RunningServer;
  let owner: TestUser;

  beforeAll(async () => {
    [a, b] = await Promise.all([instance(), instance()]);
    owner = await signUp(a.url, "Scale Owner");
  });

  it("a session started on A is valid on B, and signing out on B ends it on A and closes its socket there", async () => {
    const user = await signUp(a.url, "Session hopper");
    expect((await api(b.url, "/api/me", { cookie: user.cookie })).status).toBe(200);
    const boardId = await createBoard(b.url, user, "Hopper's board");
    const onA = client(a, boardId, user);
    await onA.synced;

    const signedOut = performance.now();
    expect((await api(b.url, "/api/auth/logout", { method: "POST", cookie: user.cookie })).status).toBe(204);
    await waitFor(() => onA.closes.includes(CloseCode.unauthenticated), 5_000, "socket on A closed");
    console.info(
      `sign-out on B closed the socket on A after ${Math.round(performance.now() - signedOut)} ms`,
    );
    onA.provider.disconnect();
    expect((await api(a.url, "/api/me", { cookie: user.cookie })).status).toBe(401);
  });

  it("clients on different instances edit one board and converge; the store ends equal to them", async () => {
    const boardId = await createBoard(a.url, owner, "Across instances");
    expect((await api(b.url, `/api/boards/${boardId}`, { cookie: owner.cookie })).status).toBe(200);
    const onA = client(a, boardId, owner);
    const onB = client(b, boardId, owner);
    await Promise.all([onA.synced, onB.synced]);
    expect(onB.doc.getMap("meta").get("title")).toBe("Across instances");

    const latencies: number[] = [];
    for (let i = 0; i < 20; i++) {
      const [writer, reader] = i % 2 === 0 ? [onA, onB] : [onB, onA];
      const sent = performance.now();
      writer.doc.getMap("cards").set(`c${i}`, `edit ${i}`);
      await waitFor(() => reader.doc.getMap("cards").get(`c${i}`) === `edit ${i}`, 10_000, `edit ${i}`);
      latencies.push(performance.now() - sent);
    }
    // Concurrent edits on both sides at once.
    for (let i = 0; i < 10; i++) {
      onA.doc.getMap("cards").set(`a${i}`, "from A");
      onB.doc.getMap("cards").set(`b${i}`, "from B");
    }
    await waitFor(
      () => onA.doc.getMap("cards").size === 40 && onB.doc.getMap("cards").size === 40,
      10_000,
      "concurrent edits converge",
    );
    expect(onA.doc.getMap("cards").toJSON()).toEqual(onB.doc.getMap("cards").toJSON());
    latencies.sort((x, y) => x - y);
    console.info(
      `cross-instance latency over ${latencies.length} edits: median ${latencies[10]?.toFixed(1)} ms, ` +
        `max ${latencies.at(-1)?.toFixed(1)} ms`,
    );
    // Everything both saw is stored (compaction ran on both instances meanwhile).
    const stored = await storedCards(boardId);
    expect(stored).toEqual(onA.doc.getMap("cards").toJSON());
    const { rows } = await database.pool.query<{ n: number }>(
      "SELECT count(*) AS n FROM board_snapshots WHERE board_id = $1",
      [boardId],
    );
    expect(rows[0]?.n).toBe(1);
  });

  it("presence crosses instances, stamped with the real user, and leaves when the socket closes", async () => {
    const boardId = await createBoard(a.url, owner, "Presence");
    const watcher = await signUp(a.url, "Watcher");
    const invite = await api(a.url, `/api/boards/${boardId}/invites`, {
      body: { role: "viewer" },
      cookie: owner.cookie,
    });
    const { token } = (await invite.json()) as { token: string };
    await api(b.url, `/api/invites/${token}/accept`, { method: "POST", cookie: watcher.cookie });
    const onA = client(a, boardId, owner);
    const onB = client(b, boardId, watcher);
    await Promise.all([onA.synced, onB.synced]);

    onA.provider.awareness.setLocalStateField("user", { id: "forged", name: "Not me", color: "#336699" });
    const ownerClient = onA.doc.clientID;
    await waitFor(() => onB.provider.awareness.getStates().has(ownerClient), 10_000, "presence on B");
    expect(onB.provider.awareness.getStates().get(ownerClient)).toMatchObject({
      user: { id: owner.id, name: owner.name, color: "#336699" },
    });

    onA.provider.disconnect();
    await waitFor(() => !onB.provider.awareness.getStates().has(ownerClient), 10_000, "presence gone on B");
  });

  it("a dropped pub/sub message heals within 15 s through the real state exchange and PostgreSQL", async () => {
    const dropping = new LossyFanoutBus(
      new RedisFanoutBus({ url: TEST_REDIS_URL, prefix, logger: createLogger({ logLevel: "silent" }) }),
    );
    buses.push(dropping);
    const c = await instance({ fanout: dropping });
    const boardId = await createBoard(a.url, owner, "Lossy");
    const onA = client(a, boardId, owner);
    const onC = client(c, boardId, owner);
    await Promise.all([onA.synced, onC.synced]);
    onC.doc.getMap("cards").set("warm", "up");
    await waitFor(() => onA.doc.getMap("cards").get("warm") === "up", 10_000, "warm-up edit");

    dropping.dropNextUpdate = true;
    const sent = performance.now();
    onC.doc.getMap("cards").set("lost", "in transit");
    await waitFor(() => onA.doc.getMap("cards").get("lost") === "in transit", 15_000, "gap repair");
    console.info(
      `a dropped update reached the other instance after ${Math.round(performance.now() - sent)} ms`,
    );
    expect(dropping.dropNextUpdate).toBe(false);
  }, 25_000);

  it("an instance killed with SIGKILL loses nothing a client saw", async () => {
    const doomed = await spawnInstance();
    const boardId = await createBoard(doomed.url, owner, "Doomed");
    const onDoomed = client(doomed, boardId, owner);
    const onA = client(a, boardId, owner);
    await Promise.all([onDoomed.synced, onA.synced]);
    for (let i = 0; i < 10; i++) onDoomed.doc.getMap("cards").set(`d${i}`, "written on the doomed instance");
    onA.doc.getMap("cards").set("fromA", "seen by the doomed instance's client");
    await waitFor(
      () => onA.doc.getMap("cards").size === 11 && onDoomed.doc.getMap("cards").size === 11,
      10_000,
      "both clients saw everything",
    );
    const seen = onA.doc.getMap("cards").toJSON();
    doomed.child.kill("SIGKILL");
    await once(doomed.child, "exit");
    onDoomed.destroy();

    const fresh = client(b, boardId, owner);
    await fresh.synced;
    await waitFor(() => fresh.doc.getMap("cards").size === 11, 10_000, "fresh client on B");
    expect(fresh.doc.getMap("cards").toJSON()).toEqual(seen);
    expect(await storedCards(boardId)).toEqual(seen);
  }, 30_000);
});
