import {
  type Collision,
  type CollisionDetection,
  closestCenter,
  type DroppableContainer,
} from "@dnd-kit/core";

function kindOf(container: DroppableContainer): unknown {
  return container.data.current?.kind;
}

/**
 * Collision detection for a board: a dragged lane collides only with lanes; a dragged card first
 * picks the lane under the pointer (or, for keyboard drags, under the card's centre) and then the
 * closest card in that lane, or the lane itself when it is empty.
 */
export const laneFirstCollision: CollisionDetection = (args) => {
  const { active, collisionRect, droppableContainers, droppableRects, pointerCoordinates } = args;
  const lanes = droppableContainers.filter((container) => kindOf(container) === "lane");
  if (active.data.current?.kind === "lane") return closestCenter({ ...args, droppableContainers: lanes });

  const x = pointerCoordinates?.x ?? collisionRect.left + collisionRect.width / 2;
  const y = pointerCoordinates?.y ?? collisionRect.top + collisionRect.height / 2;
  let lane: DroppableContainer | null = null;
  let best = Number.POSITIVE_INFINITY;
  let bestY = Number.POSITIVE_INFINITY;
  // The column first; among cells of one column (swimlanes) the row under the pointer.
  for (const container of lanes) {
    const rect = droppableRects.get(container.id);
    if (!rect) continue;
    const distance = x < rect.left ? rect.left - x : x > rect.right ? x - rect.right : 0;
    const distanceY = y < rect.top ? rect.top - y : y > rect.bottom ? y - rect.bottom : 0;
    if (distance < best - 0.5 || (Math.abs(distance - best) <= 0.5 && distanceY < bestY)) {
      best = distance;
      bestY = distanceY;
      lane = container;
    }
  }
  if (!lane) return [];
  const laneId = lane.id;
  const cards = droppableContainers.filter(
    (container) => kindOf(container) === "card" && container.data.current?.laneId === laneId,
  );
  if (cards.length > 0) {
    const hits = closestCenter({ ...args, droppableContainers: cards });
    if (hits.length > 0) return hits;
  }
  const fallback: Collision = { id: laneId, data: { droppableContainer: lane, value: best } };
  return [fallback];
};
