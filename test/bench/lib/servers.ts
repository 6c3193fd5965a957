import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { killOnExit } from "./children";
import { cpuMsOf, freePort, pool, rssMiBOf, sleep } from "./common";

export const REPO_ROOT = resolve(fileURLToPath(new URL("../../../", import.meta.url)));

export type ServerKind = "converge" | "y-websocket" | "hocuspocus";
export const ALL_KINDS: ServerKind[] = ["converge", "y-websocket", "hocuspocus"];

/** Servers to compare, from BENCH_SERVERS (comma-separated), default all three. */
export function selectedKinds(): ServerKind[] {
  const raw = process.env.BENCH_SERVERS;
  if (!raw) return ALL_KINDS;
  const kinds = raw.split(",").map((s) => s.trim()) as ServerKind[];
  for (const kind of kinds)
    if (!ALL_KINDS.includes(kind)) throw new Error(`BENCH_SERVERS: unknown server ${kind}`);
  return kinds;
}

export const PASSWORD = "plum-Harbor-7-quiet-lantern";
/** The bench account's name on Converge, and the name the bench's clients announce in presence on every server. */
const BENCH_NAME = "Bench Writer";

/** A running server child process. */
export interface ServerHandle {
  kind: ServerKind;
  /** http://127.0.0.1:port */
  url: string;
  pid: number;
  /** ms from spawn until it answered HTTP. */
  startMs: number;
  /** Cookie header for Converge (one signed-up account that owns every board); empty otherwise. */
  cookie: string;
  /**
   * Who the bench's clients say they are in presence (`user.id`, `user.name`). On Converge it is the bench account,
   * exactly what the server stamps on every state; elsewhere a stand-in of the same shape (a UUID, the same name).
   * So every server relays states of the same size and the same load generator does the same work for each.
   */
  presenceUser: { id: string; name: string };
  dataDir: string | undefined;
  cpuMs(): number;
  rssMiB(): number;
  peakRssMiB(): number;
  /** Live heap after two full GCs, in bytes; only for a server started with `heapProbe`. */
  heapUsedAfterGc(): Promise<number>;
  /** Creates boards (Converge: over REST as the bench account; others: fresh names) and returns their ids/names. */
  createBoards(count: number, title?: string): Promise<string[]>;
  /** Marks "the measured part starts now" for the CPU profile summary (samples before it are left out). */
  markMeasure(): void;
  /** Stops the process (SIGTERM, then SIGKILL after 5 s); removes its data dir unless `keepData`. */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export interface StartOptions {
  /** Extra environment for the child (Converge: limits, DATABASE_URL, …). */
  env?: Record<string, string>;
  /** Converge: reuse this data dir (a restart); default a fresh temp dir. */
  dataDir?: string;
  /** Converge: sign up the bench account (default true); false to reuse `cookie`. */
  signUp?: boolean;
  cookie?: string;
  /** Write a V8 CPU profile of the child into this directory (`--cpu-prof`). */
  cpuProfDir?: string;
  /** Start the child with `--expose-gc` and a SIGUSR2 handler that reports its heap after GC (heapUsedAfterGc). */
  heapProbe?: boolean;
}

let boardCounter = 0;
/**
 * The reference servers do not handle SIGTERM, and a process killed by a signal writes no `--cpu-prof` profile: when
 * profiled they get this handler, so stopping them exits normally.
 */
const EXIT_ON_SIGTERM = "data:text/javascript,process.once('SIGTERM',()=>process.exit(0))";

/**
 * Loaded into a server started with `heapProbe`: on SIGUSR2 it runs two full GCs and writes the heap still in use to
 * BENCH_HEAP_FILE. The same for every server kind, none of which has such a hook of its own.
 */
const HEAP_PROBE = `data:text/javascript,${encodeURIComponent(
  'import { writeFileSync } from "node:fs"; process.on("SIGUSR2", () => { globalThis.gc(); globalThis.gc(); writeFileSync(process.env.BENCH_HEAP_FILE, String(process.memoryUsage().heapUsed)); });',
)}`;

let convergeBuilt = false;

/**
 * The node flags Converge ships with: those of the root `start` script (`pnpm run build && node <flags>
 * server/dist/main.js`), so the bench runs the server as `pnpm start` does.
 */
export function convergeNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as {
    scripts: { start: string };
  };
  const launch = /(?:^|&&)\s*node((?:\s+--\S+)*)\s+server\/dist\/main\.js\s*$/.exec(pkg.scripts.start);
  if (!launch)
    throw new Error(
      `package.json start does not end in "node <flags> server/dist/main.js": ${pkg.scripts.start}`,
    );
  return (launch[1] ?? "").trim().split(/\s+/).filter(Boolean);
}

