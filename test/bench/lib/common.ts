import { execSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";

/** An integer (or number) from the environment, or the default. */
export function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`${name}: expected a number, got ${raw}`);
  return value;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function freePort(): Promise<number> {
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

let clockTicks: number | undefined;
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execSync("getconf CLK_TCK", { encoding: "utf8" }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat. */
export function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15 (1-based).
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / ticksPerSecond();
}

/** Resident memory of a process in MiB, from /proc/<pid>/status (VmRSS, or VmHWM for the peak). */
export function rssMiBOf(pid: number, field: "VmRSS" | "VmHWM" = "VmRSS"): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

export function median(values: number[]): number {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return Number.NaN;
  const sorted = [...finite].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Runs `task` over `items` with at most `limit` in flight. */
export async function pool<T, R>(
  items: T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    for (;;) {
      const index = next++;
      if (index >= items.length) return;
      results[index] = await task(items[index] as T, index);
    }
  });
  await Promise.all(workers);
  return results;
}

/** Resolves when `predicate` holds (polling), or false after `timeoutMs`. */
export async function until(predicate: () => boolean, timeoutMs: number, everyMs = 20): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) return false;
    await sleep(everyMs);
  }
  return true;
}

/** One metric of one server over several rounds. */
export interface MetricRow {
  server: string;
  metric: string;
  unit: string;
  values: number[];
  /** True when a larger value is better (for the note in the ratio column); default false. */
  higherIsBetter?: boolean;
}

export function fmt(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  const abs = Math.abs(value);
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  if (abs === 0) return "0";
  return value.toPrecision(2);
}

/**
 * A markdown table: server, metric, median (with the min–max of rounds), and the ratio of the median to Converge's
 * for the same metric (>1 means the other server's number is larger).
 */
export function markdownTable(rows: MetricRow[]): string {
  const lines = [
    "| server | metric | median | rounds (min–max) | ratio vs Converge |",
    "|---|---|---|---|---|",
  ];
  const convergeMedian = new Map<string, number>();
  for (const row of rows) {
    if (row.server.startsWith("converge")) {
      if (!convergeMedian.has(row.metric)) convergeMedian.set(row.metric, median(row.values));
    }
  }
  for (const row of rows) {
    const m = median(row.values);
    const base = convergeMedian.get(row.metric);
    const finite = row.values.filter((v) => Number.isFinite(v));
    const range =
      finite.length > 1
        ? `${fmt(Math.min(...finite))}–${fmt(Math.max(...finite))} (${finite.length})`
        : `(${finite.length})`;
    let ratio = "—";
    if (row.server.startsWith("converge") && base !== undefined) ratio = "1.00";
    else if (base !== undefined && Number.isFinite(base) && Number.isFinite(m)) {
      ratio = base === 0 ? (m === 0 ? "1.00" : "∞") : `${(m / base).toFixed(2)}`;
    }
    lines.push(`| ${row.server} | ${row.metric} | ${fmt(m)} ${row.unit} | ${range} | ${ratio} |`);
  }
  return lines.join("\n");
}
