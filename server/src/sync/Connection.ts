import { WebSocket } from "ws";
import type { Limits } from "../config";
import type { Logger } from "../logger";
import {
  type ClientMessage,
  CloseCode,
  decodeClientMessage,
  encodePermissionDenied,
  FOREIGN_AWARENESS_ATTEMPTS_BEFORE_CLOSE,
  ProtocolError,
  VIEWER_WRITE_ATTEMPTS_BEFORE_CLOSE,
} from "../protocol";
import type { Principal, Room, RoomPeer } from "../rooms/Room";
import type { RoomManager } from "../rooms/RoomManager";
import type { Beating } from "./Heartbeat";
import { sendBinary, sendsPlainFrames } from "./preframed";
import { TokenBucket } from "./TokenBucket";

/** What every connection of a server shares (one object, not a copy per socket). */
export interface ConnectionContext {
  rooms: RoomManager;
  logger: Logger;
  limits: Pick<Limits, "messagesPerSecond" | "messageBurst" | "maxBufferedBytes">;
  /** Called once when a connection is over, whoever ended it. */
  onClosed?: (connection: Connection) => void;
}

/** Who is behind one connection, and where. */
export interface ConnectionIdentity {
  id: string;
  boardId: string;
  principal: Principal;
}

/** Close reasons travel in a control frame, which allows at most 123 bytes. */
const MAX_REASON_BYTES = 123;

/**
 * One WebSocket speaking the y-websocket protocol to one room: decodes and rate-limits frames, handles each socket's
 * messages strictly in order, guards the outgoing buffer, answers the heartbeat (see `Heartbeat`), and turns every
 * failure into a close of this socket alone.
 */
export class Connection implements RoomPeer, Beating {
  readonly id: string;
  #principal: Principal;
  /** The board id, shared with the room once joined (the route's copy is a slice of the whole request URL). */
  #boardId: string;
  readonly #ws: WebSocket;
  readonly #context: ConnectionContext;
  /** Made on first use (see `#log`). */
  #logger: Logger | undefined;
  readonly #bucket: TokenBucket;
  /** Whether frames go out as built (no permessage-deflate); settled by the handshake. */
  readonly #plainFrames: boolean;
  /**
   * Work still running for earlier messages (and the room's load): each message is handled after the previous one.
   * Null when nothing is running, so a message whose handling is synchronous (presence, most of all) runs at once,
   * with no promise made for it.
   */
  #queue: Promise<void> | null;
  #room: Room | null = null;
  #alive = true;
  #closed = false;
  #refusedWrites = 0;
  #foreignAwareness = 0;

  constructor(ws: WebSocket, context: ConnectionContext, { id, boardId, principal }: ConnectionIdentity) {
    this.#ws = ws;
    this.#plainFrames = sendsPlainFrames(ws);
    this.#context = context;
    this.id = id;
    this.#boardId = boardId;
    this.#principal = principal;
    this.#bucket = new TokenBucket(context.limits.messagesPerSecond, context.limits.messageBurst);
    ws.on("pong", () => {
      this.#alive = true;
    });
    this.#queue = this.#afterQueue(this.#join());
  }

