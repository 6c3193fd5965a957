import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import {
  decodeAwarenessUpdate,
  decodeClientMessage,
  encodeAwareness,
  encodeAwarenessFrame,
  encodeAwarenessUpdate,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  MessageType,
  ProtocolError,
} from "./protocol";

function bytes(...values: number[]): Uint8Array {
  return new Uint8Array(values);
}

describe("decodeClientMessage", () => {
  it("round-trips every sync message and awareness", () => {
    const doc = new Y.Doc();
    doc.getMap("m").set("k", 1);
    const sv = Y.encodeStateVector(doc);
    const update = Y.encodeStateAsUpdate(doc);
    expect(decodeClientMessage(encodeSyncStep1(sv))).toEqual({ type: "sync-step-1", stateVector: sv });
    expect(decodeClientMessage(encodeSyncStep2(update))).toEqual({ type: "sync-step-2", update });
    expect(decodeClientMessage(encodeSyncUpdate(update))).toEqual({ type: "sync-update", update });
    expect(decodeClientMessage(encodeAwareness(bytes(0)))).toEqual({ type: "awareness", update: bytes(0) });
    expect(decodeClientMessage(bytes(MessageType.queryAwareness))).toEqual({ type: "query-awareness" });
  });

  it.each([
    ["an empty frame", bytes(), "empty frame"],
    ["a truncated varint", bytes(0x80), "truncated or invalid message type"],
    ["an unknown message type", bytes(9), "unknown message type 9"],
    ["an unknown sync sub-type", bytes(0, 7, 0), "unknown sync message type 7"],
    ["a truncated payload", bytes(0, 2, 5, 1, 2), "truncated sync payload"],
    ["trailing garbage", bytes(0, 0, 1, 0, 42), "trailing bytes"],
    ["a client auth message", bytes(2, 0, 0), "auth messages are sent by the server only"],
    ["trailing bytes after query-awareness", bytes(3, 1), "trailing bytes"],
  ])("refuses %s", (_name, frame, reason) => {
    expect(() => decodeClientMessage(frame)).toThrow(ProtocolError);
    expect(() => decodeClientMessage(frame)).toThrow(reason);
  });
});

describe("decodeAwarenessUpdate", () => {
  it("decodes what y-protocols encodes", () => {
    const awareness = new awarenessProtocol.Awareness(new Y.Doc());
    awareness.setLocalState({ user: { name: "Ada" } });
    const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]);
    expect(decodeAwarenessUpdate(update)).toEqual([
      { clientId: awareness.clientID, clock: 1, state: { user: { name: "Ada" } } },
    ]);
    awareness.destroy();
  });

  it("refuses truncated entries, non-JSON states and trailing bytes", () => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, 7);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarString(encoder, "{not json");
    expect(() => decodeAwarenessUpdate(encoding.toUint8Array(encoder))).toThrow("not JSON");
    expect(() => decodeAwarenessUpdate(bytes(2, 7, 1))).toThrow(ProtocolError);
    expect(() => decodeAwarenessUpdate(bytes(0, 0))).toThrow("trailing bytes");
    expect(() => decodeAwarenessUpdate(bytes(1, 7, 1, 5, 0x7b))).toThrow("truncated awareness state");
    expect(() => decodeAwarenessUpdate(bytes(1, 7, 1, 2, 0x22, 0xff))).toThrow("not UTF-8");
  });

  it("leaves out, unparsed, the entries `keep` refuses, and tells it which are removals", () => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 3);
    for (const [clientId, clock, json] of [
      [7, 4, "{not json, but an echo the room already has"],
      [8, 2, "null"],
      [9, 1, '{"cursor":{"x":3}}'],
    ] as const) {
      encoding.writeVarUint(encoder, clientId);
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarString(encoder, json);
    }
    const seen: [number, number, boolean][] = [];
    const entries = decodeAwarenessUpdate(encoding.toUint8Array(encoder), (clientId, clock, removal) => {
      seen.push([clientId, clock, removal]);
      return clientId !== 7;
    });
    expect(seen).toEqual([
      [7, 4, false],
      [8, 2, true],
      [9, 1, false],
    ]);
    expect(entries).toEqual([
      { clientId: 8, clock: 2, state: null },
      { clientId: 9, clock: 1, state: { cursor: { x: 3 } } },
    ]);
  });
});

describe("encodeAwarenessFrame", () => {
  it("writes the same bytes as an awareness update wrapped in a frame, multi-byte lengths and text included", () => {
    const entries = [
      { clientId: 7, clock: 1, state: { user: { name: "Ada" } } },
      {
        clientId: 2 ** 31 + 5,
        clock: 300,
        state: { user: { name: `Zoë 🚀 ${"x".repeat(200)}` }, cursor: null },
      },
      { clientId: 128, clock: 16_384, state: null },
    ];
    const frame = encodeAwarenessFrame(entries);
    expect(frame).toEqual(encodeAwareness(encodeAwarenessUpdate(entries)));
    const message = decodeClientMessage(frame);
    expect(message.type === "awareness" && decodeAwarenessUpdate(message.update)).toEqual(entries);
  });
});

describe("encoded frames", () => {
  it("each own a whole buffer of their own, so a frame queued for a socket never changes", () => {
    const first = encodeSyncUpdate(new Uint8Array([1, 2, 3]));
    const copy = first.slice();
    const second = encodeSyncUpdate(new Uint8Array([4, 5, 6]));
    expect(second.buffer).not.toBe(first.buffer);
    expect([first.byteOffset, first.byteLength]).toEqual([0, first.buffer.byteLength]);
    expect(first).toEqual(copy);
  });
});

describe("encodePermissionDenied", () => {
  it("is the y-protocols auth message the stock client understands", () => {
    const frame = encodePermissionDenied();
    expect(frame[0]).toBe(MessageType.auth);
    expect(frame[1]).toBe(0);
    expect(new TextDecoder().decode(frame.subarray(3))).toBe("permission-denied");
  });
});
