import * as awarenessProtocol from "y-protocols/awareness";
import type { Logger } from "../logger";
import { FANOUT_ORIGIN, type Room, type RoomRelay } from "../rooms/Room";
import type { DocStore } from "../store";
import type { FanoutBus, FanoutMessage, FanoutSubscription } from "./FanoutBus";
import { encodeDocState, lacksState } from "./lacksState";

/** What a room's link to the other instances needs. */
export interface RoomFanoutOptions {
  boardId: string;
  bus: FanoutBus;
  /** The shared store gap repairs reload the board from. */
  store: DocStore;
  logger: Logger;
  /** How often the room's state is published so peers can spot what they missed. */
  repairIntervalMs: number;
  /** How long `start` waits for the subscription before loading anyway (a repair catches up later). */
  subscribeTimeoutMs?: number;
}

/**
 * One room's link to the same board on other server instances. Subscribed before the room loads (messages arriving
 * meanwhile are kept and applied after), it publishes each update the room stored (once, by the instance that
 * stored it) and the presence of local sockets, applies what the others publish, and repairs gaps: every
 * `repairIntervalMs`, and when the bus reconnects, it publishes the room's state (state vector and delete set); an
 * instance that sees a peer holding something it lacks reloads the board from the shared store and applies it.
 */
export class RoomFanout implements RoomRelay {
  readonly #options: RoomFanoutOptions;
  readonly #log: Logger;
  #room: Room | null = null;
  #early: FanoutMessage[] = [];
  #subscription: Promise<FanoutSubscription | null> | null = null;
  #timer: NodeJS.Timeout | undefined;
  #offReconnect: (() => void) | undefined;
  #repairing = false;
  #repairAgain = false;
  #stopped = false;
  /** Instances whose state messages this room has seen: a new one is sent the presence of this room's sockets. */
  readonly #knownPeers = new Set<string>();

  constructor(options: RoomFanoutOptions) {
    this.#options = options;
    this.#log = options.logger.child({ boardId: options.boardId, component: "fanout" });
  }

  /** Subscribes to the board's channel; resolves once subscribed, or after the timeout with a warning. */
  async start(): Promise<void> {
    const { bus, boardId } = this.#options;
    this.#subscription = bus
      .subscribe(boardId, (message) => this.#receive(message))
      .then(
        (subscription) => subscription,
        (error: unknown) => {
          this.#log.warn({ err: error }, "fan-out subscribe failed; relying on gap repair");
          return null;
        },
      );
    let timer: NodeJS.Timeout | undefined;
    const late = await Promise.race([
      this.#subscription.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), this.#options.subscribeTimeoutMs ?? 2_000);
      }),
    ]);
    clearTimeout(timer);
    if (late) this.#log.warn("fan-out subscribe is slow; loading the board without waiting");
  }

  /** Connects the loaded room: applies what arrived during the load, relays presence, starts the repair timer. */
  attach(room: Room): void {
    if (this.#stopped) return;
    this.#room = room;
    const early = this.#early;
    this.#early = [];
    for (const message of early) this.#handle(room, message);
    room.awareness.on("update", this.#onAwareness);
    this.#timer = setInterval(() => this.#publishState(), this.#options.repairIntervalMs);
    this.#timer.unref();
    this.#offReconnect = this.#options.bus.onReconnect(() => {
      this.#knownPeers.clear();
      this.#publishState();
      this.#repair("bus reconnected");
    });
    // Introduces this room to the others at once: they answer with their sockets' presence (see "state" below).
    this.#publishState();
  }

  /** Disconnects from the room and unsubscribes (the room is being unloaded). */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    clearInterval(this.#timer);
    this.#offReconnect?.();
    this.#room?.awareness.off("update", this.#onAwareness);
    this.#room = null;
    this.#early = [];
    const subscription = await this.#subscription;
    await subscription?.unsubscribe().catch((error: unknown) => {
      this.#log.warn({ err: error }, "fan-out unsubscribe failed");
    });
  }

  stored(update: Uint8Array): void {
    this.#publish({ type: "update", update });
  }

  gapped(): void {
    this.#repair("a client's update was gapped");
  }

  readonly #onAwareness = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const room = this.#room;
    if (!room || origin === FANOUT_ORIGIN) return;
    const changed = [...change.added, ...change.updated, ...change.removed];
    if (changed.length === 0) return;
    this.#publish({
      type: "awareness",
      update: awarenessProtocol.encodeAwarenessUpdate(room.awareness, changed),
    });
  };

  #receive(message: FanoutMessage): void {
    if (this.#stopped) return;
    if (!this.#room) {
      this.#early.push(message);
      return;
    }
    this.#handle(this.#room, message);
  }

  #handle(room: Room, message: FanoutMessage): void {
    try {
      switch (message.type) {
        case "update":
          if (!room.applyRemoteUpdate(message.update)) this.#repair(`gapped update from ${message.from}`);
          return;
        case "awareness":
          room.applyRemoteAwareness(message.update);
          return;
        case "state":
          if (!this.#knownPeers.has(message.from)) {
            // A room that just loaded there (or an instance that reconnected): presence is not stored, so send ours
            // now rather than at each socket's next renewal, and our state so it can catch up with us.
            this.#knownPeers.add(message.from);
            const presence = room.localAwareness();
            if (presence) this.#publish({ type: "awareness", update: presence });
            this.#publishState();
          }
          if (lacksState(room.doc, message.snapshot)) this.#recheckSoon(message.from, message.snapshot);
          return;
      }
    } catch (error) {
      this.#log.warn({ err: error, from: message.from, type: message.type }, "dropped a bad fan-out message");
    }
  }

  /**
   * A peer that looks ahead is usually only ahead by updates still in flight to us (or not yet stored there); look
   * again after a short grace, and reload from the store only if we still lack something.
   */
  #recheckSoon(from: string, snapshot: Uint8Array): void {
    const grace = Math.min(1_000, Math.ceil(this.#options.repairIntervalMs / 5));
    setTimeout(() => {
      const room = this.#room;
      if (room && lacksState(room.doc, snapshot)) this.#repair(`instance ${from} is ahead`);
    }, grace).unref();
  }

  #publishState(): void {
    const room = this.#room;
    if (room) this.#publish({ type: "state", snapshot: encodeDocState(room.doc) });
  }

  #publish(payload: Parameters<FanoutBus["publish"]>[1]): void {
    if (this.#stopped) return;
    this.#options.bus.publish(this.#options.boardId, payload).catch((error: unknown) => {
      this.#log.warn({ err: error, type: payload.type }, "fan-out publish failed; gap repair will cover it");
    });
  }

  /** Reloads the board from the shared store and applies it; one at a time, with one more if asked meanwhile. */
  #repair(reason: string): void {
    if (this.#stopped) return;
    if (this.#repairing) {
      this.#repairAgain = true;
      return;
    }
    this.#repairing = true;
    const started = performance.now();
    this.#options.store
      .load(this.#options.boardId)
      .then(
        (stored) => {
          this.#room?.applyStoredState(stored.updates);
          this.#log.info({ reason, ms: Math.round(performance.now() - started) }, "repaired a fan-out gap");
        },
        (error: unknown) => this.#log.error({ err: error, reason }, "gap repair could not load the board"),
      )
      .finally(() => {
        this.#repairing = false;
        if (this.#repairAgain) {
          this.#repairAgain = false;
          this.#repair(reason);
        }
      });
  }
}
