import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { openSqlite, SqliteDocStore } from "./store";
import { connectClient, createBoard, signUp, tempDataDir, waitFor } from "./testServer";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const data = tempDataDir();
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  data.remove();
});

/** Spawns `main.ts` as a real process and resolves with its URL once it logs that it listens. */
async function spawnServer(): Promise<{ child: ChildProcess; url: string; startupMs: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "server/src/main.ts"], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATA_DIR: data.dir, LOG_LEVEL: "info" },
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
  return { child, url, startupMs: performance.now() - started };
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

describe("the server process", () => {
  it("loses nothing a client has seen when killed with SIGKILL", async () => {
    const first = await spawnServer();
    console.info(`cold start of main.ts to listening: ${Math.round(first.startupMs)} ms`);
    const owner = await signUp(first.url, "Crash tester");
    const boardId = await createBoard(first.url, owner, "Crash test");
    const a = connectClient(first.url, boardId, owner);
    const b = connectClient(first.url, boardId, owner);
    await Promise.all([a.synced, b.synced]);
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
