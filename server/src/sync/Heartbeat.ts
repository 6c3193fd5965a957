/** What the heartbeat asks of an open socket once per interval. */
export interface Beating {
  /** Pings the socket, or ends it when the previous ping went unanswered. */
  heartbeat(): void;
}

/** How many groups the sockets are spread over: each tick of the timer serves one group. */
const GROUPS = 10;

/**
 * Beats every open socket once per `intervalMs` from one timer, rather than a timer per socket (a timer and its
 * closure cost ~0.2 KiB per socket). The sockets are spread over ten groups and each tick serves one group, so a
 * server with many sockets pings them in small batches rather than all at once.
 */
export class Heartbeat {
  readonly #groups: Set<Beating>[] = Array.from({ length: GROUPS }, () => new Set());
  readonly #intervalMs: number;
  #nextGroup = 0;
  #nextTick = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(intervalMs: number) {
    this.#intervalMs = intervalMs;
  }

  /** Starts beating a socket: its first beat comes within one interval. */
  add(socket: Beating): void {
    (this.#groups[this.#nextGroup] as Set<Beating>).add(socket);
    this.#nextGroup = (this.#nextGroup + 1) % GROUPS;
    this.#timer ??= setInterval(() => this.#tick(), this.#intervalMs / GROUPS);
  }

  /** Stops beating a socket (it has closed). */
  remove(socket: Beating): void {
    for (const group of this.#groups) group.delete(socket);
    if (this.#groups.every((group) => group.size === 0)) this.close();
  }

  /** Stops the timer (shutdown; a later `add` starts it again). */
  close(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #tick(): void {
    const group = this.#groups[this.#nextTick] as Set<Beating>;
    this.#nextTick = (this.#nextTick + 1) % GROUPS;
    // A beat may end its socket, which removes it from the group: a Set's iterator allows that.
    for (const socket of group) socket.heartbeat();
  }
}
