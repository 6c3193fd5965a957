/** What the heartbeat asks of an open socket once per interval. */
export interface Beating {
  /** Pings the socket, or ends it when the previous ping went unanswered. */
  heartbeat(): void;
}

/** How often the timer ticks (at most): each tick beats an equal share of the sockets. */
const TICK_MS = 100;

/**
 * Beats every open socket once per `intervalMs` from one timer, rather than a timer per socket (a timer and its
 * closure cost ~0.2 KiB per socket). One pass over the sockets takes one interval and is spread evenly over its ticks
 * (every 100 ms), so 10,000 sockets at 30 s are pinged 34 at a time rather than in large bursts: a burst of pings
 * blocks the server's loop for every write and sends every client a ping to answer at the same moment, which is what
 * the busiest presence traffic then waits behind.
 *
 * A pass walks the sockets in the order they were added with one live iterator (which skips removed sockets and
 * reaches sockets added while it runs), so nothing is kept per socket besides its place in one Set. Each socket is
 * beaten once per pass; a socket added after its pass's walk has ended is first beaten in the next pass, within two
 * intervals.
 */
export class Heartbeat {
  readonly #sockets = new Set<Beating>();
  readonly #intervalMs: number;
  readonly #ticksPerPass: number;
  #timer: NodeJS.Timeout | undefined;
  /** The current pass's walk over `#sockets`; null once it has reached the end. */
  #walk: Iterator<Beating> | null = null;
  #tickOfPass = 0;

  constructor(intervalMs: number) {
    this.#intervalMs = intervalMs;
    this.#ticksPerPass = Math.max(1, Math.round(intervalMs / TICK_MS));
  }

  /** Starts beating a socket. */
  add(socket: Beating): void {
    this.#sockets.add(socket);
    if (this.#timer) return;
    this.#walk = this.#sockets.values();
    this.#tickOfPass = 0;
    this.#timer = setInterval(() => this.#tick(), this.#intervalMs / this.#ticksPerPass);
  }

  /** Stops beating a socket (it has closed). */
  remove(socket: Beating): void {
    this.#sockets.delete(socket);
    if (this.#sockets.size === 0) this.close();
  }

  /** Stops the timer (shutdown; a later `add` starts it again). */
  close(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#walk = null;
  }

  #tick(): void {
    this.#tickOfPass++;
    const lastTickOfPass = this.#tickOfPass === this.#ticksPerPass;
    // An even share per tick; the pass's last tick beats whatever the walk has not reached yet.
    let share = lastTickOfPass
      ? Number.POSITIVE_INFINITY
      : Math.ceil(this.#sockets.size / this.#ticksPerPass);
    // A beat may end its socket, which removes it from the Set: a live iterator allows that.
    while (this.#walk && share > 0) {
      const next = this.#walk.next();
      if (next.done) this.#walk = null;
      else {
        next.value.heartbeat();
        share--;
      }
    }
    if (lastTickOfPass && this.#timer) {
      this.#walk = this.#sockets.values();
      this.#tickOfPass = 0;
    }
  }
}
