import { execSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, freemem, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { connect } from "./lib/clients";
import { envNumber, type MetricRow, markdownTable, median, sleep } from "./lib/common";
import { summariseProfiles } from "./lib/profile";
import {
  convergeNodeFlags,
  type ServerHandle,
  type ServerKind,
  type StartOptions,
  selectedKinds,
  startServer,
} from "./lib/servers";
import { coldLoad, coldLoadRows } from "./scenarios/coldLoad";
import { type FanoutResult, type FanoutSize, fanoutRound, fanoutRows } from "./scenarios/fanout";
import { heapPerBoard, heapRows } from "./scenarios/heapPerBoard";
import { joinStorm, joinStormRows } from "./scenarios/joinStorm";
import { manyBoards, manyBoardsRows } from "./scenarios/manyBoards";

// `pnpm bench [scenario …]`: Converge against the stock y-websocket server (@y/websocket-server 0.1.1) and
// Hocuspocus (@hocuspocus/server 4) — each a child process, the load generated here — and RESULTS.md.
// Scenarios: basic, fanout, hot, many, heap, storm, cold, multi (default: all). Every size is an env var (see README.md).

process.setMaxListeners(0);
const HERE = fileURLToPath(new URL(".", import.meta.url));
const ALL_SCENARIOS = ["basic", "fanout", "hot", "many", "heap", "storm", "cold", "multi"] as const;
type Scenario = (typeof ALL_SCENARIOS)[number];

const requested = (
  process.argv.slice(2).length ? process.argv.slice(2) : (process.env.BENCH_SCENARIOS ?? "").split(",")
)
  .map((s) => s.trim())
  .filter(Boolean);
const scenarios: Scenario[] = requested.length ? (requested as Scenario[]) : [...ALL_SCENARIOS];
for (const s of scenarios)
  if (!ALL_SCENARIOS.includes(s))
    throw new Error(`unknown scenario ${s}; one of ${ALL_SCENARIOS.join(", ")}`);

const PROFILE = process.env.BENCH_PROFILE === "1";
const kinds: ServerKind[] = PROFILE && !process.env.BENCH_SERVERS ? ["converge"] : selectedKinds();
const ROUNDS = envNumber("BENCH_ROUNDS", 3);
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR ?? join(HERE, "profiles");
if (PROFILE) rmSync(PROFILE_DIR, { recursive: true, force: true });
const RESULTS = process.env.BENCH_RESULTS ?? join(HERE, "RESULTS.md");

/** Converge's own limits (MESSAGES_PER_SECOND …) for the measured runs: the defaults unless overridden here. */
const convergeEnv: Record<string, string> = {};
if (process.env.BENCH_CONVERGE_MESSAGES_PER_SECOND)
  convergeEnv.MESSAGES_PER_SECOND = process.env.BENCH_CONVERGE_MESSAGES_PER_SECOND;
// Node flags for the Converge process only (e.g. heap sizing experiments), not for the bench or the peers.
if (process.env.BENCH_CONVERGE_NODE_OPTIONS)
  convergeEnv.NODE_OPTIONS = process.env.BENCH_CONVERGE_NODE_OPTIONS;

interface Section {
  title: string;
  sizes: string;
  rows: MetricRow[];
  notes: string[];
  profile?: string;
}
const sections: Section[] = [];
const started = Date.now();

function label(kind: ServerKind): string {
  return kind === "converge"
    ? PROFILE
      ? "converge (profiled)"
      : "converge"
    : kind === "y-websocket"
      ? "y-websocket-server"
      : "hocuspocus";
}

async function start(
  kind: ServerKind,
  scenario: string,
  round: number,
  env: Record<string, string> = {},
  options: Pick<StartOptions, "heapProbe"> = {},
): Promise<ServerHandle> {
  return startServer(kind, {
    ...options,
    env: kind === "converge" ? { ...convergeEnv, ...env } : env,
    ...(PROFILE && (kind === "converge" || kinds.length === 1)
      ? { cpuProfDir: join(PROFILE_DIR, scenario, `round-${round}`) }
      : {}),
  });
}

function report(section: Section): void {
  sections.push(section);
  console.log(`\n## ${section.title}\n\n${section.sizes}\n\n${markdownTable(section.rows)}`);
  for (const note of section.notes) console.log(`\n> ${note}`);
  if (section.profile) console.log(`\nProfile (Converge, top self time):\n\n${section.profile}`);
}

function profileOf(scenario: string): string | undefined {
  if (!PROFILE) return undefined;
  const dir = join(PROFILE_DIR, scenario);
  if (!existsSync(dir)) return undefined;
  const rounds = execSync(`ls ${JSON.stringify(dir)}`, { encoding: "utf8" })
    .trim()
    .split("\n");
  return rounds
    .map((round) => `**${scenario} / ${round}**\n\n${summariseProfiles(join(dir, round))}`)
    .join("\n\n");
}

// ---------------------------------------------------------------------------------------------------------------

async function basic(): Promise<void> {
  const updates = envNumber("BENCH_BASIC_UPDATES", 200);
  const rows = new Map<ServerKind, { start: number[]; p50: number[]; p99: number[] }>();
  for (let r = 0; r < ROUNDS; r++) {
    for (const kind of inRoundOrder(r)) {
      const server = await start(kind, "basic", r);
      try {
        const [board] = (await server.createBoards(1, "Basic")) as [string];
        const writer = connect(server, board);
        const reader = connect(server, board);
        await Promise.all([writer.synced, reader.synced]);
        const latencies: number[] = [];
        for (let i = 0; i < updates; i++) {
          const map = reader.doc.getMap<number>("bench");
          const seen = new Promise<void>((resolve) => {
            const check = () => {
              if (map.get("n") === i) {
                map.unobserve(check);
                resolve();
              }
            };
            map.observe(check);
          });
          const sent = performance.now();
          writer.doc.getMap<number>("bench").set("n", i);
          await seen;
          latencies.push(performance.now() - sent);
        }
        writer.destroy();
        reader.destroy();
        latencies.sort((a, b) => a - b);
        const entry = rows.get(kind) ?? { start: [], p50: [], p99: [] };
        entry.start.push(server.startMs);
        entry.p50.push(latencies[Math.floor(latencies.length * 0.5)] as number);
        entry.p99.push(
          latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.99) - 1)] as number,
        );
        rows.set(kind, entry);
      } finally {
        await server.stop();
      }
    }
  }
  report({
    title: "Basic: cold start and one writer → one reader",
    sizes: `${ROUNDS} rounds × ${updates} sequential updates (each waits for the previous to arrive).`,
    rows: [...rows].flatMap(([kind, v]) => [
      { server: label(kind), metric: "cold start (spawn → HTTP answers)", unit: "ms", values: v.start },
      { server: label(kind), metric: "update seen by the reader p50", unit: "ms", values: v.p50 },
      { server: label(kind), metric: "update seen by the reader p99", unit: "ms", values: v.p99 },
    ]),
    notes: [],
    profile: profileOf("basic"),
  });
}

