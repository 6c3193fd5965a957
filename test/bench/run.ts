import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

// `pnpm bench`: figures for the foundation — server cold start, and how long an update takes from
// one stock y-websocket client to another through the server (persisted before it is relayed).

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const UPDATES = Number(process.env.BENCH_UPDATES ?? 300);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

async function startServer(
  dataDir: string,
): Promise<{ child: ChildProcess; origin: string; coldStartMs: number }> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "server/src/main.ts"], {
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      ALLOWED_ORIGINS: origin,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (;;) {
    try {
      const response = await fetch(`${origin}/api/health`);
      if (response.ok) break;
    } catch {
      // Not listening yet: poll again.
    }
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return { child, origin, coldStartMs: performance.now() - started };
}

function connect(origin: string, boardId: string): Promise<{ doc: Y.Doc; provider: WebsocketProvider }> {
  const doc = new Y.Doc();
  class OriginWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { origin } });
    }
  }
  const provider = new WebsocketProvider(`${origin.replace("http", "ws")}/ws`, boardId, doc, {
    WebSocketPolyfill: OriginWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  return new Promise((resolve) => provider.once("sync", () => resolve({ doc, provider })));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

async function round(): Promise<{ coldStartMs: number; p50: number; p99: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), "converge-bench-"));
  const { child, origin, coldStartMs } = await startServer(dataDir);
  try {
    const created = await fetch(`${origin}/api/boards`, {
      method: "POST",
      headers: { "content-type": "application/json", origin },
      body: JSON.stringify({ title: "Bench" }),
    });
    const { id } = (await created.json()) as { id: string };
    const writer = await connect(origin, id);
    const reader = await connect(origin, id);
    const latencies: number[] = [];
    const counter = writer.doc.getMap<number>("bench");
    for (let i = 0; i < UPDATES; i++) {
      const seen = new Promise<void>((resolve) => {
        const onUpdate = () => {
          if (reader.doc.getMap<number>("bench").get("n") === i) {
            reader.doc.off("update", onUpdate);
            resolve();
          }
        };
        reader.doc.on("update", onUpdate);
      });
      const sent = performance.now();
      counter.set("n", i);
      await seen;
      latencies.push(performance.now() - sent);
    }
    writer.provider.destroy();
    reader.provider.destroy();
    latencies.sort((a, b) => a - b);
    return { coldStartMs, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const results = [];
for (let i = 0; i < ROUNDS; i++) results.push(await round());
const fmt = (n: number) => n.toFixed(2);
console.log(
  `machine: ${process.platform} ${process.arch}, node ${process.version}; ${ROUNDS} rounds × ${UPDATES} updates`,
);
console.log("| figure | median of rounds |");
console.log("|---|---|");
console.log(
  `| server cold start (spawn → /api/health answers) | ${fmt(median(results.map((r) => r.coldStartMs)))} ms |`,
);
console.log(`| update seen by a second client, p50 | ${fmt(median(results.map((r) => r.p50)))} ms |`);
console.log(`| update seen by a second client, p99 | ${fmt(median(results.map((r) => r.p99)))} ms |`);
