import type WebSocket from "ws";
import * as Y from "yjs";
import { addCards, prng } from "../lib/board";
import { type BenchClient, connect, rawJoin } from "../lib/clients";
import { envNumber, type MetricRow, percentile, sleep } from "../lib/common";
import type { ServerHandle } from "../lib/servers";

export interface JoinStormSize {
  clients: number;
  docBytes: number;
  spreadMs: number;
}

export interface JoinStormResult {
  p50: number;
  p99: number;
  max: number;
  failed: number;
  docBytes: number;
  cpuMs: number;
  peakRssMiB: number;
}

/** Fills a board to about `bytes` through one stock client (batches of 50 cards), and keeps that client connected. */
export async function seedBoard(server: ServerHandle, board: string, bytes: number): Promise<BenchClient> {
  const seeder = connect(server, board);
  seeder.awareness.setLocalState(null);
  await seeder.synced;
  const rand = prng(42);
  while (Y.encodeStateAsUpdate(seeder.doc).byteLength < bytes) {
    seeder.doc.transact(() => addCards(seeder.doc, 50, rand));
    await sleep(5);
  }
  const target = Y.encodeStateAsUpdate(seeder.doc).byteLength;
  // The server has it all when a fresh joiner gets (nearly) as many bytes.
  for (let i = 0; i < 600; i++) {
    try {
      const probe = await rawJoin(server, board, 10_000);
      probe.ws.terminate();
      if (probe.bytes >= target * 0.9) return seeder;
    } catch {
      // retry
    }
    await sleep(100);
  }
  throw new Error("seeded board never reached the server");
}

/** `clients` raw joiners start evenly within `spreadMs`; each measures socket open → whole sync step 2 received. */
export async function joinStorm(server: ServerHandle, size: JoinStormSize): Promise<JoinStormResult> {
  const [board] = (await server.createBoards(1, "Storm")) as [string];
  const seeder = await seedBoard(server, board, size.docBytes);
  const docBytes = Y.encodeStateAsUpdate(seeder.doc).byteLength;
  await sleep(500);
  server.markMeasure();
  const cpu0 = server.cpuMs();
  const timeoutMs = envNumber("BENCH_STORM_TIMEOUT_MS", 60_000);
  const sockets: WebSocket[] = [];
  let failed = 0;
  const joins = await Promise.all(
    Array.from({ length: size.clients }, async (_, i) => {
      await sleep((i * size.spreadMs) / size.clients);
      try {
        const joined = await rawJoin(server, board, timeoutMs);
        sockets.push(joined.ws);
        return joined.ms;
      } catch {
        failed++;
        return Number.NaN;
      }
    }),
  );
  const cpuMs = server.cpuMs() - cpu0;
  const peakRssMiB = server.peakRssMiB();
  for (const ws of sockets) ws.terminate();
  seeder.destroy();
  const ok = joins.filter((ms) => Number.isFinite(ms));
  return {
    p50: percentile(ok, 50),
    p99: percentile(ok, 99),
    max: ok.length ? Math.max(...ok) : Number.NaN,
    failed,
    docBytes,
    cpuMs,
    peakRssMiB,
  };
}

export function joinStormRows(server: string, results: JoinStormResult[]): MetricRow[] {
  return [
    { server, metric: "time to synced p50", unit: "ms", values: results.map((r) => r.p50) },
    { server, metric: "time to synced p99", unit: "ms", values: results.map((r) => r.p99) },
    { server, metric: "time to synced max", unit: "ms", values: results.map((r) => r.max) },
    { server, metric: "failed joins", unit: "", values: results.map((r) => r.failed) },
    { server, metric: "server CPU for the storm", unit: "ms", values: results.map((r) => r.cpuMs) },
    { server, metric: "server peak RSS", unit: "MiB", values: results.map((r) => r.peakRssMiB) },
  ];
}

export type { BenchClient };
