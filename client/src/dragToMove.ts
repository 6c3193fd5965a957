/** What kind of thing a draggable or droppable is; stored in dnd-kit's `data` so the drop can be read back. */
export type DragKind = "card" | "lane";

/** The lane order a drop is resolved against: lane ids left to right, each with its card ids top to bottom. */
export interface LaneOrder {
  readonly id: string;
  readonly cardIds: readonly string[];
}

/** The facts of a drag at its end, as plain data lifted out of dnd-kit's DragEndEvent. */
export interface DragEnd {
  readonly activeId: string;
  readonly activeKind: DragKind;
  /** The droppable under the dragged item, or null when it was dropped outside every lane. */
  readonly overId: string | null;
  readonly overKind: DragKind | null;
  /** Vertical centre of the dragged item's translated rectangle, when known. */
  readonly activeCenterY?: number | null;
  /** Vertical centre of the droppable it is over, when known. */
  readonly overCenterY?: number | null;
}

/** A move to commit with the shared `moveCard` (index counted without the card itself). */
export interface CardMove {
  readonly kind: "card";
  readonly cardId: string;
  readonly laneId: string;
  readonly index: number;
}

/** A move to commit with the shared `moveLane` (index among the lanes, 0 = leftmost). */
export interface LaneMove {
  readonly kind: "lane";
  readonly laneId: string;
  readonly index: number;
}

/** The result of a drag: one move to write, or nothing. */
export type Move = CardMove | LaneMove;

function laneOfCard(lanes: readonly LaneOrder[], cardId: string): LaneOrder | undefined {
  return lanes.find((lane) => lane.cardIds.includes(cardId));
}

function cardMove(drag: DragEnd, lanes: readonly LaneOrder[]): CardMove | null {
  const { activeId, overId } = drag;
  if (overId === null || overId === activeId) return null;
  const source = laneOfCard(lanes, activeId);
  if (!source) return null;
  const target =
    drag.overKind === "lane" ? lanes.find((lane) => lane.id === overId) : laneOfCard(lanes, overId);
  if (!target) return null;
  const others = target.cardIds.filter((id) => id !== activeId);
  let index: number;
  if (drag.overKind === "lane") {
    index = others.length;
  } else if (target.id === source.id) {
    // Within a lane the sortable preview shows arrayMove(from, to): the card takes the over card's slot.
    index = target.cardIds.indexOf(overId);
  } else {
    const below =
      drag.activeCenterY != null && drag.overCenterY != null && drag.activeCenterY > drag.overCenterY;
    index = others.indexOf(overId) + (below ? 1 : 0);
  }
  if (target.id === source.id && index === source.cardIds.indexOf(activeId)) return null;
  return { kind: "card", cardId: activeId, laneId: target.id, index };
}

function laneMove(drag: DragEnd, lanes: readonly LaneOrder[]): LaneMove | null {
  const { activeId, overId } = drag;
  if (overId === null) return null;
  const overLaneId = drag.overKind === "card" ? laneOfCard(lanes, overId)?.id : overId;
  const from = lanes.findIndex((lane) => lane.id === activeId);
  const to = lanes.findIndex((lane) => lane.id === overLaneId);
  if (from < 0 || to < 0 || from === to) return null;
  return { kind: "lane", laneId: activeId, index: to };
}

/**
 * Turns the end of a drag into the one move to commit, or null for a cancelled drag, a drop
 * outside every lane, or a drop that leaves everything where it was.
 */
export function dragToMove(drag: DragEnd, lanes: readonly LaneOrder[]): Move | null {
  return drag.activeKind === "card" ? cardMove(drag, lanes) : laneMove(drag, lanes);
}
