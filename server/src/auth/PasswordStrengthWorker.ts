import { Worker } from "node:worker_threads";

/** What the worker says of one password. */
export interface PasswordRating {
  /** In the common-passwords list (case-insensitive). */
  common: boolean;
  /** zxcvbn's score 0–4 given the person's own inputs (0 when common: not rated). */
  score: number;
}

/**
 * The worker's whole program, a CommonJS script: it loads the common-passwords list and zxcvbn with its dictionaries
 * once (resolved from `workerData.resolveFrom`, so the same source works under tsx, in tests and in the bundle) and
 * rates one password per message.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const load = require("node:module").createRequire(workerData.resolveFrom);
const { ZxcvbnFactory } = load("@zxcvbn-ts/core");
const common = load("@zxcvbn-ts/language-common");
const commonPasswords = new Set(common.dictionary["passwords-common"].map((word) => word.toLowerCase()));
const zxcvbn = new ZxcvbnFactory({ dictionary: common.dictionary, graphs: common.adjacencyGraphs });
parentPort.on("message", ({ id, password, inputs }) => {
  try {
    if (commonPasswords.has(password.toLowerCase())) return parentPort.postMessage({ id, common: true, score: 0 });
    parentPort.postMessage({ id, common: false, score: zxcvbn.check(password, inputs).score });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error) });
  }
});
`;

interface Pending {
  resolve(rating: PasswordRating): void;
  reject(error: Error): void;
}

/**
 * Rates passwords on a worker thread, so the dictionaries' load and zxcvbn's work never block the event loop that
 * relays every board. Started on the first rating; ends itself after `idleMs` without one (its isolate and
 * dictionaries are freed) and calls `onEnded` (also when it fails). Ratings are answered in order.
 */
export class PasswordStrengthWorker {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  readonly #idleMs: number;
  readonly #onEnded: () => void;
  #nextId = 0;
  #idleTimer: NodeJS.Timeout | undefined;
  #ended = false;

  constructor(options: { resolveFrom: string; idleMs: number; onEnded: () => void }) {
    this.#idleMs = options.idleMs;
    this.#onEnded = options.onEnded;
    this.#worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { resolveFrom: options.resolveFrom },
    });
    // A waiting rating keeps the process up through its promise's owner, not through the worker.
    this.#worker.unref();
    this.#worker.on(
      "message",
      ({ id, common, score, error }: PasswordRating & { id: number; error?: string }) => {
        const pending = this.#pending.get(id);
        this.#pending.delete(id);
        if (error === undefined) pending?.resolve({ common, score });
        else pending?.reject(new Error(`password could not be rated: ${error}`));
        if (this.#pending.size === 0) this.#armIdle();
      },
    );
    this.#worker.on("error", (error) => this.#end(error));
    this.#worker.on("exit", (code) => this.#end(new Error(`password strength worker exited with ${code}`)));
  }

  /** Rates one password; `inputs` are the person's own words (email, name and their parts). */
  rate(password: string, inputs: readonly string[]): Promise<PasswordRating> {
    if (this.#ended) return Promise.reject(new Error("password strength worker has ended"));
    clearTimeout(this.#idleTimer);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, password, inputs });
    });
  }

  #armIdle(): void {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => {
      this.#end(null);
      void this.#worker.terminate();
    }, this.#idleMs);
    this.#idleTimer.unref();
  }

  /** Ends this worker for good: waiting ratings fail (unless it ended idle, with none waiting). */
  #end(error: Error | null): void {
    if (this.#ended) return;
    this.#ended = true;
    clearTimeout(this.#idleTimer);
    for (const pending of this.#pending.values())
      pending.reject(error ?? new Error("password strength worker ended"));
    this.#pending.clear();
    this.#onEnded();
  }
}
