import { monitorEventLoopDelay } from "node:perf_hooks";
import { type BenchClient, connectToSeededBoard, presenceState } from "../lib/clients";
import { envNumber, type MetricRow, percentile, pool, sleep } from "../lib/common";
import type { ServerHandle } from "../lib/servers";

export interface ManyBoardsSize {
  boards: number;
  clientsPerBoard: number;
  /** Length of one measured window (the median is taken over `windows` windows on the same connections). */
  seconds: number;
  windows: number;
}

export interface ManyBoardsWindow {
  p50: number;
  p99: number;
  /** Presence updates received per second by all clients together. */
  receivedPerSecond: number;
  cpuPercent: number;
  /** The bench process's own event-loop delay p99 (ms): high means the load generator, not the server, saturated. */
  benchLagP99: number;
  /** Server RSS at the end of the window: what carrying the presence traffic takes, garbage not yet collected included. */
  rssMiB: number;
}

export interface ManyBoardsResult {
  windows: ManyBoardsWindow[];
  connectSeconds: number;
  baselineRssMiB: number;
  /** RSS once everyone has connected and synced, before the presence windows. */
  rssMiB: number;
  kibPerBoard: number;
  kibPerConnection: number;
  /** Peak RSS (VmHWM) over the whole scenario. */
  peakRssMiB: number;
  boards: number;
  closes: number;
  failedConnects: number;
}

/**
 * Each board holds a freshly created Converge board's document (on every server). Every client of every board announces
 * presence (a user and a cursor) and moves its cursor once a second, staggered;
 * the other clients of the board record `now - at` from the `at` timestamp inside the state they receive.
 */
export async function manyBoards(server: ServerHandle, size: ManyBoardsSize): Promise<ManyBoardsResult> {
  // The idle baseline: right after start-up (and, for Converge, the bench account's sign-up, whose password work runs
  // in a child process of its own), which is where every server's RSS stays while idle.
  const baselineRssMiB = server.rssMiB();
  const boards = await server.createBoards(size.boards, "Many");
  const clients: BenchClient[] = [];
  const latencies: number[] = [];
  let received = 0;
  let measuring = false;
  let failedConnects = 0;
  const connectStarted = performance.now();
  const total = size.boards * size.clientsPerBoard;
  await pool(
    Array.from({ length: total }, (_, i) => i),
    envNumber("BENCH_CONNECT_CONCURRENCY", 20) * 2,
    async (i) => {
      const client = connectToSeededBoard(server, boards[Math.floor(i / size.clientsPerBoard)] as string, {
        firstOnBoard: i % size.clientsPerBoard === 0,
        title: "Many",
      });
      client.awareness.setLocalState(presenceState(server, { at: performance.now(), x: 0 }));
      client.awareness.on("change", ({ added, updated }: { added: number[]; updated: number[] }) => {
        if (!measuring) return;
        const now = performance.now();
        const states = client.awareness.getStates();
        for (const id of [...added, ...updated]) {
          if (id === client.doc.clientID) continue;
          const at = (states.get(id) as { cursor?: { at?: number } } | undefined)?.cursor?.at;
          if (typeof at === "number") {
            latencies.push(now - at);
            received++;
          }
        }
      });
      clients.push(client);
      const ok = await Promise.race([client.synced.then(() => true), sleep(30_000).then(() => false)]);
      if (!ok) failedConnects++;
    },
  );
  const connectSeconds = (performance.now() - connectStarted) / 1000;
  // Let the join-time presence waves settle.
  await sleep(1_500);
  const rssMiB = server.rssMiB();

  // Moves: every client once a second, spread over the second.
  let stop = false;
  const mover = (async () => {
    let tick = 0;
    const slices = 50;
    const started = performance.now();
    while (!stop) {
      const slice = tick % slices;
      for (let i = slice; i < clients.length; i += slices) {
        const client = clients[i] as BenchClient;
        client.awareness.setLocalStateField("cursor", { at: performance.now(), x: tick });
      }
      tick++;
      const next = started + (tick * 1000) / slices;
      await sleep(Math.max(0, next - performance.now()));
    }
  })();

  await sleep(1_000);
  server.markMeasure();
  const windows: ManyBoardsWindow[] = [];
  for (let w = 0; w < size.windows; w++) {
    latencies.length = 0;
    received = 0;
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const cpu0 = server.cpuMs();
    const t0 = performance.now();
    measuring = true;
    await sleep(size.seconds * 1000);
    measuring = false;
    const elapsed = performance.now() - t0;
    const cpu1 = server.cpuMs();
    lag.disable();
    windows.push({
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      receivedPerSecond: (received / elapsed) * 1000,
      cpuPercent: ((cpu1 - cpu0) / elapsed) * 100,
      benchLagP99: lag.percentile(99) / 1e6,
      rssMiB: server.rssMiB(),
    });
  }
  stop = true;
  await mover;
  const closes = clients.reduce((sum, c) => sum + c.closes(), 0);
  const peakRssMiB = server.peakRssMiB();
  for (const client of clients) client.destroy();
  await sleep(200);
  const grown = Math.max(0, rssMiB - baselineRssMiB) * 1024;
  return {
    windows,
    connectSeconds,
    baselineRssMiB,
    rssMiB,
    kibPerBoard: grown / size.boards,
    kibPerConnection: grown / total,
    peakRssMiB,
    boards: size.boards,
    closes,
    failedConnects,
  };
}

export function manyBoardsRows(server: string, result: ManyBoardsResult): MetricRow[] {
  const w = result.windows;
  return [
    { server, metric: "presence latency p50", unit: "ms", values: w.map((x) => x.p50) },
    { server, metric: "presence latency p99", unit: "ms", values: w.map((x) => x.p99) },
    {
      server,
      metric: "presence updates received",
      unit: "/s",
      values: w.map((x) => x.receivedPerSecond),
      higherIsBetter: true,
    },
    { server, metric: "server CPU (share of one core)", unit: "%", values: w.map((x) => x.cpuPercent) },
    { server, metric: "bench event-loop delay p99", unit: "ms", values: w.map((x) => x.benchLagP99) },
    { server, metric: "server RSS, all connected", unit: "MiB", values: [result.rssMiB] },
    { server, metric: "memory per board, all connected", unit: "KiB", values: [result.kibPerBoard] },
    {
      server,
      metric: "memory per connection, all connected",
      unit: "KiB",
      values: [result.kibPerConnection],
    },
    { server, metric: "server RSS, end of each window", unit: "MiB", values: w.map((x) => x.rssMiB) },
    {
      server,
      metric: "memory per board, end of each window",
      unit: "KiB",
      values: w.map((x) => (Math.max(0, x.rssMiB - result.baselineRssMiB) * 1024) / result.boards),
    },
    { server, metric: "server peak RSS", unit: "MiB", values: [result.peakRssMiB] },
    { server, metric: "time to connect everyone", unit: "s", values: [result.connectSeconds] },
    {
      server,
      metric: "socket closes / failed connects",
      unit: "",
      values: [result.closes + result.failedConnects],
    },
  ];
}
