import type { Board, Conflict } from "@converge/shared";

/** A conflicting value in words: a lane by its title, anything else as written. */
export function describeValue(board: Board, field: string, value: unknown): string {
  if (field === "laneId") return board.lanes.find((lane) => lane.id === value)?.title ?? "a deleted lane";
  return value === null || value === undefined ? "(none)" : String(value);
}

/** One side of a conflict, e.g. "Ada: In progress" (what a quick vote's options are called). */
export function sideLabel(
  board: Board,
  conflict: Conflict,
  side: 0 | 1,
  names: ReadonlyMap<string, string>,
): string {
  const write = conflict.sides[side];
  return `${names.get(write.userId) ?? "Someone"}: ${describeValue(board, conflict.field, write.value)}`;
}
