import type { SocketEvent } from "./SocketEvent";

/** What one server instance tells the others about a board, without the sender (the bus adds it). */
export type FanoutPayload =
  /** A document update the sender has just stored: apply it, broadcast it, do not store or re-publish it. */
  | { type: "update"; update: Uint8Array }
  /** A y-protocols awareness update from the sender's sockets (a removal when a socket left). */
  | { type: "awareness"; update: Uint8Array }
  /** The sender's document state (`Y.encodeSnapshot`: state vector and delete set), for gap repair. */
  | { type: "state"; snapshot: Uint8Array };

/** A message as received: the payload and the id of the instance that published it. */
export type FanoutMessage = FanoutPayload & { from: string };

/** A live subscription to one board's channel. */
export interface FanoutSubscription {
  /** Stops delivery to this subscription's listener. */
  unsubscribe(): Promise<void>;
}

/**
 * How server instances behind one address pass document updates and presence to each other: one channel per board,
 * at-most-once delivery (a message may be lost; gap repair heals that), never delivered back to its sender.
 */
export interface FanoutBus {
  /** This instance's id, stamped on everything it publishes. */
  readonly instanceId: string;
  /** Subscribes `listener` to a board's channel and resolves once messages published from now on will arrive. */
  subscribe(boardId: string, listener: (message: FanoutMessage) => void): Promise<FanoutSubscription>;
  /** Publishes to a board's channel (resolves once handed to the transport, not once delivered). */
  publish(boardId: string, payload: FanoutPayload): Promise<void>;
  /** Subscribes to the socket events of every board (one channel for all); resolves once subscribed. */
  subscribeSockets(listener: (event: SocketEvent, from: string) => void): Promise<FanoutSubscription>;
  /** Publishes a socket event to the other instances. */
  publishSockets(event: SocketEvent): Promise<void>;
  /** Calls `listener` whenever the connection to the others came back after a loss (messages may have been missed). */
  onReconnect(listener: () => void): () => void;
  /** Disconnects; later publishes and subscribes reject. */
  close(): Promise<void>;
}