  /** This socket's logger, made on first use: most sockets never log, and a pino child holds ~0.3 KiB of strings. */
  get #log(): Logger {
    this.#logger ??= this.#context.logger.child({ boardId: this.boardId, socketId: this.id });
    return this.#logger;
  }

  /** The board this socket is on. */
  get boardId(): string {
    return this.#boardId;
  }

  /** Who this socket acts as; it changes when the member's role changes, without a reconnect. */
  get principal(): Principal {
    return this.#principal;
  }

  /** Replaces the principal (e.g. a demotion to viewer makes the socket read-only from its next message on). */
  setPrincipal(principal: Principal): void {
    this.#principal = principal;
  }

  /** Takes one incoming frame (binary as ArrayBuffer or Uint8Array, text as string). */
  receive(data: ArrayBuffer | Uint8Array | string | Blob): void {
    if (this.#closed) return;
    if (!this.#bucket.take()) {
      this.close(CloseCode.tooManyMessages, "too many messages");
      return;
    }
    if (typeof data === "string" || !(data instanceof ArrayBuffer || data instanceof Uint8Array)) {
      this.close(CloseCode.malformed, "only binary frames are accepted");
      return;
    }
    let message: ClientMessage;
    try {
      message = decodeClientMessage(data instanceof Uint8Array ? data : new Uint8Array(data));
    } catch (error) {
      this.#fail(error);
      return;
    }
    if (this.#queue) {
      this.#queue = this.#afterQueue(this.#queue.then(() => this.#handle(message)));
      return;
    }
    let running: Promise<void> | undefined;
    try {
      running = this.#handle(message);
    } catch (error) {
      this.#fail(error);
      return;
    }
    if (running) this.#queue = this.#afterQueue(running);
  }

  /** The queue once `work` is done (its failure closing this socket); cleared if nothing was queued behind it. */
  #afterQueue(work: Promise<void>): Promise<void> {
    const queue: Promise<void> = work
      .catch((error: unknown) => this.#fail(error))
      .then(() => {
        if (this.#queue === queue) this.#queue = null;
      });
    return queue;
  }

  /** Sends one frame unless the socket is closed; cuts off a reader whose outgoing buffer passed the limit. */
  send(frame: Uint8Array<ArrayBuffer>): void {
    if (this.#closed || this.#ws.readyState !== WebSocket.OPEN) return;
    if (this.#ws.bufferedAmount > this.#context.limits.maxBufferedBytes) {
      this.close(CloseCode.slowConsumer, "slow consumer: outgoing buffer full");
      return;
    }
    // A room sends one frame object to every peer: it is framed once and written to each socket as is. No callback: a
    // failed write errors and closes the socket itself.
    sendBinary(this.#ws, frame, this.#plainFrames);
  }

  /** Closes this socket with a named code and reason and leaves the room; later calls do nothing. */
  close(code: CloseCode, reason: string): void {
    if (this.#closed) return;
    const level = code === CloseCode.goingAway ? "debug" : "warn";
    this.#log[level]({ code, reason }, "closing socket");
    this.#dispose();
    try {
      this.#ws.close(code, truncateReason(reason));
    } catch (error) {
      this.#log.warn({ err: error }, "close failed; terminating");
      this.#ws.terminate();
    }
    // A stalled reader would never complete the closing handshake: drop it now so its buffer is freed.
    if (code === CloseCode.slowConsumer) this.#ws.terminate();
  }

  /** A protocol error on the socket (ws closes it itself, with a close code). */
  errored(error: Error): void {
    this.#log.debug({ err: error }, "socket error");
  }

  /** Called when the socket has closed (by either side). */
  closed(): void {
    this.#dispose();
  }

  async #join(): Promise<void> {
    let room: Room;
    try {
      room = await this.#context.rooms.acquire(this.boardId);
    } catch (error) {
      if (this.#context.rooms.closing) {
        this.close(CloseCode.goingAway, "server shutting down");
        return;
      }
      this.#log.error({ err: error }, "board failed to load");
      this.close(CloseCode.loadFailed, "board failed to load");
      return;
    }
    if (this.#closed) {
      this.#context.rooms.release(this.boardId);
      return;
    }
    this.#room = room;
    this.#boardId = room.boardId;
    room.join(this);
  }

  /** Handles one message: a promise when it goes on after this turn (sync), undefined when it is done. */
  #handle(message: ClientMessage): Promise<void> | undefined {
    const room = this.#room;
    if (this.#closed || !room) return;
    switch (message.type) {
      case "sync-step-1":
        return room.replyToStep1(this, message.stateVector);
      case "sync-step-2":
      case "sync-update":
        if (!this.principal.canWrite) {
          this.#refuseWrite(room, message.type, message.update);
          return;
        }
        return room.receiveUpdate(this, message.update).then((result) => {
          if (!result.ok) this.close(result.code, result.reason);
        });
      case "awareness":
        if (!room.receiveAwareness(this, message.update)) {
          this.#foreignAwareness++;
          this.#log.warn(
            { userId: this.principal.userId },
            "dropped awareness for another person's client id",
          );
          if (this.#foreignAwareness >= FOREIGN_AWARENESS_ATTEMPTS_BEFORE_CLOSE) {
            this.close(CloseCode.malformed, "awareness for a client id another connection owns");
          }
        }
        return;
      case "query-awareness": {
        const frame = room.awarenessFrame();
        if (frame) this.send(frame);
        return;
      }
    }
  }

  /**
   * Drops a viewer's update. A step 2 that brings nothing new is the normal sync handshake and is ignored; a real
   * write is answered once with "permission denied", and repeated attempts close the socket.
   */
  #refuseWrite(room: Room, type: "sync-step-2" | "sync-update", update: Uint8Array): void {
    const check = room.inspect(update);
    if (!check.ok && check.kind === "undecodable") {
      this.close(CloseCode.malformed, check.reason);
      return;
    }
    // A viewer's later edits build on its own dropped ones, so they look gapped: still an attempt to write.
    if (type === "sync-step-2" && check.ok && !check.hasNewStructs) return;
    this.#refusedWrites++;
    if (this.#refusedWrites === 1) this.send(encodePermissionDenied());
    if (this.#refusedWrites >= VIEWER_WRITE_ATTEMPTS_BEFORE_CLOSE) {
      this.close(CloseCode.notAllowed, "viewers may not edit this board");
    }
  }

  #fail(error: unknown): void {
    if (error instanceof ProtocolError) {
      this.close(CloseCode.malformed, error.message);
      return;
    }
    this.#log.error({ err: error }, "message handler failed");
    this.close(CloseCode.internalError, "message could not be handled");
  }

  /** Pings the socket, or ends it when the previous ping went unanswered. */
  heartbeat(): void {
    if (this.#closed) return;
    if (!this.#alive) {
      this.#log.info("no pong since the last ping; terminating");
      this.#dispose();
      this.#ws.terminate();
      return;
    }
    this.#alive = false;
    try {
      this.#ws.ping();
    } catch (error) {
      this.#log.debug({ err: error }, "ping failed");
    }
  }

  #dispose(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#room) {
      this.#room.leave(this);
      this.#room = null;
      this.#context.rooms.release(this.boardId);
    }
    this.#context.onClosed?.(this);
  }
}

function truncateReason(reason: string): string {
  const bytes = Buffer.from(reason, "utf8");
  if (bytes.byteLength <= MAX_REASON_BYTES) return reason;
  const head = bytes
    .subarray(0, MAX_REASON_BYTES - 3)
    .toString("utf8")
    .replace(/\uFFFD$/, "");
  return `${head}...`;
}