async function fanout(name: "fanout" | "hot"): Promise<void> {
  const size: FanoutSize =
    name === "fanout"
      ? {
          writers: envNumber("BENCH_FANOUT_WRITERS", 1),
          observers: envNumber("BENCH_FANOUT_OBSERVERS", 200),
          rate: envNumber("BENCH_FANOUT_RATE", 100),
          seconds: envNumber("BENCH_FANOUT_SECONDS", 8),
        }
      : {
          writers: envNumber("BENCH_HOT_WRITERS", 20),
          observers: envNumber("BENCH_HOT_OBSERVERS", 200),
          rate: envNumber("BENCH_HOT_RATE", 500),
          seconds: envNumber("BENCH_HOT_SECONDS", 8),
        };
  const results = new Map<ServerKind, FanoutResult[]>();
  for (let r = 0; r < ROUNDS; r++) {
    for (const kind of inRoundOrder(r)) {
      const server = await start(kind, name, r);
      try {
        const result = await fanoutRound([server], size);
        results.set(kind, [...(results.get(kind) ?? []), result]);
        console.log(
          `  ${name} round ${r + 1} ${kind}: p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, lost ${result.lost}`,
        );
      } finally {
        await server.stop();
      }
    }
  }
  const perWriter = size.rate / size.writers;
  report({
    title:
      name === "fanout"
        ? `Fan-out: ${size.writers} writer → ${size.observers} observers at ${size.rate} updates/s`
        : `Hot board: ${size.writers} writers sharing ${size.rate} updates/s → ${size.observers} observers`,
    sizes: `${ROUNDS} rounds (fresh server each) × ${size.seconds} s of writes; ${size.writers} writer(s) at ${perWriter} updates/s each; latency = writer's \`map.set\` → observer's map has that sequence number (one process, one clock); every observer's Y.Doc is decoded in the bench process.`,
    rows: [...results].flatMap(([kind, rs]) => fanoutRows(label(kind), rs)),
    notes: [
      `Converge ran with its default limits (MESSAGES_PER_SECOND=${convergeEnv.MESSAGES_PER_SECOND ?? "300 (default)"}); ${perWriter} updates/s per writer is below it, so it was not raised.`,
    ],
    profile: profileOf(name),
  });
}

