import { once } from "node:events";
import { join } from "node:path";
import * as prng from "lib0/prng";
import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { type ChildServer, spawnChildServer } from "./reliability/childServer";
import { scaled } from "./reliability/soak";
import { openSqlite, SqliteDocStore } from "./store";
import { connectClient, createBoard, signUp, type TestClient, tempDataDir } from "./testServer";

const ROUNDS = scaled(3, 30);
const data = tempDataDir();
const children: ChildServer[] = [];
/** The process the kill rounds leave running, reused by the SIGTERM test (each start-up costs seconds here). */
let survivor: ChildServer | undefined;

afterAll(() => {
  for (const { child } of children)
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  data.remove();
});

async function spawn(): Promise<ChildServer> {
  const server = await spawnChildServer(data.dir);
  children.push(server);
  return server;
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

describe("crash durability", () => {
  it(
    `soak: ${ROUNDS} rounds of kill -9 at a random moment while a client edits steadily: after each restart, everything another client had seen is there`,
    async () => {
      const gen = prng.create(Number(process.env.CRASH_SEED ?? 7));
      let server = await spawn();
      const owner = await signUp(server.url, "Crash owner");
      const boardId = await createBoard(server.url, owner, "Crashing");
      const seen = new Set<string>();
      let written = 0;
      for (let round = 0; round < ROUNDS; round++) {
        const writer: TestClient = connectClient(server.url, boardId, owner);
        const observer: TestClient = connectClient(server.url, boardId, owner);
        await Promise.all([writer.synced, observer.synced]);
        // The observer's view: a key counts as seen the moment it arrives from the server.
        observer.doc.getMap("cards").observe((event) => {
          for (const key of event.keysChanged) seen.add(key);
        });
        const ticker = setInterval(() => {
          writer.doc.getMap("cards").set(`r${round}-w${++written}`, written);
        }, 10);
        await new Promise((resolve) => setTimeout(resolve, prng.int31(gen, 150, 900)));
        server.child.kill("SIGKILL");
        await once(server.child, "exit");
        clearInterval(ticker);
        writer.destroy();
        observer.destroy();

        server = await spawn();
        const fresh = connectClient(server.url, boardId, owner);
        await fresh.synced;
        const cards = fresh.doc.getMap("cards");
        const missing = [...seen].filter((key) => !cards.has(key));
        fresh.destroy();
        expect(missing, `round ${round}: seen by a client but lost`).toEqual([]);
      }
      expect(seen.size).toBeGreaterThan(0);
      console.info(
        `${ROUNDS} kill -9 rounds: ${written} edits sent, ${seen.size} seen by another client, none lost`,
      );
      survivor = server;
    },
    scaled(120_000, 1_800_000),
  );

  it("SIGTERM with a burst of updates in flight stores every one and exits 0 within 5 s", async () => {
    const server = survivor ?? (await spawn());
    const owner = await signUp(server.url, "Graceful owner");
    const boardId = await createBoard(server.url, owner, "Graceful burst");
    const a = connectClient(server.url, boardId, owner);
    await a.synced;
    for (let i = 0; i < 200; i++) a.doc.getMap("cards").set(`burst-${i}`, i);
    // Long enough for the frames to reach the server, not for all of them to be stored.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const started = performance.now();
    server.child.kill("SIGTERM");
    const [code] = await once(server.child, "exit");
    const ms = performance.now() - started;
    a.destroy();
    console.info(`SIGTERM to exit: ${Math.round(ms)} ms`);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(5_000);
    const stored = await storedCards(boardId);
    expect(Object.keys(stored).filter((key) => key.startsWith("burst-"))).toHaveLength(200);
  }, 60_000);
});
