/**
 * The compaction rule every DocStore shares: false for a stale compaction (one older than the stored snapshot,
 * which must not bring back an older state), true to apply it, and a RangeError for a `uptoSeq` that no append
 * of this board returned (past its last seq, negative or not an integer), which would hide later updates.
 */
export function shouldCompact(
  boardId: string,
  uptoSeq: number,
  snapshotSeq: number,
  lastSeq: number,
): boolean {
  if (!Number.isSafeInteger(uptoSeq) || uptoSeq < 0 || uptoSeq > lastSeq) {
    throw new RangeError(
      `cannot compact board ${boardId} up to ${uptoSeq}: its last stored seq is ${lastSeq}`,
    );
  }
  return uptoSeq >= snapshotSeq;
}
