import { type ChildProcess, spawn } from "node:child_process";

/** What the rater says of one password. */
export interface PasswordRating {
  /** In the common-passwords list (case-insensitive). */
  common: boolean;
  /** zxcvbn's score 0–4 given the person's own inputs (0 when common: not rated). */
  score: number;
}

/**
 * The rater's whole program, a CommonJS script run with `node -e`: it loads the common-passwords list and zxcvbn with
 * its dictionaries once (resolved from the path in its first argument, so the same source works under tsx, in tests
 * and in the bundle) and rates one password per IPC message. It exits when the server disconnects or goes away.
 */
const RATER_SOURCE = `
const load = require("node:module").createRequire(process.argv[1]);
const { ZxcvbnFactory } = load("@zxcvbn-ts/core");
const common = load("@zxcvbn-ts/language-common");
const commonPasswords = new Set(common.dictionary["passwords-common"].map((word) => word.toLowerCase()));
const zxcvbn = new ZxcvbnFactory({ dictionary: common.dictionary, graphs: common.adjacencyGraphs });
process.on("disconnect", () => process.exit(0));
process.on("message", ({ id, password, inputs }) => {
  try {
    if (commonPasswords.has(password.toLowerCase())) return process.send({ id, common: true, score: 0 });
    process.send({ id, common: false, score: zxcvbn.check(password, inputs).score });
  } catch (error) {
    process.send({ id, error: String(error) });
  }
});
`;

interface Pending {
  resolve(rating: PasswordRating): void;
  reject(error: Error): void;
}

/**
 * Rates passwords in a short-lived child process, so the dictionaries' load and zxcvbn's work never block the event
 * loop that relays every board, and so the ~30 MiB they take is given back whole once it ends. (A worker thread,
 * used before, left ~5 MiB of the server's RSS behind once it had ended, a little more after each later one: memory
 * its thread had allocated and freed stayed in the server's allocator.) Started on the first rating; ends after
 * `idleMs` without one and calls `onEnded` (also when it fails). Ratings are answered in order.
 */
export class PasswordStrengthProcess {
  readonly #child: ChildProcess;
  readonly #pending = new Map<number, Pending>();
  readonly #idleMs: number;
  readonly #onEnded: () => void;
  #nextId = 0;
  #idleTimer: NodeJS.Timeout | undefined;
  #ended = false;

  constructor(options: { resolveFrom: string; idleMs: number; onEnded: () => void }) {
    this.#idleMs = options.idleMs;
    this.#onEnded = options.onEnded;
    this.#child = spawn(process.execPath, ["-e", RATER_SOURCE, options.resolveFrom], {
      stdio: ["ignore", "ignore", "inherit", "ipc"],
      // Only what node needs to start; a password never goes on a command line.
      env: { PATH: process.env.PATH ?? "" },
    });
    // A waiting rating keeps the server up through its promise's owner, not through the child.
    this.#child.unref();
    this.#child.channel?.unref();
    this.#child.on(
      "message",
      ({ id, common, score, error }: PasswordRating & { id: number; error?: string }) => {
        const pending = this.#pending.get(id);
        this.#pending.delete(id);
        if (error === undefined) pending?.resolve({ common, score });
        else pending?.reject(new Error(`password could not be rated: ${error}`));
        if (this.#pending.size === 0) this.#armIdle();
      },
    );
    this.#child.on("error", (error) => this.#end(error));
    this.#child.on("exit", (code, signal) =>
      this.#end(new Error(`password strength rater exited with ${code ?? signal}`)),
    );
  }

  /** The child's process id (undefined if it could not be started). */
  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** Rates one password; `inputs` are the person's own words (email, name and their parts). */
  rate(password: string, inputs: readonly string[]): Promise<PasswordRating> {
    if (this.#ended) return Promise.reject(new Error("password strength rater has ended"));
    clearTimeout(this.#idleTimer);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#child.send({ id, password, inputs }, (error) => {
        if (error) this.#end(error);
      });
    });
  }

  #armIdle(): void {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => {
      this.#end(null);
      // Disconnecting lets the child exit on its own; the kill is for one that does not.
      if (this.#child.connected) this.#child.disconnect();
      setTimeout(() => this.#child.kill(), 5_000).unref();
    }, this.#idleMs);
    this.#idleTimer.unref();
  }

  /** Ends this rater for good: waiting ratings fail (unless it ended idle, with none waiting). */
  #end(error: Error | null): void {
    if (this.#ended) return;
    this.#ended = true;
    clearTimeout(this.#idleTimer);
    for (const pending of this.#pending.values())
      pending.reject(error ?? new Error("password strength rater ended"));
    this.#pending.clear();
    this.#onEnded();
  }
}
