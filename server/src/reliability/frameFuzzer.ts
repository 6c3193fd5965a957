import * as encoding from "lib0/encoding";
import * as prng from "lib0/prng";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import {
  decodeClientMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  MessageType,
  ProtocolError,
} from "../protocol";

/** One frame a fuzzer sends, named after how it was made (so a failure says which input it was). */
export interface FuzzFrame {
  name: string;
  bytes: Uint8Array<ArrayBuffer>;
}

/**
 * Real client frames to mutate: sync step 1 / step 2 / updates (map sets, text inserts and deletes, nested types,
 * a merged update with a skipped range) and awareness updates, all from documents with fixed client ids so a seed
 * always yields the same corpus.
 */
export function realFrames(): FuzzFrame[] {
  const frames: FuzzFrame[] = [];
  const doc = new Y.Doc();
  doc.clientID = 0x5eed;
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  frames.push({ name: "step1(empty)", bytes: encodeSyncStep1(Y.encodeStateVector(doc)) });
  const cards = doc.getMap("fuzz");
  cards.set("card-a", "Alpha");
  const text = new Y.Text();
  cards.set("card-b", text);
  text.insert(0, "hello fuzz");
  text.delete(1, 3);
  const nested = new Y.Map();
  cards.set("card-c", nested);
  nested.set("labels", ["x", "y"]);
  doc.getArray("fuzz-list").push([1, "two", { three: 3 }, new Uint8Array([4])]);
  cards.delete("card-a");
  updates.forEach((update, i) => {
    frames.push({ name: `update#${i}`, bytes: encodeSyncUpdate(update) });
  });
  frames.push({ name: "step1", bytes: encodeSyncStep1(Y.encodeStateVector(doc)) });
  frames.push({ name: "step2(full)", bytes: encodeSyncStep2(Y.encodeStateAsUpdate(doc)) });
  if (updates.length > 2) {
    const skipped = Y.mergeUpdates([updates[0] as Uint8Array, updates[2] as Uint8Array]);
    frames.push({ name: "update(skip)", bytes: encodeSyncUpdate(skipped) });
  }
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awareness.clientID = 0xa11ce;
  awareness.setLocalState({ user: { name: "Fuzz", color: "#123456" }, activity: { kind: "dragging" } });
  frames.push({
    name: "awareness",
    bytes: encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID])),
  });
  awareness.setLocalState(null);
  frames.push({
    name: "awareness(left)",
    bytes: encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID])),
  });
  awareness.destroy();
  frames.push({ name: "query-awareness", bytes: bytesOf([MessageType.queryAwareness]) });
  return frames;
}

type Mutation = (gen: prng.PRNG, base: FuzzFrame, corpus: readonly FuzzFrame[]) => FuzzFrame;