/** Builds Converge as `pnpm build` does (server/dist/main.js), once per bench run, so the bench measures that. */
function buildConverge(): void {
  if (convergeBuilt) return;
  execFileSync(process.execPath, ["server/scripts/build.mjs"], { cwd: REPO_ROOT, stdio: "inherit" });
  convergeBuilt = true;
}

export async function startServer(kind: ServerKind, options: StartOptions = {}): Promise<ServerHandle> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let dataDir: string | undefined;
  let ownDataDir = false;
  let args: string[];
  const env: Record<string, string | undefined> = { ...process.env, PORT: String(port), HOST: "127.0.0.1" };
  // Every server runs as plain JavaScript, as in production: Converge from its compiled build, the others as shipped.
  const loader: string[] = [];
  if (options.cpuProfDir) {
    mkdirSync(options.cpuProfDir, { recursive: true });
    loader.push("--cpu-prof", `--cpu-prof-dir=${options.cpuProfDir}`);
  }
  const heapFile = options.heapProbe ? join(mkdtempSync(join(tmpdir(), "bench-heap-")), "heap") : undefined;
  if (heapFile) {
    loader.push("--expose-gc", "--import", HEAP_PROBE);
    env.BENCH_HEAP_FILE = heapFile;
  }
  switch (kind) {
    case "converge":
      dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "converge-bench-"));
      ownDataDir = options.dataDir === undefined;
      buildConverge();
      args = [...convergeNodeFlags(), ...loader, "server/dist/main.js"];
      Object.assign(env, {
        DATA_DIR: dataDir,
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "warn",
        ALLOWED_ORIGINS: url,
        // The multi-instance scenario sets these itself; a bench of one instance must not pick them up by accident.
        DATABASE_URL: "",
        REDIS_URL: "",
      });
      break;
    case "y-websocket":
      if (options.cpuProfDir) loader.push("--import", EXIT_ON_SIGTERM);
      args = [...loader, "test/node_modules/@y/websocket-server/src/server.js"];
      break;
    case "hocuspocus":
      if (options.cpuProfDir) loader.push("--import", EXIT_ON_SIGTERM);
      args = [...loader, "test/bench/hocuspocus-server.mjs"];
      break;
  }
  Object.assign(env, options.env ?? {});
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  killOnExit(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const removeOwnFiles = ({ keepData = false } = {}) => {
    if (ownDataDir && dataDir && !keepData) rmSync(dataDir, { recursive: true, force: true });
    if (heapFile) rmSync(dirname(heapFile), { recursive: true, force: true });
  };
  const { startMs, cookie, presenceUser } = await untilReady(kind, url, child, started, options).catch(
    async (error: unknown) => {
      // A server that never became usable is not left running: it would hold a core through every later scenario.
      child.kill("SIGKILL");
      await exited;
      removeOwnFiles();
      throw error;
    },
  );
  const pid = child.pid as number;

  const handle: ServerHandle = {
    kind,
    url,
    pid,
    startMs,
    cookie,
    presenceUser,
    dataDir,
    cpuMs: () => cpuMsOf(pid),
    rssMiB: () => rssMiBOf(pid),
    peakRssMiB: () => rssMiBOf(pid, "VmHWM"),
    heapUsedAfterGc: async () => {
      if (!heapFile) throw new Error(`${kind} was not started with heapProbe`);
      rmSync(heapFile, { force: true });
      child.kill("SIGUSR2");
      for (let waited = 0; waited < 10_000; waited += 20) {
        await sleep(20);
        if (existsSync(heapFile)) {
          const text = readFileSync(heapFile, "utf8");
          if (text) return Number(text);
        }
      }
      throw new Error(`${kind} did not report its heap within 10 s`);
    },
    markMeasure: () => {
      if (options.cpuProfDir)
        writeFileSync(
          join(options.cpuProfDir, "mark.json"),
          JSON.stringify({ fromMs: performance.now() - started }),
        );
    },
    createBoards: async (count, title = "Bench") => {
      if (kind !== "converge") {
        const prefix = `bench-${process.pid}-${++boardCounter}`;
        return Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
      }
      return pool(
        Array.from({ length: count }, (_, i) => i),
        8,
        async (i) => {
          const response = await fetch(`${url}/api/boards`, {
            method: "POST",
            headers: { "content-type": "application/json", origin: url, cookie },
            body: JSON.stringify({ title: `${title} ${i}` }),
          });
          if (response.status !== 201)
            throw new Error(`create board: ${response.status} ${await response.text()}`);
          return ((await response.json()) as { id: string }).id;
        },
      );
    },
    stop: async (stopOptions) => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      }
      removeOwnFiles(stopOptions);
    },
  };
  return handle;
}

