import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** `server/src/main.ts` running as its own process (so it can be killed with -9). */
export interface ChildServer {
  child: ChildProcess;
  url: string;
}

/** Spawns main.ts on a free port with SQLite in `dataDir` and resolves once it logs that it listens. */
export async function spawnChildServer(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<ChildServer> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/src/main.ts"], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const match = /"url":"(http:[^"]+)".*"msg":"listening"/.exec(output);
      if (match?.[1]) resolve(match[1]);
      // Keep only the tail: a long run logs a lot.
      if (output.length > 64_000) output = output.slice(-16_000);
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    child.once("exit", (code) =>
      reject(new Error(`server exited with ${code} before listening:\n${output}`)),
    );
  });
  return { child, url };
}
