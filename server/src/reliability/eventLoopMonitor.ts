import { monitorEventLoopDelay } from "node:perf_hooks";

/** What an event-loop monitor saw between `start` and `stop`. */
export interface EventLoopReport {
  /** Largest delay `monitorEventLoopDelay` measured, in ms (includes time the OS kept the process off the CPU). */
  maxDelayMs: number;
  /** 99th percentile of the delay, in ms. */
  p99DelayMs: number;
  /**
   * Longest stall this process itself caused, in ms: for each late tick of a 10 ms interval, the lateness bounded by
   * the CPU time the process used meanwhile. On a loaded machine a descheduled process is late without working; a
   * handler that blocks the loop is late *and* busy. This is the figure the "never stalls > 100 ms" bound is about.
   */
  busyStallMs: number;
}

/** A running monitor; `stop` ends it and reports. */
export interface EventLoopMonitor {
  stop(): EventLoopReport;
}

/**
 * Watches this process's event loop (the server's, when the server runs in-process via `startServer`) with
 * `perf_hooks.monitorEventLoopDelay` and a CPU-attributed stall probe.
 */
export function startEventLoopMonitor(resolutionMs = 10): EventLoopMonitor {
  const histogram = monitorEventLoopDelay({ resolution: resolutionMs });
  histogram.enable();
  let busyStallMs = 0;
  let lastTick = performance.now();
  let lastCpu = process.cpuUsage();
  const probe = setInterval(() => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    const lateMs = now - lastTick - resolutionMs;
    const cpuMs = (cpu.user + cpu.system) / 1000;
    busyStallMs = Math.max(busyStallMs, Math.min(lateMs, cpuMs));
    lastTick = now;
    lastCpu = process.cpuUsage();
  }, resolutionMs);
  return {
    stop() {
      clearInterval(probe);
      histogram.disable();
      return {
        maxDelayMs: histogram.max / 1e6,
        p99DelayMs: histogram.percentile(99) / 1e6,
        busyStallMs,
      };
    },
  };
}