/**
 * The servers in round `r`'s order: rotated each round, so no server always runs first (right after the bench
 * process started or after the previous server's 200 observers became garbage) — that position measured worse.
 */
function inRoundOrder(r: number): ServerKind[] {
  const shift = r % kinds.length;
  return [...kinds.slice(shift), ...kinds.slice(0, shift)];
}

async function many(): Promise<void> {
  const defaultBoards = cpus().length >= 8 && freemem() > 16 * 2 ** 30 ? 2000 : 200;
  const boards = envNumber("BENCH_MANY_BOARDS", defaultBoards);
  const clientsPerBoard = envNumber("BENCH_MANY_CLIENTS", 5);
  const seconds = envNumber("BENCH_MANY_SECONDS", 5);
  const windows = envNumber("BENCH_MANY_WINDOWS", 3);
  const rows: MetricRow[] = [];
  const notes: string[] = [];
  for (const kind of kinds) {
    const server = await start(kind, "many", 0);
    try {
      const result = await manyBoards(server, { boards, clientsPerBoard, seconds, windows });
      rows.push(...manyBoardsRows(label(kind), result));
      const lag = median(result.windows.map((w) => w.benchLagP99));
      console.log(
        `  many ${kind}: p99 ${median(result.windows.map((w) => w.p99)).toFixed(1)} ms, bench lag p99 ${lag.toFixed(0)} ms`,
      );
      if (lag > 100)
        notes.push(
          `${label(kind)}: the bench's own event loop lagged (p99 ${lag.toFixed(0)} ms): at this size the load generator, not only the server, limits the latency figures.`,
        );
    } finally {
      await server.stop();
    }
  }
  report({
    title: `Many boards: ${boards} boards × ${clientsPerBoard} clients, presence at 1 Hz`,
    sizes: `${boards} boards × ${clientsPerBoard} clients = ${boards * clientsPerBoard} connections (full size is 2,000 × 5; default here ${defaultBoards} boards because this machine has ${cpus().length} cores and ${(freemem() / 2 ** 30).toFixed(0)} GiB free; set BENCH_MANY_BOARDS). Each client moves its cursor once a second (staggered); latency = sender's \`setLocalStateField\` → another client of the board has the state. One server process per server kind, connected once; the median is over ${windows} windows of ${seconds} s. Memory per board/connection = (RSS − RSS of the idle server, right after start-up) / boards or connections, once with everyone just connected and again at the end of each presence window (a server's heap keeps growing under the presence traffic until its next full GC).`,
    rows,
    notes,
    profile: profileOf("many"),
  });
}

