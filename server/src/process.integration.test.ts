import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { TEST_REDIS_URL, testRedisPrefix } from "./fanout/testRedis";
import { openSqlite, SqliteDocStore } from "./store";
import { createTestDatabase, type TestDatabase } from "./store/pg/testDatabase";
import { connectClient, createBoard, signUp, tempDataDir, waitFor } from "./testServer";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const data = tempDataDir();
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  data.remove();
});

interface SpawnedServer {
  child: ChildProcess;
  url: string;
  startupMs: number;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
}

/**
 * Spawns the server as a real process (`main.ts` under tsx by default, or a built bundle's `main.js`) and resolves
 * with its URL once it logs that it listens.
 */
async function spawnServer(
  options: { entry?: string[]; env?: Record<string, string> } = {},
): Promise<SpawnedServer> {
  const started = performance.now();
  const child = spawn(process.execPath, options.entry ?? ["--import", "tsx", "server/src/main.ts"], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      DATA_DIR: data.dir,
      LOG_LEVEL: "info",
      ...options.env,
    },
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
      reject(new Error(`server exited with ${code} before listening:\n${output}`)),
    );
  });
  return { child, url, startupMs: performance.now() - started, output: () => output };
}

/** The cards a board's stored updates add up to, read from the SQLite file in `dataDir`. */
async function storedCards(boardId: string, dataDir = data.dir): Promise<Record<string, unknown>> {
  const db = openSqlite(join(dataDir, "converge.db"));
  try {
    const doc = new Y.Doc();
    for (const update of (await new SqliteDocStore(db).load(boardId)).updates) Y.applyUpdate(doc, update);
    return doc.getMap("cards").toJSON();
  } finally {
    db.close();
  }
}

/** Signs up on `urlA`, creates a board there and connects one client to it on `urlA` and one on `urlB`, both synced. */
async function twoClientsOnNewBoard(urlA: string, urlB: string, who: string, title: string) {
  const owner = await signUp(urlA, who);
  const boardId = await createBoard(urlA, owner, title);
  const a = connectClient(urlA, boardId, owner);
  const b = connectClient(urlB, boardId, owner);
  await Promise.all([a.synced, b.synced]);
  return { owner, boardId, a, b };
}

describe("the server process", () => {
  it("loses nothing a client has seen when killed with SIGKILL", async () => {
    const first = await spawnServer();
    console.info(`cold start of main.ts to listening: ${Math.round(first.startupMs)} ms`);
    const { owner, boardId, a, b } = await twoClientsOnNewBoard(
      first.url,
      first.url,
      "Crash tester",
      "Crash test",
    );
    const sent = performance.now();
    a.doc.getMap("cards").set("seen", "by b");
    await waitFor(() => b.doc.getMap("cards").get("seen") === "by b", 5_000, "b sees a's write");
    console.info(`second client saw the update after ${(performance.now() - sent).toFixed(1)} ms`);
    first.child.kill("SIGKILL");
    await once(first.child, "exit");
    a.destroy();
    b.destroy();

    const second = await spawnServer();
    // The session survived the crash too: it lives in the same SQLite file.
    const fresh = connectClient(second.url, boardId, owner);
    await fresh.synced;
    await waitFor(
      () => fresh.doc.getMap("cards").get("seen") === "by b",
      5_000,
      "fresh client after restart",
    );
    expect(fresh.doc.getMap("meta").get("title")).toBe("Crash test");
    fresh.destroy();
    second.child.kill("SIGKILL");
    await once(second.child, "exit");
  });

  it("exits 0 on SIGTERM with the last update on disk", async () => {
    const { child, url } = await spawnServer();
    const owner = await signUp(url, "Graceful tester");
    const boardId = await createBoard(url, owner, "Graceful");
    const a = connectClient(url, boardId, owner);
    await a.synced;
    a.doc.getMap("cards").set("last", "written just before SIGTERM");
    // Give the frame time to reach the server, not to be stored: the shutdown flush must store it.
    await new Promise((resolve) => setTimeout(resolve, 30));
    child.kill("SIGTERM");
    const [code] = await once(child, "exit");
    a.destroy();
    expect(code).toBe(0);
    expect(await storedCards(boardId)).toEqual({ last: "written just before SIGTERM" });
  });
});

describe("the built bundle (what `pnpm start` runs)", () => {
  // Built beside server/src so its runtime imports (better-sqlite3, argon2, the zxcvbn dictionaries) resolve from
  // server/node_modules exactly as dist/ does.
  const outdir = join(REPO_ROOT, "server", ".tmp", `bundle-${process.pid}`);
  const entry = [join(outdir, "main.js")];
  let database: TestDatabase | undefined;

  beforeAll(() => {
    execFileSync(process.execPath, ["server/scripts/build.mjs", outdir], { cwd: REPO_ROOT, stdio: "pipe" });
  });
  afterAll(async () => {
    await database?.drop();
    rmSync(outdir, { recursive: true, force: true });
  });

  it("serves a board on SQLite: sign-up (password check), a board, two clients in sync, SIGTERM stores the rest", async () => {
    const bundleData = tempDataDir();
    try {
      const server = await spawnServer({ entry, env: { DATA_DIR: bundleData.dir } });
      console.info(`cold start of the bundle to listening: ${Math.round(server.startupMs)} ms`);
      const { boardId, a, b } = await twoClientsOnNewBoard(
        server.url,
        server.url,
        "Bundle tester",
        "From the bundle",
      );
      expect(b.doc.getMap("meta").get("title")).toBe("From the bundle");
      a.doc.getMap("cards").set("card", "written through the bundle");
      await waitFor(() => b.doc.getMap("cards").get("card") !== undefined, 5_000, "b sees a's write");
      server.child.kill("SIGTERM");
      const [code] = await once(server.child, "exit");
      a.destroy();
      b.destroy();
      expect(code).toBe(0);
      // One copy of Yjs in the bundle: two would break every `instanceof` check between the server and shared code.
      expect(server.output()).not.toContain("Yjs was already imported");
      expect(await storedCards(boardId, bundleData.dir)).toEqual({ card: "written through the bundle" });
    } finally {
      bundleData.remove();
    }
  });

  it("runs as two instances on PostgreSQL and Redis (the chunks it loads only then): an edit on A reaches B", async () => {
    database = await createTestDatabase();
    const env = { DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: testRedisPrefix() };
    const [a, b] = await Promise.all([spawnServer({ entry, env }), spawnServer({ entry, env })]);
    const { a: onA, b: onB } = await twoClientsOnNewBoard(a.url, b.url, "Two-instance tester", "Shared");
    expect(onB.doc.getMap("meta").get("title")).toBe("Shared");
    onA.doc.getMap("cards").set("card", "from A");
    await waitFor(
      () => onB.doc.getMap("cards").get("card") === "from A",
      5_000,
      "B sees A's edit over Redis",
    );
    onA.destroy();
    onB.destroy();
    a.child.kill("SIGTERM");
    b.child.kill("SIGTERM");
    const codes = await Promise.all([once(a.child, "exit"), once(b.child, "exit")]);
    expect(codes.map(([code]) => code)).toEqual([0, 0]);
  });
});
