import { EventEmitter } from "node:events";
import { pino } from "pino";
import type { WebSocket } from "ws";
import * as Y from "yjs";
import { CloseCode, encodeSyncStep1, MessageType, SyncType } from "../protocol";
import type { Principal } from "../rooms/Room";
import { RoomManager } from "../rooms/RoomManager";
import { type DocStore, MemoryDocStore } from "../store";
import { Connection } from "../sync/Connection";
import { answersStep1, type FuzzFrame } from "./frameFuzzer";

/** Stands in for a `ws` socket: records frames and the close, never touches the network. */
class FakeWs extends EventEmitter {
  readyState = 1;
  bufferedAmount = 0;
  step2s = 0;
  frames = 0;
  closedWith: { code: number; reason: string } | null = null;

  send(frame: Uint8Array, callback?: (error?: Error) => void): void {
    this.frames++;
    if (frame[0] === MessageType.sync && frame[1] === SyncType.step2) this.step2s++;
    callback?.();
  }
  close(code: number, reason: string): void {
    this.readyState = 3;
    this.closedWith ??= { code, reason };
  }
  terminate(): void {
    this.readyState = 3;
    this.closedWith ??= { code: 1006, reason: "terminated" };
  }
  ping(): void {}
}

const PROBE = encodeSyncStep1(Y.encodeStateVector(new Y.Doc()));

/** A board served by the real RoomManager and Connection code over fake sockets, for fuzzing without the network. */
export interface InProcessBoard {
  store: DocStore;
  rooms: RoomManager;
  /** Feeds one frame to a connection (a new one after each close) and waits until it was handled or closed it. */
  send(frame: FuzzFrame, principal: Principal): Promise<{ code: number; reason: string } | null>;
  close(): Promise<void>;
}

/** Builds an in-process board on a MemoryDocStore with the given room and connection limits. */
export function inProcessBoard(boardId: string, options: { maxDocBytes?: number } = {}): InProcessBoard {
  const store = new MemoryDocStore();
  const logger = pino({ level: "silent" });
  const rooms = new RoomManager({
    store,
    logger,
    maxDocBytes: options.maxDocBytes ?? 8 * 1024 * 1024,
    compactAfterUpdates: 50,
    roomIdleMs: 60_000,
  });
  let current: { ws: FakeWs; connection: Connection; principal: Principal } | null = null;
  let ids = 0;
  const open = async (principal: Principal) => {
    const ws = new FakeWs();
    const connection = new Connection(
      ws as unknown as WebSocket,
      { rooms, logger, limits: { messagesPerSecond: 1e9, messageBurst: 1e9, maxBufferedBytes: 1 << 30 } },
      { id: `fuzz-${++ids}`, boardId, principal },
    );
    await waitUntil(() => ws.frames > 0 || ws.closedWith !== null, "join");
    return { ws, connection, principal };
  };
  return {
    store,
    rooms,
    async send(frame, principal) {
      if (!current || current.principal !== principal) {
        current?.connection.close(CloseCode.goingAway, "switching principal");
        current = await open(principal);
      }
      const { ws, connection } = current;
      const expected = ws.step2s + 1 + (answersStep1(frame.bytes) ? 1 : 0);
      connection.receive(frame.bytes);
      connection.receive(PROBE);
      await waitUntil(() => ws.closedWith !== null || ws.step2s >= expected, frame.name);
      const closed = ws.closedWith;
      if (closed) {
        connection.closed();
        current = null;
      }
      return closed;
    },
    async close() {
      current?.connection.close(CloseCode.goingAway, "done");
      await rooms.closeAll();
    },
  };
}

async function waitUntil(predicate: () => boolean, what = "condition", timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`in-process fuzz: timed out waiting after ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
