import { randomUUID } from "node:crypto";
import type { FanoutBus, FanoutMessage, FanoutPayload, FanoutSubscription } from "./FanoutBus";
import { FanoutListeners } from "./FanoutListeners";
import type { SocketEvent } from "./SocketEvent";

type SocketListener = (event: SocketEvent, from: string) => void;

/**
 * The in-process twin of Redis pub/sub: buses connected to one hub are "instances" that hear each other, delivered
 * asynchronously like a network would. For tests, and for a single process that wants the fan-out code path.
 */
export class LocalFanoutHub {
  readonly #buses = new Set<LocalFanoutBus>();

  /** A new bus (one instance) on this hub. */
  connect(instanceId: string = randomUUID()): FanoutBus {
    const bus = new LocalFanoutBus(instanceId, this.#buses);
    this.#buses.add(bus);
    return bus;
  }

  /** Tells every bus's reconnect listeners that their connection came back (as after a Redis outage). */
  reconnectAll(): void {
    for (const bus of this.#buses) bus.reconnected();
  }
}

class LocalFanoutBus implements FanoutBus {
  readonly instanceId: string;
  readonly #hub: Set<LocalFanoutBus>;
  readonly #listeners = new FanoutListeners();
  readonly #reconnectListeners = new Set<() => void>();
  readonly #socketListeners = new Set<SocketListener>();
  #closed = false;

  constructor(instanceId: string, hub: Set<LocalFanoutBus>) {
    this.instanceId = instanceId;
    this.#hub = hub;
  }

  async subscribe(boardId: string, listener: (message: FanoutMessage) => void): Promise<FanoutSubscription> {
    this.#assertOpen();
    this.#listeners.add(boardId, listener);
    return {
      unsubscribe: async () => {
        this.#listeners.remove(boardId, listener);
      },
    };
  }

  async publish(boardId: string, payload: FanoutPayload): Promise<void> {
    this.#assertOpen();
    // A copy, as the bytes would be after crossing a network, delivered on a later turn.
    const message = copyOf({ ...payload, from: this.instanceId });
    setImmediate(() => {
      for (const bus of this.#hub) if (bus !== this) bus.#deliver(boardId, message);
    });
  }

  async subscribeSockets(listener: SocketListener): Promise<FanoutSubscription> {
    this.#assertOpen();
    this.#socketListeners.add(listener);
    return {
      unsubscribe: async () => {
        this.#socketListeners.delete(listener);
      },
    };
  }

  async publishSockets(event: SocketEvent): Promise<void> {
    this.#assertOpen();
    const copy = structuredClone(event);
    setImmediate(() => {
      for (const bus of this.#hub) {
        if (bus === this || bus.#closed) continue;
        for (const listener of bus.#socketListeners) listener(copy, this.instanceId);
      }
    });
  }

  onReconnect(listener: () => void): () => void {
    this.#reconnectListeners.add(listener);
    return () => this.#reconnectListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#hub.delete(this);
  }

  /** Runs the reconnect listeners (see `LocalFanoutHub.reconnectAll`). */
  reconnected(): void {
    for (const listener of this.#reconnectListeners) listener();
  }

  #deliver(boardId: string, message: FanoutMessage): void {
    if (this.#closed) return;
    this.#listeners.deliver(boardId, message, (error) => {
      process.emitWarning(`fan-out listener failed: ${String(error)}`);
    });
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error("fan-out bus is closed");
  }
}

function copyOf(message: FanoutMessage): FanoutMessage {
  return message.type === "state"
    ? { ...message, snapshot: message.snapshot.slice() }
    : { ...message, update: message.update.slice() };
}