async function heap(): Promise<void> {
  const size = {
    boardsPerStep: envNumber("BENCH_HEAP_BOARDS", 200),
    clientsPerBoard: envNumber("BENCH_MANY_CLIENTS", 5),
  };
  const rows: MetricRow[] = [];
  for (const kind of kinds) {
    const server = await start(kind, "heap", 0, {}, { heapProbe: true });
    try {
      const result = await heapPerBoard(server, size);
      rows.push(...heapRows(label(kind), size, result));
      console.log(`  heap ${kind}: ${(result.bytesPerBoard / 1024).toFixed(1)} KiB per board`);
    } finally {
      await server.stop();
    }
  }
  report({
    title: `Heap per board: ${size.clientsPerBoard} connected clients each, after GC`,
    sizes: `One server process per kind, started with \`--expose-gc\` and a SIGUSR2 hook that runs two full GCs and reports \`heapUsed\`. Read idle (right after start-up), with ${size.boardsPerStep} boards × ${size.clientsPerBoard} clients connected, and with ${2 * size.boardsPerStep}; per board = the growth between the last two readings ÷ ${size.boardsPerStep}. Clients announce presence once and stay quiet; every board holds a new Converge board's document. Unlike RSS this leaves out garbage not yet collected and the heap's own slack, so it is what each board and socket really keeps alive.`,
    rows,
    notes: [],
  });
}

async function storm(): Promise<void> {
  const size = {
    clients: envNumber("BENCH_STORM_CLIENTS", 500),
    docBytes: envNumber("BENCH_STORM_DOC_BYTES", 1024 * 1024),
    spreadMs: envNumber("BENCH_STORM_SPREAD_MS", 1000),
  };
  const rows = new Map<ServerKind, Awaited<ReturnType<typeof joinStorm>>[]>();
  for (let r = 0; r < ROUNDS; r++) {
    for (const kind of inRoundOrder(r)) {
      const server = await start(kind, "storm", r);
      try {
        const result = await joinStorm(server, size);
        rows.set(kind, [...(rows.get(kind) ?? []), result]);
        console.log(
          `  storm round ${r + 1} ${kind}: p99 ${result.p99.toFixed(0)} ms (doc ${result.docBytes} bytes, failed ${result.failed})`,
        );
      } finally {
        await server.stop();
      }
    }
  }
  const docBytes = [...rows.values()][0]?.[0]?.docBytes ?? size.docBytes;
  report({
    title: `Join storm: ${size.clients} clients join one ${(docBytes / 2 ** 20).toFixed(2)} MiB board within ${size.spreadMs} ms`,
    sizes: `${ROUNDS} rounds; the board (cards with Y.Text descriptions, ${docBytes} bytes as one update) is written by one connected client first. Joiners are raw sockets that send sync step 1 with an empty state vector and stop the clock when the whole sync step 2 has arrived (not applied: 500 Y.Docs decoding 1 MB each in one bench process would measure the bench). Times from socket creation, so they include the upgrade (Converge: session and membership check).`,
    rows: [...rows].flatMap(([kind, rs]) => joinStormRows(label(kind), rs)),
    notes: [],
    profile: profileOf("storm"),
  });
}

async function cold(): Promise<void> {
  const size = {
    cards: envNumber("BENCH_COLD_CARDS", 5000),
    edits: envNumber("BENCH_COLD_EDITS", 5000),
    rounds: ROUNDS,
  };
  const rows: MetricRow[] = [];
  const notes: string[] = [
    "Only Converge persists (@y/websocket-server and Hocuspocus run in memory as shipped), so there is nothing to compare against here.",
  ];
  const sqlite = await coldLoad(size, convergeEnv, PROFILE ? join(PROFILE_DIR, "cold") : undefined);
  rows.push(...coldLoadRows("converge (SQLite)", sqlite));
  notes.push(
    `SQLite file after seeding: ${sqlite.storeBytes ?? "?"} bytes; history written as ${sqlite.updatesSent} client updates (seeding ran with MESSAGES_PER_SECOND=100000; the measured restarts with the defaults).`,
  );
  if (!process.env.DATABASE_URL) notes.push("PostgreSQL: skipped (DATABASE_URL is not set).");
  else {
    try {
      const pg = await coldLoad(size, { ...convergeEnv, DATABASE_URL: process.env.DATABASE_URL });
      rows.push(...coldLoadRows("converge (PostgreSQL)", pg));
    } catch (error) {
      notes.push(`PostgreSQL: failed: ${(error as Error).message}`);
    }
  }
  report({
    title: `Cold load: a ${size.cards}-card board with a long history, first client after a restart`,
    sizes: `${size.cards} cards created one update each, then ${size.edits} moves one update each; ${ROUNDS} restarts of the same data. The client is the stock y-websocket provider; "synced" includes its applying the whole board.`,
    rows,
    notes,
    profile: profileOf("cold"),
  });
}

