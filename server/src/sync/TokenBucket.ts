/**
 * A token bucket: `ratePerSecond` tokens refill continuously up to `burst`; each message takes one, and a message
 * that finds the bucket empty is over the limit.
 */
export class TokenBucket {
  #tokens: number;
  #last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number = monotonicNow,
  ) {
    this.#tokens = burst;
    this.#last = now();
  }

  /** Takes one token; false when none is left (the caller refuses the message). */
  take(): boolean {
    const now = this.now();
    this.#tokens = Math.min(this.burst, this.#tokens + ((now - this.#last) / 1000) * this.ratePerSecond);
    this.#last = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}

/** One shared clock for every bucket (a bound `performance.now` per socket would be one more object each). */
function monotonicNow(): number {
  return performance.now();
}
