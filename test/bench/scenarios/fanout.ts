import * as Y from "yjs";
import { type BenchClient, connect } from "../lib/clients";
import { envNumber, type MetricRow, percentile, pool, sleep, until } from "../lib/common";
import type { ServerHandle } from "../lib/servers";

export interface FanoutSize {
  writers: number;
  observers: number;
  /** Updates per second, shared by all writers. */
  rate: number;
  seconds: number;
}

export interface FanoutResult {
  p50: number;
  p99: number;
  /** Server CPU µs per delivered update (one update reaching one observer), summed over every server process. */
  cpuUsPerDelivery: number;
  /** Server CPU time over the measured window as a share of one core. */
  cpuPercent: number;
  rssMiB: number;
  lost: number;
  sent: number;
  closes: number;
  /** Sent rate actually achieved by the bench (updates/s). */
  achievedRate: number;
  /** Latency p99 for observers on the second instance only (multi-instance). */
  remoteP99?: number;
}

/**
 * Writers each set their own key of a shared map to an increasing sequence number at a fixed total rate; every
 * observer records, for every sequence number its document reaches, `now - sentAt` (one process, one clock). Updates
 * that a batch merged arrive together and count once each. Observers connect round-robin over `observerServers`
 * (two instances for the multi-instance scenario); writers connect to the first.
 */
export async function fanoutRound(servers: ServerHandle[], size: FanoutSize): Promise<FanoutResult> {
  const [home] = servers as [ServerHandle];
  const [board] = await home.createBoards(1, "Fan-out");
  const board_ = board as string;
  const perWriter = Math.ceil((size.rate * size.seconds) / size.writers) + 1;
  const sentAt = Array.from({ length: size.writers }, () => new Float64Array(perWriter + 1));
  const lastSeen: Int32Array[] = [];
  const latencies: number[] = [];
  const remoteLatencies: number[] = [];
  const observers: BenchClient[] = [];
  let measuring = false;

  const connectConcurrency = envNumber("BENCH_CONNECT_CONCURRENCY", 20);
  await pool(
    Array.from({ length: size.observers }, (_, i) => i),
    connectConcurrency,
    async (i) => {
      const server = servers[i % servers.length] as ServerHandle;
      const remote = server !== home;
      const doc = new Y.Doc();
      const seen = new Int32Array(size.writers).fill(-1);
      lastSeen[i] = seen;
      const map = doc.getMap<number>("bench");
      map.observe((event) => {
        const now = performance.now();
        for (const key of event.keysChanged) {
          const w = Number(key);
          const seq = map.get(key);
          if (seq === undefined || !(w >= 0 && w < size.writers)) continue;
          const sent = sentAt[w] as Float64Array;
          for (let s = (seen[w] as number) + 1; s <= seq; s++) {
            if (measuring && s > 0) {
              const latency = now - (sent[s] as number);
              latencies.push(latency);
              if (remote) remoteLatencies.push(latency);
            }
          }
          if (seq > (seen[w] as number)) seen[w] = seq;
        }
      });
      const client = connect(server, board_, doc);
      // Pure document fan-out: observers announce no presence.
      client.awareness.setLocalState(null);
      observers[i] = client;
      await client.synced;
    },
  );
  const writers: BenchClient[] = [];
  for (let w = 0; w < size.writers; w++) {
    const client = connect(home, board_);
    client.awareness.setLocalState(null);
    writers.push(client);
  }
  await Promise.all(writers.map((c) => c.synced));
  const maps = writers.map((c) => c.doc.getMap<number>("bench"));

  // Warm-up: sequence 0 from every writer must reach every observer (not measured).
  maps.forEach((map, w) => {
    (sentAt[w] as Float64Array)[0] = performance.now();
    map.set(String(w), 0);
  });
  const warm = await until(() => lastSeen.every((seen) => seen.every((s) => s >= 0)), 30_000);
  if (!warm) throw new Error("fan-out warm-up: not every observer got the first update within 30 s");
  await sleep(200);

  const total = Math.floor(size.rate * size.seconds);
  const nextSeq = new Int32Array(size.writers).fill(1);
  for (const s of servers) s.markMeasure();
  const cpu0 = servers.reduce((sum, s) => sum + s.cpuMs(), 0);
  const t0 = performance.now();
  measuring = true;
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - t0) * size.rate) / 1000) + 1);
    while (sent < due) {
      const w = sent % size.writers;
      const seq = nextSeq[w] as number;
      nextSeq[w] = seq + 1;
      (sentAt[w] as Float64Array)[seq] = performance.now();
      (maps[w] as Y.Map<number>).set(String(w), seq);
      sent++;
    }
    await sleep(1);
  }
  const sendMs = performance.now() - t0;
  const finalSeq = Array.from(nextSeq, (n) => n - 1);
  const drainMs = envNumber("BENCH_DRAIN_MS", 5_000);
  await until(() => lastSeen.every((seen) => seen.every((s, w) => s >= (finalSeq[w] as number))), drainMs);
  const windowMs = performance.now() - t0;
  const cpu1 = servers.reduce((sum, s) => sum + s.cpuMs(), 0);
  measuring = false;
  const rssMiB = servers.reduce((sum, s) => sum + s.rssMiB(), 0);
  let lost = 0;
  for (const seen of lastSeen) {
    seen.forEach((s, w) => {
      lost += Math.max(0, (finalSeq[w] as number) - s);
    });
  }
  const deliveries = total * size.observers - lost;
  const closes = [...observers, ...writers].reduce((sum, c) => sum + c.closes(), 0);
  for (const client of [...observers, ...writers]) client.destroy();
  await sleep(100);
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    cpuUsPerDelivery: deliveries > 0 ? ((cpu1 - cpu0) * 1000) / deliveries : Number.NaN,
    cpuPercent: ((cpu1 - cpu0) / windowMs) * 100,
    rssMiB,
    lost,
    sent: total,
    closes,
    achievedRate: (total / sendMs) * 1000,
    ...(servers.length > 1 ? { remoteP99: percentile(remoteLatencies, 99) } : {}),
  };
}

export function fanoutRows(server: string, results: FanoutResult[]): MetricRow[] {
  const rows: MetricRow[] = [
    { server, metric: "latency p50", unit: "ms", values: results.map((r) => r.p50) },
    { server, metric: "latency p99", unit: "ms", values: results.map((r) => r.p99) },
    {
      server,
      metric: "server CPU per delivered update",
      unit: "µs",
      values: results.map((r) => r.cpuUsPerDelivery),
    },
    { server, metric: "server CPU (share of one core)", unit: "%", values: results.map((r) => r.cpuPercent) },
    { server, metric: "server RSS", unit: "MiB", values: results.map((r) => r.rssMiB) },
    { server, metric: "lost updates (observer × update)", unit: "", values: results.map((r) => r.lost) },
    { server, metric: "socket closes", unit: "", values: results.map((r) => r.closes) },
    {
      server,
      metric: "rate achieved by the bench",
      unit: "upd/s",
      values: results.map((r) => r.achievedRate),
    },
  ];
  if (results.some((r) => r.remoteP99 !== undefined)) {
    rows.splice(2, 0, {
      server,
      metric: "latency p99, observers on the other instance",
      unit: "ms",
      values: results.map((r) => r.remoteP99 ?? Number.NaN),
    });
  }
  return rows;
}
