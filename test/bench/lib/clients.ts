import { initBoard } from "@converge/shared";
import { HocuspocusProvider } from "@hocuspocus/provider";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import type { ServerHandle } from "./servers";

/** y-protocols' Awareness (not a direct dependency of this package; reached through the provider type). */
export type Awareness = WebsocketProvider["awareness"];

/** One connected client as the bench sees it, whichever server and provider is behind it. */
export interface BenchClient {
  doc: Y.Doc;
  awareness: Awareness;
  /** Resolves at the provider's first `sync`/`synced`. */
  synced: Promise<void>;
  /** Times the socket closed (reconnects by the provider follow). */
  closes(): number;
  destroy(): void;
}

/** `ws`'s WebSocket with fixed extra headers (cookie, Origin), for providers that take a WebSocket class. */
function webSocketWith(headers: Record<string, string>): typeof WebSocket {
  class HeaderWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  return HeaderWebSocket as unknown as typeof WebSocket;
}

/**
 * `ws`'s WebSocket with an `error` listener of its own. HocuspocusProvider's `destroy` closes a socket that may still
 * be connecting (an overloaded server), and `ws` then emits `error`, which would crash the bench with no listener; the
 * close that follows is what the provider and the bench count.
 */
class WebSocketIgnoringErrors extends WebSocket {
  constructor(address: string | URL, protocols?: string | string[]) {
    super(address, protocols);
    this.on("error", () => undefined);
  }
}

/**
 * Connects the provider each server is made for: the stock `y-websocket` WebsocketProvider for Converge (cookie and
 * Origin headers, `/ws/:boardId`) and for @y/websocket-server (`/:room`), the HocuspocusProvider for Hocuspocus.
 */
export function connect(server: ServerHandle, board: string, doc: Y.Doc = new Y.Doc()): BenchClient {
  const wsBase = server.url.replace(/^http/, "ws");
  let closes = 0;
  if (server.kind === "hocuspocus") {
    const provider = new HocuspocusProvider({
      url: wsBase,
      name: board,
      document: doc,
      WebSocketPolyfill: WebSocketIgnoringErrors,
      onClose: () => {
        closes++;
      },
    } as ConstructorParameters<typeof HocuspocusProvider>[0]);
    const synced = new Promise<void>((resolve) => {
      if (provider.synced) resolve();
      else provider.on("synced", () => resolve());
    });
    return {
      doc,
      awareness: provider.awareness as Awareness,
      synced,
      closes: () => closes,
      destroy: () => {
        provider.destroy();
        doc.destroy();
      },
    };
  }
  const headers: Record<string, string> = { origin: server.url };
  if (server.cookie) headers.cookie = server.cookie;
  const provider = new WebsocketProvider(server.kind === "converge" ? `${wsBase}/ws` : wsBase, board, doc, {
    WebSocketPolyfill: webSocketWith(headers) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 500,
  });
  provider.on("connection-close", () => {
    closes++;
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once("sync", () => resolve());
  });
  return {
    doc,
    awareness: provider.awareness,
    synced,
    closes: () => closes,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

// --- A raw joiner: no Y.Doc, so 500 of them in one process measure the server, not the bench's own decoding. ---

function varUint(out: number[], value: number): void {
  let n = value;
  while (n > 0x7f) {
    out.push(0x80 | (n & 0x7f));
    n = Math.floor(n / 128);
  }
  out.push(n);
}

function varString(out: number[], text: string): void {
  const bytes = Buffer.from(text, "utf8");
  varUint(out, bytes.length);
  for (const b of bytes) out.push(b);
}

function readVarUint(bytes: Uint8Array, at: { pos: number }): number {
  let result = 0;
  let shift = 1;
  for (;;) {
    const byte = bytes[at.pos++] as number;
    result += (byte & 0x7f) * shift;
    if (byte < 0x80) return result;
    shift *= 128;
  }
}

/**
 * Opens a socket, asks for the whole document (sync step 1 with an empty state vector) and resolves with the ms
 * until the server's sync step 2 has fully arrived (its bytes are not applied). Rejects on close/timeout.
 */
export function rawJoin(
  server: ServerHandle,
  board: string,
  timeoutMs: number,
): Promise<{ ms: number; bytes: number; ws: WebSocket }> {
  const wsBase = server.url.replace(/^http/, "ws");
  const started = performance.now();
  const headers: Record<string, string> = { origin: server.url };
  if (server.cookie) headers.cookie = server.cookie;
  const address =
    server.kind === "converge"
      ? `${wsBase}/ws/${board}`
      : server.kind === "y-websocket"
        ? `${wsBase}/${board}`
        : wsBase;
  const ws = new WebSocket(address, { headers });
  ws.binaryType = "nodebuffer";
  const hocus = server.kind === "hocuspocus";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error("join timed out"));
    }, timeoutMs);
    ws.on("open", () => {
      if (hocus) {
        const auth: number[] = [];
        varString(auth, board);
        varUint(auth, 2); // Auth
        varUint(auth, 0); // Token
        varString(auth, "");
        ws.send(Uint8Array.from(auth));
      }
      const step1: number[] = [];
      if (hocus) varString(step1, board);
      step1.push(0, 0, 1, 0); // Sync, step 1, state vector of an empty document
      ws.send(Uint8Array.from(step1));
    });
    ws.on("message", (data: Buffer) => {
      const at = { pos: 0 };
      if (hocus) {
        const nameLength = readVarUint(data, at);
        at.pos += nameLength;
      }
      const type = readVarUint(data, at);
      if (type !== 0) return;
      const syncType = readVarUint(data, at);
      if (syncType !== 1) return;
      clearTimeout(timer);
      resolve({ ms: performance.now() - started, bytes: data.byteLength, ws });
    });
    ws.on("close", (code) => {
      clearTimeout(timer);
      reject(new Error(`closed with ${code} before sync`));
    });
    ws.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/**
 * A presence state in Converge's shape, `{ user: { id, name, color }, cursor }`, announced alike on every server: on
 * Converge the server stamps the same id and name back (so the relayed state is the one sent), and the reference
 * servers relay it as is. Every server then carries states of the same size, and the load generator — whose stock
 * clients parse every state they hear and send it back — does the same work for each.
 */
export function presenceState(server: ServerHandle, cursor: Record<string, number>): Record<string, unknown> {
  return { user: { id: server.presenceUser.id, name: server.presenceUser.name, color: "#0090ff" }, cursor };
}

/**
 * Connects a client to a board that holds a new Converge board's document on every server, so memory per board
 * compares like with like: Converge seeds a new board (title, lanes, settings) itself; on the reference servers the
 * board's first client brings that seeded state.
 */
export function connectToSeededBoard(
  server: ServerHandle,
  board: string,
  { firstOnBoard, title }: { firstOnBoard: boolean; title: string },
): BenchClient {
  const doc = new Y.Doc();
  if (server.kind !== "converge" && firstOnBoard) initBoard(doc, { title, by: "bench" });
  return connect(server, board, doc);
}
