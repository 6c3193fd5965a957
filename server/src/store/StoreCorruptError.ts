/** Thrown by `DocStore.load` when a stored row cannot be decoded, so the board is never served or overwritten. */
export class StoreCorruptError extends Error {
  override readonly name = "StoreCorruptError";

  constructor(
    readonly boardId: string,
    /** Which row failed: the snapshot, or the update with this sequence number. */
    readonly row: "snapshot" | number,
    options?: { cause?: unknown },
  ) {
    super(
      `stored ${row === "snapshot" ? "snapshot" : `update ${row}`} of board ${boardId} is unreadable`,
      options,
    );
  }
}
