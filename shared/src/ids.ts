// Web Crypto exists in every runtime we target (browsers, Node ≥ 19) but shared/ compiles without DOM or Node types.
declare const crypto: { randomUUID(): string };

/** A fresh random id for a lane, card or board (never derived from position or time). */
export function newId(): string {
  return crypto.randomUUID();
}

const BOARD_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** True for a board id that is safe in a URL path and a storage key: 1–64 of A–Z a–z 0–9 _ -. */
export function isValidBoardId(id: string): boolean {
  return BOARD_ID.test(id);
}
