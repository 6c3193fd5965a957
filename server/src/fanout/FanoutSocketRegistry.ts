import type { Logger } from "../logger";
import type { CloseCode } from "../protocol";
import type { Role } from "../roles";
import { SocketRegistry, type SocketRegistryOptions } from "../sync/SocketRegistry";
import type { FanoutBus, FanoutSubscription } from "./FanoutBus";
import type { SocketEvent } from "./SocketEvent";

/**
 * The socket registry of one instance among several: sign-out, removal, board deletion and role changes act on this
 * instance's sockets and are published, so sockets open on the other instances get them too (within a pub/sub hop).
 */
export class FanoutSocketRegistry extends SocketRegistry {
  readonly #bus: FanoutBus;
  readonly #log: Logger;
  #subscription: Promise<FanoutSubscription | null> | undefined;

  constructor(options: SocketRegistryOptions & { bus: FanoutBus }) {
    super(options);
    this.#bus = options.bus;
    this.#log = options.logger.child({ component: "fanout-sockets" });
  }

  /** Subscribes to the other instances' socket events. */
  async start(): Promise<void> {
    this.#subscription = this.#bus
      .subscribeSockets((event) => this.#apply(event))
      .catch((error: unknown) => {
        this.#log.error({ err: error }, "socket events from other instances will not arrive");
        return null;
      });
    await this.#subscription;
  }

  override closeSession(key: string, code: CloseCode, reason: string): void {
    super.closeSession(key, code, reason);
    this.#publish({ type: "close-session", key, code, reason });
  }

  override closeUserOnBoard(boardId: string, userId: string, code: CloseCode, reason: string): void {
    super.closeUserOnBoard(boardId, userId, code, reason);
    this.#publish({ type: "close-user-on-board", boardId, userId, code, reason });
  }

  override closeBoard(boardId: string, code: CloseCode, reason: string): void {
    super.closeBoard(boardId, code, reason);
    this.#publish({ type: "close-board", boardId, code, reason });
  }

  override setRole(boardId: string, userId: string, role: Role): void {
    super.setRole(boardId, userId, role);
    this.#publish({ type: "set-role", boardId, userId, role });
  }

  override close(): void {
    super.close();
    void this.#subscription?.then((subscription) =>
      subscription?.unsubscribe().catch((error: unknown) => {
        this.#log.debug({ err: error }, "socket events unsubscribe failed");
      }),
    );
  }

  /** Applies another instance's event to this instance's sockets only (no re-publishing). */
  #apply(event: SocketEvent): void {
    switch (event.type) {
      case "close-session":
        super.closeSession(event.key, event.code, event.reason);
        return;
      case "close-user-on-board":
        super.closeUserOnBoard(event.boardId, event.userId, event.code, event.reason);
        return;
      case "close-board":
        super.closeBoard(event.boardId, event.code, event.reason);
        return;
      case "set-role":
        super.setRole(event.boardId, event.userId, event.role);
        return;
    }
  }

  #publish(event: SocketEvent): void {
    this.#bus.publishSockets(event).catch((error: unknown) => {
      this.#log.error({ err: error, type: event.type }, "socket event could not reach the other instances");
    });
  }
}
