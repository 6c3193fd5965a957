import { AuthType, type SaveStatus } from "@converge/shared";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

/** Top-level y-websocket message types: the first varuint of every frame. */
export const MessageType = {
  /** A y-protocols sync message (step 1, step 2 or update). */
  sync: 0,
  /** A y-protocols awareness update (presence). */
  awareness: 1,
  /** A y-protocols auth message; the server sends "permission denied" to a viewer that tries to write. */
  auth: 2,
  /** A request for every awareness state the other side knows. */
  queryAwareness: 3,
} as const;
/** One of the top-level y-websocket message types. */
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/** Sub-types of a sync message, as in y-protocols/sync. */
export const SyncType = {
  /** "Here is my state vector; send me what I lack." */
  step1: 0,
  /** The answer to step 1: everything the asker lacks. */
  step2: 1,
  /** A live document update. */
  update: 2,
} as const;
/** One of the sync sub-types. */
export type SyncType = (typeof SyncType)[keyof typeof SyncType];

export { AuthType, CloseCode, SaveStatus } from "@converge/shared";

/** The reason sent with the auth "permission denied" message to a viewer that tries to write. */
export const PERMISSION_DENIED_REASON = "permission-denied";

/** How many refused writes a viewer may attempt before its socket is closed with `CloseCode.notAllowed`. */
export const VIEWER_WRITE_ATTEMPTS_BEFORE_CLOSE = 3;

/**
 * How many awareness updates naming another socket's client id a socket may send before it is closed with
 * `CloseCode.malformed`; the first is dropped (it may be a race with a reconnect), the next one closes.
 */
export const FOREIGN_AWARENESS_ATTEMPTS_BEFORE_CLOSE = 2;

/** A decoded client-to-server message: a discriminated union on `type`. */
export type ClientMessage =
  | { type: "sync-step-1"; stateVector: Uint8Array }
  | { type: "sync-step-2"; update: Uint8Array }
  | { type: "sync-update"; update: Uint8Array }
  | { type: "awareness"; update: Uint8Array }
  | { type: "query-awareness" };

/** Thrown by `decodeClientMessage` for a frame that is not a well-formed client message; `message` is the close reason. */
export class ProtocolError extends Error {
  override readonly name = "ProtocolError";
}

/**
 * Decodes one binary frame from a client, checking the message type, sync sub-type, every varint and that no bytes
 * trail the message; throws ProtocolError otherwise. The payloads (update, awareness bytes) are checked later.
 */
export function decodeClientMessage(frame: Uint8Array): ClientMessage {
  if (frame.byteLength === 0) throw new ProtocolError("empty frame");
  const decoder = decoding.createDecoder(frame);
  const messageType = readVarUint(decoder, "message type");
  let message: ClientMessage;
  switch (messageType) {
    case MessageType.sync: {
      const syncType = readVarUint(decoder, "sync message type");
      const payload = readVarUint8Array(decoder, "sync payload");
      if (syncType === SyncType.step1) message = { type: "sync-step-1", stateVector: payload };
      else if (syncType === SyncType.step2) message = { type: "sync-step-2", update: payload };
      else if (syncType === SyncType.update) message = { type: "sync-update", update: payload };
      else throw new ProtocolError(`unknown sync message type ${syncType}`);
      break;
    }
    case MessageType.awareness:
      message = { type: "awareness", update: readVarUint8Array(decoder, "awareness payload") };
      break;
    case MessageType.queryAwareness:
      message = { type: "query-awareness" };
      break;
    case MessageType.auth:
      throw new ProtocolError("auth messages are sent by the server only");
    default:
      throw new ProtocolError(`unknown message type ${messageType}`);
  }
  if (decoding.hasContent(decoder)) throw new ProtocolError("trailing bytes after the message");
  return message;
}

/** One entry of an awareness update. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The parsed JSON state; null means the client left. */
  state: unknown;
}

/** Whether an awareness entry would change what a room holds: `removal` when its state is JSON `null`. */
export type AwarenessEntryFilter = (clientId: number, clock: number, removal: boolean) => boolean;

/** UTF-8 as lib0's `readVarString` reads it: invalid bytes are an error, not replacement characters. */
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Decodes an awareness update (count, ids, clocks, JSON states, no trailing bytes) or throws ProtocolError. With
 * `keep`, an entry it refuses is left out and its state is never parsed: the stock client echoes every state it hears
 * back to the server, so most entries a busy room receives are ones it already has, and parsing them would be
 * wasted work and garbage. A left-out entry's state is skipped by its length, unread.
 */
export function decodeAwarenessUpdate(update: Uint8Array, keep?: AwarenessEntryFilter): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = readVarUint(decoder, "awareness entry count");
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = readVarUint(decoder, "awareness client id");
    const clock = readVarUint(decoder, "awareness clock");
    const length = readVarUint(decoder, "awareness state length");
    const start = decoder.pos;
    const end = start + length;
    if (end > update.byteLength) throw new ProtocolError("truncated awareness state");
    decoder.pos = end;
    const removal = length === 4 && isJsonNull(update, start);
    if (keep && !keep(clientId, clock, removal)) continue;
    entries.push({ clientId, clock, state: removal ? null : parseState(update.subarray(start, end)) });
  }
  if (decoding.hasContent(decoder)) throw new ProtocolError("trailing bytes after the awareness update");
  return entries;
}

