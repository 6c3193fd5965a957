import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { FanoutMessage } from "./FanoutBus";

/** The wire tag of each fan-out message type (the first varuint of a frame). */
export const FanoutTag = {
  update: 0,
  awareness: 1,
  state: 2,
} as const;

/** Encodes a fan-out message as one binary frame: tag, sender id, payload bytes. */
export function encodeFanoutMessage(message: FanoutMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, FanoutTag[message.type]);
  encoding.writeVarString(encoder, message.from);
  encoding.writeVarUint8Array(encoder, message.type === "state" ? message.snapshot : message.update);
  return encoding.toUint8Array(encoder);
}

/** Decodes a frame from `encodeFanoutMessage`; throws for anything else (unknown tag, truncated, trailing bytes). */
export function decodeFanoutMessage(frame: Uint8Array): FanoutMessage {
  const decoder = decoding.createDecoder(frame);
  const tag = decoding.readVarUint(decoder);
  const from = decoding.readVarString(decoder);
  const bytes = decoding.readVarUint8Array(decoder);
  if (decoding.hasContent(decoder)) throw new Error("fan-out frame has trailing bytes");
  switch (tag) {
    case FanoutTag.update:
      return { type: "update", from, update: bytes };
    case FanoutTag.awareness:
      return { type: "awareness", from, update: bytes };
    case FanoutTag.state:
      return { type: "state", from, snapshot: bytes };
    default:
      throw new Error(`unknown fan-out message tag ${tag}`);
  }
}
