import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";

/** What an event-loop monitor saw between `start` and `stop`. */
export interface EventLoopReport {
  /** Largest delay `monitorEventLoopDelay` measured, in ms (includes time the OS kept the process off the CPU). */
  maxDelayMs: number;
  /** 99th percentile of the delay, in ms. */
  p99DelayMs: number;
  /**
   * Longest stall this process's own code caused, in ms: for each late tick of a 10 ms interval, the lateness bounded
   * by the CPU time the process used meanwhile, less the garbage-collection pauses inside that tick. On a loaded
   * machine a descheduled process is late without working; a handler that blocks the loop is late *and* busy. This
   * is the figure the "never stalls > 100 ms" bound is about.
   */
  busyStallMs: number;
  /** Longest garbage-collection pause V8 reported meanwhile, in ms (wall time: includes being descheduled). */
  maxGcPauseMs: number;
  /** When the longest busy stall happened (`performance.now()` times), to find what ran then; null when none. */
  worstStall: { start: number; end: number } | null;
}

/** A running monitor; `stop` ends it and reports. */
export interface EventLoopMonitor {
  stop(): EventLoopReport;
}

interface Window {
  start: number;
  end: number;
}

/** Milliseconds of `pauses` that fall inside `window`. */
function overlapMs(window: Window, pauses: readonly Window[]): number {
  let total = 0;
  for (const pause of pauses)
    total += Math.max(0, Math.min(window.end, pause.end) - Math.max(window.start, pause.start));
  return total;
}

/**
 * Watches this process's event loop (the server's, when the server runs in-process via `startServer`) with
 * `perf_hooks.monitorEventLoopDelay`, a CPU-attributed stall probe and V8's garbage-collection entries.
 */
export function startEventLoopMonitor(resolutionMs = 10): EventLoopMonitor {
  const histogram = monitorEventLoopDelay({ resolution: resolutionMs });
  histogram.enable();
  const stalls: Array<Window & { ms: number }> = [];
  const gcPauses: Window[] = [];
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gcPauses.push({ start: entry.startTime, end: entry.startTime + entry.duration });
    }
  });
  gc.observe({ entryTypes: ["gc"] });
  let lastTick = performance.now();
  let lastCpu = process.cpuUsage();
  const probe = setInterval(() => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    const stallMs = Math.min(now - lastTick - resolutionMs, (cpu.user + cpu.system) / 1000);
    if (stallMs > 0) stalls.push({ start: lastTick, end: now, ms: stallMs });
    // Keep memory flat over long runs: only the candidates for the maximum matter.
    if (stalls.length > 10_000) stalls.splice(0, stalls.length, ...stalls.filter((s) => s.ms > 20));
    lastTick = now;
    lastCpu = process.cpuUsage();
  }, resolutionMs);
  return {
    stop() {
      clearInterval(probe);
      histogram.disable();
      for (const entry of gc.takeRecords()) {
        gcPauses.push({ start: entry.startTime, end: entry.startTime + entry.duration });
      }
      gc.disconnect();
      let worst: (Window & { ms: number }) | null = null;
      for (const stall of stalls) {
        const ms = stall.ms - overlapMs(stall, gcPauses);
        if (ms > (worst?.ms ?? 0)) worst = { start: stall.start, end: stall.end, ms };
      }
      return {
        maxDelayMs: histogram.max / 1e6,
        p99DelayMs: histogram.percentile(99) / 1e6,
        busyStallMs: worst?.ms ?? 0,
        worstStall: worst && { start: worst.start, end: worst.end },
        maxGcPauseMs: Math.max(0, ...gcPauses.map((pause) => pause.end - pause.start)),
      };
    },
  };
}
