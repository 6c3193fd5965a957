import { type ChildProcess, spawn } from "node:child_process";
import type { Options as Argon2Options } from "@node-rs/argon2";

/** What the rater says of one password. */
export interface PasswordRating {
  /** In the common-passwords list (case-insensitive). */
  common: boolean;
  /** zxcvbn's score 0–4 given the person's own inputs (0 when common: not rated). */
  score: number;
}

/** One request to the child; each kind loads only what it needs. */
type Request =
  | { op: "rate"; password: string; inputs: readonly string[] }
  | { op: "hash"; password: string; options: Argon2Options }
  | { op: "verify"; hash: string; password: string };

/**
 * The child's whole program, a CommonJS script run with `node -e`. On first need it loads the common-passwords list
 * and zxcvbn with its dictionaries (to rate), or @node-rs/argon2 (to hash and verify), resolved from the path in its
 * first argument so the same source works under tsx, in tests and in the bundle. It answers each request by its id and
 * exits when the server disconnects or goes away.
 */
const CHILD_SOURCE = `
const load = require("node:module").createRequire(process.argv[1]);
let strength, argon2;
function rate(password, inputs) {
  if (!strength) {
    const { ZxcvbnFactory } = load("@zxcvbn-ts/core");
    const common = load("@zxcvbn-ts/language-common");
    strength = {
      commonPasswords: new Set(common.dictionary["passwords-common"].map((word) => word.toLowerCase())),
      zxcvbn: new ZxcvbnFactory({ dictionary: common.dictionary, graphs: common.adjacencyGraphs }),
    };
  }
  if (strength.commonPasswords.has(password.toLowerCase())) return { common: true, score: 0 };
  return { common: false, score: strength.zxcvbn.check(password, inputs).score };
}
process.on("disconnect", () => process.exit(0));
process.on("message", async ({ id, op, password, inputs, hash, options }) => {
  try {
    let result;
    if (op === "rate") result = rate(password, inputs);
    else if (op === "hash") result = await (argon2 ??= load("@node-rs/argon2")).hash(password, options);
    else if (op === "verify") result = await (argon2 ??= load("@node-rs/argon2")).verify(hash, password);
    else throw new Error("unknown request " + op);
    if (process.connected) process.send({ id, result });
  } catch (error) {
    if (process.connected) process.send({ id, error: String(error) });
  }
});
`;

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
}

/**
 * Does the server's password work in a short-lived child process: rating a new password's strength, and hashing and
 * verifying with argon2id. Neither the dictionaries' load and zxcvbn's work nor argon2's ever block the event loop
 * that relays every board, and the memory they take is given back whole once the process ends: the ~30 MiB of
 * dictionaries, and the ~5 MiB that loading argon2 (a Rust module with its own allocator) adds to a process for
 * good. A worker thread, used before for rating, left ~5 MiB of the server's RSS behind once it had ended: memory its
 * thread had allocated and freed stayed in the server's allocator. Started on the first request; ends after `idleMs`
 * without one and calls `onEnded` (also when it fails).
 */
export class PasswordProcess {
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
    this.#child = spawn(process.execPath, ["-e", CHILD_SOURCE, options.resolveFrom], {
      stdio: ["ignore", "ignore", "inherit", "ipc"],
      // Only what node needs to start; a password never goes on a command line.
      env: { PATH: process.env.PATH ?? "" },
    });
    // A waiting request keeps the server up through its promise's owner, not through the child.
    this.#child.unref();
    this.#child.channel?.unref();
    this.#child.on("message", ({ id, result, error }: { id: number; result?: unknown; error?: string }) => {
      const pending = this.#pending.get(id);
      this.#pending.delete(id);
      if (error === undefined) pending?.resolve(result);
      else pending?.reject(new Error(`password process: ${error}`));
      if (this.#pending.size === 0) this.#armIdle();
    });
    this.#child.on("error", (error) => this.#end(error));
    this.#child.on("exit", (code, signal) =>
      this.#end(new Error(`password process exited with ${code ?? signal}`)),
    );
  }

  /** The child's process id (undefined if it could not be started). */
  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** Rates one password; `inputs` are the person's own words (email, name and their parts). */
  rate(password: string, inputs: readonly string[]): Promise<PasswordRating> {
    return this.#request({ op: "rate", password, inputs }) as Promise<PasswordRating>;
  }

  /** Hashes a password with argon2 and these options; the PHC string carries its salt and parameters. */
  hash(password: string, options: Argon2Options): Promise<string> {
    return this.#request({ op: "hash", password, options }) as Promise<string>;
  }

  /** Whether a password matches an argon2 PHC string (fails for a malformed one). */
  verify(hash: string, password: string): Promise<boolean> {
    return this.#request({ op: "verify", hash, password }) as Promise<boolean>;
  }

  #request(request: Request): Promise<unknown> {
    if (this.#ended) return Promise.reject(new Error("password process has ended"));
    clearTimeout(this.#idleTimer);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#child.send({ id, ...request }, (error) => {
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

  /** Ends this process for good: waiting requests fail (unless it ended idle, with none waiting). */
  #end(error: Error | null): void {
    if (this.#ended) return;
    this.#ended = true;
    clearTimeout(this.#idleTimer);
    for (const pending of this.#pending.values())
      pending.reject(error ?? new Error("password process ended"));
    this.#pending.clear();
    this.#onEnded();
  }
}

/**
 * How long the shared password process stays up after its last request. Sign-up and sign-in are rare next to board
 * traffic, so it ends soon after; a burst of them still shares one process (starting one costs ~60 ms, in its own
 * process, added to the first request of a burst).
 */
const PASSWORD_PROCESS_IDLE_MS = 2_000;

let shared: PasswordProcess | undefined;

/** The server's one password process, started on first use. */
export function passwordProcess(): PasswordProcess {
  shared ??= new PasswordProcess({
    resolveFrom: import.meta.url,
    idleMs: PASSWORD_PROCESS_IDLE_MS,
    onEnded: () => {
      shared = undefined;
    },
  });
  return shared;
}

/** Whether the shared password process is running. */
export function passwordProcessRunning(): boolean {
  return shared !== undefined;
}
