// Run by children.test.ts as a stand-in bench: starts a long-lived child under `killOnExit`, prints its pid, then
// ends as argv[2] says: "throw" (an uncaught error), "exit" (exits while the child runs) or "signal" (waits to be
// sent SIGTERM; the child's handle keeps this process alive until then).
import { spawn } from "node:child_process";
import { killOnExit } from "./children";

const ending = process.argv[2];
const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
killOnExit(child);
child.once("spawn", () => {
  process.stdout.write(`${child.pid}\n`);
  setTimeout(() => {
    if (ending === "throw") throw new Error("the bench crashed");
    if (ending === "exit") process.exit(0);
  }, 50);
});
