import type { FanoutBus, FanoutPayload, FanoutSubscription } from "./FanoutBus";
import type { SocketEvent } from "./SocketEvent";

/**
 * For tests: a bus around a real one that can be told to lose its next document update, as Redis pub/sub may, and
 * records what it was asked to publish. Everything else (delivery, gap repair) stays the real path.
 */
export class LossyFanoutBus implements FanoutBus {
  /** When set, the next "update" publish is silently dropped (and this flag cleared). */
  dropNextUpdate = false;
  /** The type of every payload published through this bus, dropped ones included. */
  readonly published: FanoutPayload["type"][] = [];

  constructor(readonly inner: FanoutBus) {}

  get instanceId(): string {
    return this.inner.instanceId;
  }

  subscribe(...args: Parameters<FanoutBus["subscribe"]>): Promise<FanoutSubscription> {
    return this.inner.subscribe(...args);
  }

  async publish(boardId: string, payload: FanoutPayload): Promise<void> {
    this.published.push(payload.type);
    if (payload.type === "update" && this.dropNextUpdate) {
      this.dropNextUpdate = false;
      return;
    }
    await this.inner.publish(boardId, payload);
  }

  subscribeSockets(...args: Parameters<FanoutBus["subscribeSockets"]>): Promise<FanoutSubscription> {
    return this.inner.subscribeSockets(...args);
  }

  publishSockets(event: SocketEvent): Promise<void> {
    return this.inner.publishSockets(event);
  }

  onReconnect(listener: () => void): () => void {
    return this.inner.onReconnect(listener);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
