import type { Board, Swimlane } from "@converge/shared";
import type { CardMove, LaneOrder } from "./dragToMove";

/** How the Board view splits its lanes into horizontal bands. */
export type SwimlaneMode = "none" | "team" | "goal";

/** One droppable column of cards as shown: a whole lane, or one band's cell of a lane. */
export interface DisplayLane extends LaneOrder {
  /** The droppable id: the lane id, or `${band}\u0000${laneId}` for a swimlane cell. */
  readonly id: string;
  readonly laneId: string;
  /** The swimlane's key (team name or goal id; null for "No team"/"No goal"); undefined without swimlanes. */
  readonly band?: string | null;
  /** The cards shown, in order: the lane's cards that pass the filter (and belong to the band). */
  readonly cardIds: readonly string[];
}

/** The droppable id of a swimlane cell. */
export function cellId(band: string | null, laneId: string): string {
  return `${band ?? ""}\u0000${laneId}`;
}

/**
 * The board's lanes with only the visible cards; a lane whose cards are all visible keeps its own
 * array, so an unfiltered board hands the lanes the very arrays the snapshot holds.
 */
export function visibleLanes(board: Board, visible: ReadonlySet<string>): readonly DisplayLane[] {
  return board.lanes.map((lane) => {
    const shown = lane.cardIds.every((id) => visible.has(id))
      ? lane.cardIds
      : lane.cardIds.filter((id) => visible.has(id));
    return { id: lane.id, laneId: lane.id, cardIds: shown };
  });
}

/** The cells of the swimlanes, band by band, as display lanes. */
export function swimlaneCells(swimlanes: readonly Swimlane[]): readonly DisplayLane[] {
  return swimlanes.flatMap((band) =>
    band.lanes.map((cell) => ({
      id: cellId(band.key, cell.laneId),
      laneId: cell.laneId,
      band: band.key,
      cardIds: cell.cardIds,
    })),
  );
}

/** A drop resolved against the whole board: the shared move, plus the band the card now belongs to. */
export interface BoardDrop {
  readonly move: CardMove;
  /** The new team or goal when the card crossed swimlanes (null clears it); undefined when it stayed. */
  readonly band?: string | null;
}

/**
 * Turns a move computed over what is shown (filtered lanes or swimlane cells) into a move over the
 * whole lane: the card lands just before the visible card it was dropped above, or just after the
 * last visible card it was dropped below, so hidden cards keep their places.
 */
export function toBoardDrop(
  move: CardMove,
  shown: readonly DisplayLane[],
  board: Board,
  sourceBand?: string | null,
): BoardDrop | null {
  const target = shown.find((lane) => lane.id === move.laneId);
  const lane = target && board.lanes.find((candidate) => candidate.id === target.laneId);
  if (!target || !lane) return null;
  const visibleOthers = target.cardIds.filter((id) => id !== move.cardId);
  const fullOthers = lane.cardIds.filter((id) => id !== move.cardId);
  let index: number;
  const before = visibleOthers[move.index];
  if (before !== undefined) index = fullOthers.indexOf(before);
  else {
    const after = visibleOthers.at(-1);
    index = after === undefined ? fullOthers.length : fullOthers.indexOf(after) + 1;
  }
  const drop: CardMove = { kind: "card", cardId: move.cardId, laneId: lane.id, index: Math.max(0, index) };
  return target.band !== undefined && target.band !== sourceBand
    ? { move: drop, band: target.band }
    : { move: drop };
}