const mutations: Mutation[] = [
  function bitFlips(gen, base) {
    const bytes = base.bytes.slice();
    const flips = prng.int31(gen, 1, 4);
    for (let i = 0; i < flips; i++) {
      const at = prng.int31(gen, 0, bytes.length - 1);
      bytes[at] = (bytes[at] as number) ^ (1 << prng.int31(gen, 0, 7));
    }
    return { name: `bitflip×${flips}(${base.name})`, bytes };
  },
  function truncate(gen, base) {
    const at = prng.int31(gen, 0, Math.max(0, base.bytes.length - 1));
    return { name: `truncate@${at}(${base.name})`, bytes: base.bytes.slice(0, at) };
  },
  function splice(gen, base, corpus) {
    const other = prng.oneOf(gen, corpus as FuzzFrame[]);
    const cut = prng.int31(gen, 0, base.bytes.length);
    const from = prng.int31(gen, 0, other.bytes.length);
    const bytes = new Uint8Array(cut + other.bytes.length - from);
    bytes.set(base.bytes.subarray(0, cut));
    bytes.set(other.bytes.subarray(from), cut);
    return { name: `splice(${base.name}@${cut},${other.name}@${from})`, bytes };
  },
  function extend(gen, base) {
    const extra = prng.uint8Array(gen, prng.int31(gen, 1, 16));
    const bytes = new Uint8Array(base.bytes.length + extra.length);
    bytes.set(base.bytes);
    bytes.set(extra, base.bytes.length);
    return { name: `extend+${extra.length}(${base.name})`, bytes };
  },
  function overwriteVarint(gen, base) {
    const bytes = base.bytes.slice();
    const at = prng.int31(gen, 0, bytes.length - 1);
    const huge = prng.oneOf(gen, [0x7f, 0xff, 0x80]);
    for (let i = at; i < Math.min(bytes.length, at + prng.int31(gen, 1, 9)); i++) bytes[i] = huge;
    return { name: `varint@${at}=${huge.toString(16)}(${base.name})`, bytes };
  },
  function dropByte(gen, base) {
    const at = prng.int31(gen, 0, base.bytes.length - 1);
    const bytes = new Uint8Array(base.bytes.length - 1);
    bytes.set(base.bytes.subarray(0, at));
    bytes.set(base.bytes.subarray(at + 1), at);
    return { name: `drop@${at}(${base.name})`, bytes };
  },
  function rewrap(gen, base) {
    // A valid envelope around a mutated payload: the payload checks (update, state vector, awareness) must hold.
    const encoder = encoding.createEncoder();
    const type = prng.oneOf(gen, [0, 0, 0, 1]);
    encoding.writeVarUint(encoder, type);
    if (type === 0) encoding.writeVarUint(encoder, prng.int31(gen, 0, 2));
    const payload = base.bytes.subarray(prng.int31(gen, 1, Math.max(1, base.bytes.length - 1)));
    encoding.writeVarUint8Array(encoder, payload);
    return { name: `rewrap(${type},${base.name})`, bytes: new Uint8Array(encoding.toUint8Array(encoder)) };
  },
];

/**
 * `count` generated frames from a seeded PRNG: a tenth random bytes, the rest real frames mutated by bit flips,
 * truncation, splicing of two real messages, appended garbage, huge varints, dropped bytes or a re-wrapped payload.
 */
export function generateFrames(seed: number, count: number): FuzzFrame[] {
  const gen = prng.create(seed);
  const corpus = realFrames();
  const frames: FuzzFrame[] = [];
  for (let i = 0; i < count; i++) {
    if (prng.int31(gen, 0, 9) === 0) {
      const length = prng.int31(gen, 1, 64);
      frames.push({ name: `random[${length}]#${i}`, bytes: bytesOf(prng.uint8Array(gen, length)) });
      continue;
    }
    const base = prng.oneOf(gen, corpus);
    let frame = prng.oneOf(gen, mutations)(gen, base, corpus);
    // Sometimes stack a second mutation.
    if (prng.int31(gen, 0, 3) === 0 && frame.bytes.length > 0)
      frame = prng.oneOf(gen, mutations)(gen, frame, corpus);
    frames.push({ name: `${frame.name}#${i}`, bytes: frame.bytes });
  }
  return frames;
}

/** Whether the server answers this frame with a sync step 2 of its own (it is a well-formed sync step 1). */
export function answersStep1(bytes: Uint8Array): boolean {
  let message: ReturnType<typeof decodeClientMessage>;
  try {
    message = decodeClientMessage(bytes);
  } catch (error) {
    if (error instanceof ProtocolError) return false;
    throw error;
  }
  if (message.type !== "sync-step-1") return false;
  try {
    Y.decodeStateVector(message.stateVector);
    return true;
  } catch (error) {
    // The server closes the socket over this state vector instead of answering.
    return !(error instanceof Error);
  }
}

/** Hex of a frame, for fixtures. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("hex");
}

/** The frame a fixture's hex describes. */
export function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  return bytesOf(Buffer.from(hex, "hex"));
}

function bytesOf(values: ArrayLike<number>): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Array.from(values));
}
