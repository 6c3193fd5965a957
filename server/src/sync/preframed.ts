import type { Duplex } from "node:stream";
import { WebSocket } from "ws";

/**
 * Broadcasting one payload to many sockets, framed once.
 *
 * `ws.send` frames every message per socket: an options object, a Buffer view of the payload, a header buffer, and a
 * corked two-chunk `writev`. A room sends the same frame to every peer, so the header is built once per payload here
 * and the socket gets one contiguous buffer (one plain `write`). This is the "frame once, send to all" that the `ws`
 * maintainers describe for broadcasts (websockets/ws#617) and that gorilla/websocket ships as PreparedMessage.
 *
 * Only an unmasked binary frame without extensions is built, which is what a server sends when permessage-deflate was
 * not negotiated; anything else goes through `ws.send`.
 */

/** FIN bit + binary opcode (RFC 6455 §5.2). */
const FIN_BINARY = 0x82;

const framedPayloads = new WeakMap<Uint8Array, Buffer>();

/** The complete WebSocket frame (header + payload) carrying `payload` as one binary message; cached per payload. */
export function binaryFrame(payload: Uint8Array): Buffer {
  let frame = framedPayloads.get(payload);
  if (frame === undefined) {
    frame = encodeBinaryFrame(payload);
    framedPayloads.set(payload, frame);
  }
  return frame;
}

function encodeBinaryFrame(payload: Uint8Array): Buffer {
  const length = payload.byteLength;
  const headerLength = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = FIN_BINARY;
  if (length < 126) {
    frame[1] = length;
  } else if (length < 65536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  frame.set(payload, headerLength);
  return frame;
}

/** The parts of `ws`'s WebSocket this module reads (stable across ws 8; pinned by the lockfile). */
interface WebSocketInternals {
  _socket: Duplex | null;
  _sender: { _queue: unknown[]; _bufferedBytes: number } | undefined;
}

/**
 * Whether `ws` sends frames as they are built here: no extension (permessage-deflate) rewrites them. Settled by the
 * handshake, so a connection asks once (`ws.extensions` builds a string on every read).
 */
export function sendsPlainFrames(ws: WebSocket): boolean {
  return ws.extensions === "";
}

/**
 * Whether a frame may be written to `ws`'s TCP socket directly now: plain frames, open, and nothing queued inside
 * `ws`'s sender that a direct write would overtake.
 */
export function canWriteFramed(ws: WebSocket, plainFrames = sendsPlainFrames(ws)): boolean {
  if (!plainFrames || ws.readyState !== WebSocket.OPEN) return false;
  const internals = ws as unknown as WebSocketInternals;
  return internals._socket?.writable === true && internals._sender?._queue.length === 0;
}

/**
 * Sends `payload` as one binary message on an open socket, writing the shared pre-built frame when it can.
 * `plainFrames`: the socket's `sendsPlainFrames`, when the caller keeps it.
 */
export function sendBinary(ws: WebSocket, payload: Uint8Array, plainFrames = sendsPlainFrames(ws)): void {
  if (canWriteFramed(ws, plainFrames)) {
    (ws as unknown as WebSocketInternals)._socket?.write(binaryFrame(payload));
    return;
  }
  ws.send(payload);
}