/**
 * Waits until a just-spawned server answers HTTP; for Converge, also signs the bench account up (unless `options`
 * bring a cookie) and reads who it is. Throws when the child exits first or does not answer within 60 s.
 */
async function untilReady(
  kind: ServerKind,
  url: string,
  child: ChildProcess,
  started: number,
  options: StartOptions,
): Promise<{ startMs: number; cookie: string; presenceUser: { id: string; name: string } }> {
  const healthPath = kind === "converge" ? "/api/health" : "/";
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${kind} server exited with ${child.exitCode ?? child.signalCode}`);
    try {
      const response = await fetch(`${url}${healthPath}`);
      await response.arrayBuffer();
      if (response.status < 500) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 60_000) throw new Error(`${kind} server did not start within 60 s`);
    await sleep(10);
  }
  const startMs = performance.now() - started;
  let cookie = options.cookie ?? "";
  if (kind === "converge" && options.signUp !== false && !cookie) cookie = await signUp(url);
  const presenceUser =
    kind === "converge" && cookie ? await whoAmI(url, cookie) : { id: randomUUID(), name: BENCH_NAME };
  return { startMs, cookie, presenceUser };
}

/** The bench account's id and name as the Converge server knows them. */
async function whoAmI(url: string, cookie: string): Promise<{ id: string; name: string }> {
  const response = await fetch(`${url}/api/me`, { headers: { origin: url, cookie } });
  if (response.status !== 200) throw new Error(`me: ${response.status} ${await response.text()}`);
  const { id, name } = (await response.json()) as { id: string; name: string };
  return { id, name };
}

/** Signs a fresh account up on a Converge server and returns its `converge_session=…` cookie. */
export async function signUp(url: string, name = BENCH_NAME): Promise<string> {
  const email = `bench.${process.pid}.${Date.now()}.${Math.floor(Math.random() * 1e9)}@example.com`;
  const response = await fetch(`${url}/api/auth/signup`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: url },
    body: JSON.stringify({ email, password: PASSWORD, name }),
  });
  if (response.status !== 201) throw new Error(`sign up: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((value) => value.startsWith("converge_session="));
  if (!cookie) throw new Error("sign up set no session cookie");
  return cookie.split(";")[0] as string;
}
