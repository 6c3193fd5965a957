import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import type { Logger } from "../logger";
import type { FanoutBus, FanoutMessage, FanoutPayload, FanoutSubscription } from "./FanoutBus";
import { FanoutListeners } from "./FanoutListeners";
import { type SocketEvent, socketEventSchema } from "./SocketEvent";

type SocketListener = (event: SocketEvent, from: string) => void;

import { decodeFanoutMessage, encodeFanoutMessage } from "./fanoutCodec";

/** What the Redis bus needs: where Redis is, the channel prefix, a logger, and optionally a fixed instance id. */
export interface RedisFanoutBusOptions {
  url: string;
  /** Channels are `<prefix>:board:<boardId>`; instances share a prefix, separate deployments (or test runs) do not. */
  prefix: string;
  logger: Logger;
  instanceId?: string;
}

/**
 * The FanoutBus over Redis pub/sub: one connection publishes, another (in subscriber mode) listens, one channel per
 * board. Redis pub/sub is at-most-once: a message published while a subscriber is disconnected is lost for it, which
 * is why reconnects are reported (`onReconnect`) and rooms repair gaps.
 */
export class RedisFanoutBus implements FanoutBus {
  readonly instanceId: string;
  readonly #prefix: string;
  readonly #log: Logger;
  readonly #pub: Redis;
  readonly #sub: Redis;
  readonly #listeners = new FanoutListeners();
  readonly #reconnectListeners = new Set<() => void>();
  readonly #socketListeners = new Set<SocketListener>();
  readonly #socketsChannel: string;
  #closed = false;

  /** Connects both connections (lazily retried by ioredis while Redis is down). */
  constructor(options: RedisFanoutBusOptions) {
    this.instanceId = options.instanceId ?? randomUUID();
    this.#prefix = `${options.prefix}:board:`;
    this.#socketsChannel = `${options.prefix}:sockets`;
    this.#log = options.logger.child({ component: "fanout", instanceId: this.instanceId });
    const name = `${options.prefix}:${this.instanceId}`;
    this.#pub = new Redis(options.url, { connectionName: `${name}:pub` });
    this.#sub = new Redis(options.url, { connectionName: `${name}:sub` });
    for (const [role, connection] of [
      ["pub", this.#pub],
      ["sub", this.#sub],
    ] as const) {
      connection.on("error", (error: Error) =>
        this.#log.warn({ err: error, role }, "redis connection error"),
      );
      let connectedBefore = false;
      connection.on("ready", () => {
        if (connectedBefore) {
          this.#log.info({ role }, "redis connection is back; repairing gaps");
          for (const listener of this.#reconnectListeners) listener();
        }
        connectedBefore = true;
      });
    }
    this.#sub.on("messageBuffer", (channel: Buffer, frame: Buffer) => this.#receive(channel, frame));
    this.#sub.on("message", (channel: string, text: string) => {
      if (channel === this.#socketsChannel) this.#receiveSocketEvent(text);
    });
  }

  async subscribe(boardId: string, listener: (message: FanoutMessage) => void): Promise<FanoutSubscription> {
    this.#assertOpen();
    if (this.#listeners.add(boardId, listener)) await this.#sub.subscribe(this.#channel(boardId));
    return {
      unsubscribe: async () => {
        if (this.#listeners.remove(boardId, listener) && !this.#closed) {
          await this.#sub.unsubscribe(this.#channel(boardId));
        }
      },
    };
  }

  async publish(boardId: string, payload: FanoutPayload): Promise<void> {
    this.#assertOpen();
    const frame = encodeFanoutMessage({ ...payload, from: this.instanceId });
    await this.#pub.publish(
      this.#channel(boardId),
      Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength),
    );
  }

  async subscribeSockets(listener: SocketListener): Promise<FanoutSubscription> {
    this.#assertOpen();
    this.#socketListeners.add(listener);
    if (this.#socketListeners.size === 1) await this.#sub.subscribe(this.#socketsChannel);
    return {
      unsubscribe: async () => {
        if (this.#socketListeners.delete(listener) && this.#socketListeners.size === 0 && !this.#closed) {
          await this.#sub.unsubscribe(this.#socketsChannel);
        }
      },
    };
  }

  async publishSockets(event: SocketEvent): Promise<void> {
    this.#assertOpen();
    await this.#pub.publish(this.#socketsChannel, JSON.stringify({ from: this.instanceId, event }));
  }

  onReconnect(listener: () => void): () => void {
    this.#reconnectListeners.add(listener);
    return () => this.#reconnectListeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#reconnectListeners.clear();
    await Promise.all(
      [this.#pub, this.#sub].map((connection) =>
        connection.quit().then(
          () => undefined,
          (error: unknown) => {
            this.#log.debug({ err: error }, "redis quit failed; disconnecting");
            connection.disconnect();
          },
        ),
      ),
    );
  }

  #receive(channel: Buffer, frame: Buffer): void {
    const name = channel.toString("utf8");
    if (!name.startsWith(this.#prefix)) return;
    const boardId = name.slice(this.#prefix.length);
    let message: FanoutMessage;
    try {
      message = decodeFanoutMessage(new Uint8Array(frame.buffer, frame.byteOffset, frame.byteLength));
    } catch (error) {
      this.#log.warn({ err: error, boardId }, "dropped an undecodable fan-out message");
      return;
    }
    if (message.from === this.instanceId) return;
    this.#listeners.deliver(boardId, message, (error) =>
      this.#log.error({ err: error, boardId, type: message.type }, "fan-out listener failed"),
    );
  }

  #receiveSocketEvent(text: string): void {
    let from: unknown;
    let event: SocketEvent;
    try {
      const parsed = JSON.parse(text) as { from?: unknown; event?: unknown };
      from = parsed.from;
      event = socketEventSchema.parse(parsed.event);
    } catch (error) {
      this.#log.warn({ err: error }, "dropped an invalid socket event");
      return;
    }
    if (typeof from !== "string" || from === this.instanceId) return;
    for (const listener of this.#socketListeners) {
      try {
        listener(event, from);
      } catch (error) {
        this.#log.error({ err: error, type: event.type }, "socket event listener failed");
      }
    }
  }

  #channel(boardId: string): string {
    return `${this.#prefix}${boardId}`;
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error("fan-out bus is closed");
  }
}