async function multi(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  const redisUrl = process.env.REDIS_URL;
  const reasons: string[] = [];
  if (!databaseUrl) reasons.push("DATABASE_URL is not set");
  if (!redisUrl) reasons.push("REDIS_URL is not set");
  if (reasons.length > 0) {
    const message = `Skipped: ${reasons.join("; ")}.`;
    console.log(`\n## Multi-instance\n\n${message}`);
    sections.push({
      title: "Multi-instance: fan-out over two Converge instances via Redis",
      sizes: message,
      rows: [],
      notes: [],
    });
    return;
  }
  const size: FanoutSize = {
    writers: envNumber("BENCH_FANOUT_WRITERS", 1),
    observers: envNumber("BENCH_FANOUT_OBSERVERS", 200),
    rate: envNumber("BENCH_FANOUT_RATE", 100),
    seconds: envNumber("BENCH_FANOUT_SECONDS", 8),
  };
  const env = { ...convergeEnv, DATABASE_URL: databaseUrl as string, REDIS_URL: redisUrl as string };
  const single: FanoutResult[] = [];
  const double: FanoutResult[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const a = await startServer("converge", { env });
    try {
      single.push(await fanoutRound([a], size));
      const b = await startServer("converge", { env, signUp: false, cookie: a.cookie });
      try {
        double.push(await fanoutRound([a, b], size));
      } finally {
        await b.stop();
      }
    } finally {
      await a.stop();
    }
  }
  report({
    title: `Multi-instance: ${size.writers} writer → ${size.observers} observers at ${size.rate} updates/s over two Converge instances`,
    sizes: `${ROUNDS} rounds; both instances share PostgreSQL (DATABASE_URL) and Redis (REDIS_URL); writers on instance A, observers alternate A/B. The single-instance row runs on the same PostgreSQL. CPU and RSS are summed over both processes.`,
    rows: [
      ...fanoutRows("converge (1 instance, PostgreSQL)", single),
      ...fanoutRows("converge ×2 via Redis", double),
    ],
    notes: [],
  });
}

// ---------------------------------------------------------------------------------------------------------------

const runners: Record<Scenario, () => Promise<void>> = {
  basic,
  fanout: () => fanout("fanout"),
  hot: () => fanout("hot"),
  many,
  heap,
  storm,
  cold,
  multi,
};

console.log(
  `pnpm bench: scenarios ${scenarios.join(", ")}; servers ${kinds.join(", ")}; ${ROUNDS} rounds${PROFILE ? "; Converge profiled (--cpu-prof)" : ""}`,
);
for (const scenario of scenarios) {
  const t = Date.now();
  try {
    await runners[scenario]();
  } catch (error) {
    console.error(`scenario ${scenario} failed:`, error);
    sections.push({
      title: `${scenario}: FAILED`,
      sizes: `\`${String((error as Error).stack ?? error)}\``,
      rows: [],
      notes: [],
    });
  }
  console.log(`  (${scenario} took ${((Date.now() - t) / 1000).toFixed(0)} s)`);
  await sleep(200);
}

// --- RESULTS.md -------------------------------------------------------------------------------------------------