/** Whether the 4 bytes at `at` spell `null`: an awareness state that says the client left. */
function isJsonNull(bytes: Uint8Array, at: number): boolean {
  return bytes[at] === 0x6e && bytes[at + 1] === 0x75 && bytes[at + 2] === 0x6c && bytes[at + 3] === 0x6c;
}

function parseState(bytes: Uint8Array): unknown {
  let json: string;
  try {
    json = utf8.decode(bytes);
  } catch (error) {
    throw new ProtocolError(`awareness state is not UTF-8: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(json);
  } catch (error) {
    throw new ProtocolError(`awareness state is not JSON: ${(error as Error).message}`);
  }
}

/** Encodes awareness entries as a y-protocols awareness update (the inverse of `decodeAwarenessUpdate`). */
export function encodeAwarenessUpdate(entries: readonly AwarenessEntry[]): Uint8Array<ArrayBuffer> {
  const encoder = encoding.createEncoder();
  writeAwarenessEntries(encoder, entries, stateTexts(entries));
  return toBytes(encoder);
}

/**
 * Encodes awareness entries straight into an awareness frame: the bytes of `encodeAwareness(encodeAwarenessUpdate(
 * entries))`, built with one encoder and one copy, since a room relays one for every presence change.
 */
export function encodeAwarenessFrame(entries: readonly AwarenessEntry[]): Uint8Array<ArrayBuffer> {
  const states = stateTexts(entries);
  let updateLength = varUintLength(entries.length);
  entries.forEach(({ clientId, clock }, i) => {
    const stateBytes = Buffer.byteLength(states[i] as string, "utf8");
    updateLength += varUintLength(clientId) + varUintLength(clock) + varUintLength(stateBytes) + stateBytes;
  });
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint(encoder, updateLength);
  writeAwarenessEntries(encoder, entries, states);
  return toBytes(encoder);
}

/** Each entry's state as the JSON text an awareness update carries. */
function stateTexts(entries: readonly AwarenessEntry[]): string[] {
  return entries.map((entry) => JSON.stringify(entry.state));
}

/** The body of an awareness update: the count, then each entry's client id, clock and state text. */
function writeAwarenessEntries(
  encoder: encoding.Encoder,
  entries: readonly AwarenessEntry[],
  states: readonly string[],
): void {
  encoding.writeVarUint(encoder, entries.length);
  entries.forEach(({ clientId, clock }, i) => {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, states[i] as string);
  });
}

/** How many bytes lib0's `writeVarUint` writes for `value`: 7 bits each. */
function varUintLength(value: number): number {
  let bytes = 1;
  for (let rest = value; rest > 127; rest = Math.floor(rest / 128)) bytes++;
  return bytes;
}

/** Encodes a sync step 1 frame carrying `stateVector`. */
export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array<ArrayBuffer> {
  return encodeSync(SyncType.step1, stateVector);
}

/** Encodes a sync step 2 frame carrying `update`. */
export function encodeSyncStep2(update: Uint8Array): Uint8Array<ArrayBuffer> {
  return encodeSync(SyncType.step2, update);
}

/** Encodes a sync update frame carrying `update`. */
export function encodeSyncUpdate(update: Uint8Array): Uint8Array<ArrayBuffer> {
  return encodeSync(SyncType.update, update);
}

/** Encodes an awareness frame carrying an encoded awareness update. */
export function encodeAwareness(update: Uint8Array): Uint8Array<ArrayBuffer> {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, update);
  return toBytes(encoder);
}

/** Encodes the auth "permission denied" frame with `reason`. */
export function encodePermissionDenied(reason: string = PERMISSION_DENIED_REASON): Uint8Array<ArrayBuffer> {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.auth);
  encoding.writeVarUint(encoder, AuthType.permissionDenied);
  encoding.writeVarString(encoder, reason);
  return toBytes(encoder);
}

/** Encodes the save status frame: `[MessageType.auth, AuthType.saveStatus, status]`. */
export function encodeSaveStatus(status: SaveStatus): Uint8Array<ArrayBuffer> {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.auth);
  encoding.writeVarUint(encoder, AuthType.saveStatus);
  encoding.writeVarUint(encoder, status);
  return toBytes(encoder);
}

function encodeSync(syncType: SyncType, payload: Uint8Array): Uint8Array<ArrayBuffer> {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  encoding.writeVarUint(encoder, syncType);
  encoding.writeVarUint8Array(encoder, payload);
  return toBytes(encoder);
}

/**
 * The encoder's bytes. lib0 always returns a new array over its own ArrayBuffer (typed as any buffer): the cast says
 * so, rather than copying every frame once more to prove it.
 */
function toBytes(encoder: encoding.Encoder): Uint8Array<ArrayBuffer> {
  return encoding.toUint8Array(encoder) as Uint8Array<ArrayBuffer>;
}

function readVarUint(decoder: decoding.Decoder, what: string): number {
  try {
    return decoding.readVarUint(decoder);
  } catch (error) {
    throw new ProtocolError(`truncated or invalid ${what}: ${(error as Error).message}`);
  }
}

function readVarUint8Array(decoder: decoding.Decoder, what: string): Uint8Array {
  try {
    return decoding.readVarUint8Array(decoder);
  } catch (error) {
    throw new ProtocolError(`truncated ${what}: ${(error as Error).message}`);
  }
}
