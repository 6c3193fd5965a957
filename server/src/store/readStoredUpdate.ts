import * as Y from "yjs";
import { StoreCorruptError } from "./StoreCorruptError";

/**
 * Checks that a stored column holds a decodable Yjs (v1) update and returns it as a plain Uint8Array view,
 * throwing StoreCorruptError otherwise; decoding without applying keeps the check to one pass over the bytes.
 */
export function readStoredUpdate(value: unknown, boardId: string, row: "snapshot" | number): Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new StoreCorruptError(boardId, row, {
      cause: new TypeError(`expected bytes, got ${typeof value}`),
    });
  }
  const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  try {
    Y.decodeUpdate(bytes);
  } catch (error) {
    throw new StoreCorruptError(boardId, row, { cause: error });
  }
  return bytes;
}
