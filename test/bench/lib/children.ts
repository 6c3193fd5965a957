import type { ChildProcess } from "node:child_process";
import { constants } from "node:os";

/**
 * The server processes this bench started that have not exited yet. However the bench ends (done, a thrown error,
 * Ctrl-C, a kill), they are killed with it: a server left running would hold its port and a core, and skew every
 * later measurement on this machine.
 */
const running = new Set<ChildProcess>();

/** Signals that end the bench by default; each kills the children first, then ends the bench as the signal would. */
const ENDING_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

let installed = false;

/** Kills `child` when the bench ends before it does. */
export function killOnExit(child: ChildProcess): void {
  install();
  running.add(child);
  child.once("exit", () => running.delete(child));
}

function killRunning(): void {
  for (const child of running) child.kill("SIGKILL");
  running.clear();
}

function install(): void {
  if (installed) return;
  installed = true;
  // 'exit' also runs after an uncaught exception or an unhandled rejection; only synchronous work is possible here,
  // and `kill` is synchronous.
  process.once("exit", killRunning);
  for (const signal of ENDING_SIGNALS) {
    process.once(signal, () => {
      killRunning();
      process.exit(128 + constants.signals[signal]);
    });
  }
}