const LOWER_IS_BETTER = /latency|CPU|RSS|memory|heap|lost|closes|failed|time to|→|synced|seen by/;
function slowerSpots(): string[] {
  const spots: string[] = [];
  for (const section of sections) {
    const byMetric = new Map<string, MetricRow[]>();
    for (const row of section.rows) byMetric.set(row.metric, [...(byMetric.get(row.metric) ?? []), row]);
    for (const [metric, rows] of byMetric) {
      if (!LOWER_IS_BETTER.test(metric) || /bench|rate achieved/.test(metric)) continue;
      const ours = rows.find((r) => r.server.startsWith("converge"));
      if (!ours) continue;
      const mine = median(ours.values);
      for (const other of rows) {
        if (other === ours || other.server.startsWith("converge")) continue;
        const theirs = median(other.values);
        if (!Number.isFinite(mine) || !Number.isFinite(theirs)) continue;
        const worse = mine > theirs * 1.1 && mine - theirs > (/lost|closes|failed/.test(metric) ? 0 : 0.05);
        if (worse)
          spots.push(
            `${section.title} — **${metric}**: Converge ${mine.toFixed(2)} vs ${other.server} ${theirs.toFixed(2)} ${ours.unit} (×${theirs === 0 ? "∞" : (mine / theirs).toFixed(2)})`,
          );
      }
    }
  }
  return spots;
}

const cpuModel = /model name\s*:\s*(.+)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? "unknown";
const load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
const command = `${Object.entries(process.env)
  .filter(([k]) => k.startsWith("BENCH_") || k === "DATABASE_URL" || k === "REDIS_URL")
  .map(([k, v]) => `${k}=${k.endsWith("_URL") ? "…" : v}`)
  .join(" ")} pnpm bench ${process.argv.slice(2).join(" ")}`.trim();
const findingsPath = join(HERE, "FINDINGS.md");
const findings = existsSync(findingsPath) ? readFileSync(findingsPath, "utf8").trim() : "";
const spots = slowerSpots();
const md = [
  "# Converge benchmark results",
  "",
  "Generated by `test/bench/run.ts`; see `test/bench/README.md` for the scenarios and every env var.",
  "",
  "## Machine and run",
  "",
  `- CPU: ${cpus().length} logical cores (nproc), ${cpuModel}`,
  `- Memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB; load average at the end ${load}`,
  `- Node ${process.version} (every server a child process under \`node\`: Converge from its esbuild bundle server/dist/main.js with the flags of \`pnpm start\` (${convergeNodeFlags().join(" ")}), @y/websocket-server's src/server.js, test/bench/hocuspocus-server.mjs, the load generator in the bench process)`,
  `- Command: \`${command}\``,
  `- Date: ${new Date(started).toISOString()}; took ${((Date.now() - started) / 1000).toFixed(0)} s`,
  `- Servers: Converge (this repo: auth, SQLite persistence before broadcast, limits on); @y/websocket-server 0.1.1 (stock \`src/server.js\`, in memory, no auth); @hocuspocus/server 4.7 (stock \`Server\`, in memory, no auth, no persistence extension) with @hocuspocus/provider 4.8.`,
  "",
  "Ratio = the other server's median ÷ Converge's median for the same metric (above 1: the other number is larger).",
  "",
  ...sections.flatMap((s) => [
    `## ${s.title}`,
    "",
    s.sizes,
    "",
    ...(s.rows.length ? [markdownTable(s.rows), ""] : []),
    ...s.notes.flatMap((n) => [`> ${n}`, ""]),
    ...(s.profile
      ? [
          "<details><summary>Converge CPU profile (top self time)</summary>",
          "",
          s.profile,
          "",
          "</details>",
          "",
        ]
      : []),
  ]),
  "## Where Converge is slower and why",
  "",
  spots.length
    ? "Measured in this run (Converge's median worse than another server's by more than 10%):"
    : "In this run Converge's median was not worse than the others' by more than 10% on any metric.",
  "",
  ...spots.map((s) => `- ${s}`),
  "",
  findings,
  "",
].join("\n");
writeFileSync(RESULTS, md);
console.log(`\nwrote ${RESULTS} (${((Date.now() - started) / 1000).toFixed(0)} s in all)`);
process.exit(0);
