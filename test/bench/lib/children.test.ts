import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { until } from "./common";

const FIXTURE = fileURLToPath(new URL("./children.fixture.ts", import.meta.url));
const leftovers: number[] = [];

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts the fixture (a stand-in bench) and resolves with it and the pid of the server it started. */
async function startBench(
  ending: "throw" | "exit" | "signal",
): Promise<{ bench: ChildProcess; serverPid: number }> {
  const bench = spawn(process.execPath, ["--import", "tsx", FIXTURE, ending], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const [line] = (await once(bench.stdout, "data")) as [Buffer];
  const serverPid = Number(line.toString().trim());
  leftovers.push(serverPid);
  expect(isRunning(serverPid)).toBe(true);
  return { bench, serverPid };
}

/** The kill is sent as the bench exits; the kernel may take a moment to reap the process. */
function gone(pid: number): Promise<boolean> {
  return until(() => !isRunning(pid), 2_000);
}

afterEach(() => {
  for (const pid of leftovers.splice(0)) if (isRunning(pid)) process.kill(pid, "SIGKILL");
});

describe("killOnExit", () => {
  it("kills the bench's servers when the bench crashes with an uncaught error", async () => {
    const { bench, serverPid } = await startBench("throw");
    const [code] = await once(bench, "exit");
    expect(code).toBe(1);
    expect(await gone(serverPid)).toBe(true);
  });

  it("kills them when the bench is stopped with SIGTERM, and exits as the signal would", async () => {
    const { bench, serverPid } = await startBench("signal");
    bench.kill("SIGTERM");
    const [code] = await once(bench, "exit");
    expect(code).toBe(128 + 15);
    expect(await gone(serverPid)).toBe(true);
  });

  it("kills them when the bench exits while they still run", async () => {
    const { bench, serverPid } = await startBench("exit");
    const [code] = await once(bench, "exit");
    expect(code).toBe(0);
    expect(await gone(serverPid)).toBe(true);
  });
});
