import type { LoginAttempt, LoginThrottle } from "./LoginThrottle";

/** How many failures a key may collect within a window before it is refused. */
export interface ThrottleLimit {
  max: number;
  windowMs: number;
}

/** The limits of the in-memory throttle, with a clock tests can move. */
export interface MemoryLoginThrottleOptions {
  perAccount?: ThrottleLimit;
  perIp?: ThrottleLimit;
  now?: () => number;
}

const FIFTEEN_MINUTES = 15 * 60 * 1000;
/** Forget keys that have been quiet this often, so memory stays bounded under a spray of addresses. */
const SWEEP_EVERY_FAILURES = 1_000;

/**
 * A sliding-window failure counter per key, in memory (one server instance). By default 5 failures per account and 30
 * per IP in 15 minutes; the wait is until the oldest failure in the window leaves it.
 */
export class MemoryLoginThrottle implements LoginThrottle {
  readonly #perAccount: ThrottleLimit;
  readonly #perIp: ThrottleLimit;
  readonly #now: () => number;
  /** Failure times per key, oldest first, at most `max` kept. */
  readonly #failures = new Map<string, number[]>();
  #sinceSweep = 0;

  constructor({
    perAccount = { max: 5, windowMs: FIFTEEN_MINUTES },
    perIp = { max: 30, windowMs: FIFTEEN_MINUTES },
    now = Date.now,
  }: MemoryLoginThrottleOptions = {}) {
    this.#perAccount = perAccount;
    this.#perIp = perIp;
    this.#now = now;
  }

  async retryAfter({ email, ip }: LoginAttempt): Promise<number> {
    const waitMs = Math.max(
      this.#wait(`account:${email}`, this.#perAccount),
      this.#wait(`ip:${ip}`, this.#perIp),
    );
    return Math.ceil(waitMs / 1000);
  }

  async failed({ email, ip }: LoginAttempt): Promise<void> {
    this.#record(`account:${email}`, this.#perAccount);
    this.#record(`ip:${ip}`, this.#perIp);
    if (++this.#sinceSweep >= SWEEP_EVERY_FAILURES) this.#sweep();
  }

  async succeeded({ email }: LoginAttempt): Promise<void> {
    this.#failures.delete(`account:${email}`);
  }

  /** Number of keys tracked (for tests of the sweep). */
  get size(): number {
    return this.#failures.size;
  }

  #wait(key: string, limit: ThrottleLimit): number {
    const times = this.#recent(key, limit);
    if (times.length < limit.max) return 0;
    return (times[times.length - limit.max] as number) + limit.windowMs - this.#now();
  }

  #record(key: string, limit: ThrottleLimit): void {
    const times = this.#recent(key, limit);
    times.push(this.#now());
    if (times.length > limit.max) times.splice(0, times.length - limit.max);
    this.#failures.set(key, times);
  }

  #recent(key: string, limit: ThrottleLimit): number[] {
    const since = this.#now() - limit.windowMs;
    const times = (this.#failures.get(key) ?? []).filter((time) => time > since);
    if (times.length === 0) this.#failures.delete(key);
    return times;
  }

  #sweep(): void {
    this.#sinceSweep = 0;
    for (const key of [...this.#failures.keys()]) {
      this.#recent(key, key.startsWith("ip:") ? this.#perIp : this.#perAccount);
    }
  }
}
