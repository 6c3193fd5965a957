import type { Announcements, KeyboardCoordinateGetter, ScreenReaderInstructions } from "@dnd-kit/core";
import { KeyboardCode } from "@dnd-kit/core";

/** What the screen reader hears on a focused roadmap tile. */
export const roadmapInstructions: ScreenReaderInstructions = {
  draggable:
    "To move this card on the roadmap, press Space. Then use the arrow keys: Left and Right to another " +
    "horizon, Up and Down to another goal. Press Space again to drop it, or Escape to cancel. " +
    "Press Enter to open the card's details.",
};

/** Where a roadmap cell sits, as dnd-kit's droppable data. */
export interface CellData {
  readonly kind: "cell";
  readonly rowId: string;
  readonly columnId: string;
  /** How the cell is spoken: "Next, goal Grow signups". */
  readonly label: string;
}

function isCell(data: unknown): data is CellData {
  return typeof data === "object" && data !== null && (data as { kind?: unknown }).kind === "cell";
}

/**
 * Keyboard moves on the roadmap grid: each arrow key jumps the dragged tile to the neighbouring cell
 * in that direction (same row for Left/Right, same column for Up/Down), so one press is one cell.
 */
export const roadmapKeyboardCoordinates: KeyboardCoordinateGetter = (event, { context }) => {
  const { collisionRect, droppableContainers, droppableRects } = context;
  const horizontal = event.code === KeyboardCode.Left || event.code === KeyboardCode.Right;
  const vertical = event.code === KeyboardCode.Up || event.code === KeyboardCode.Down;
  if (!horizontal && !vertical) return undefined;
  event.preventDefault();
  if (!collisionRect) return undefined;
  const cx = collisionRect.left + collisionRect.width / 2;
  const cy = collisionRect.top + collisionRect.height / 2;
  const forward = event.code === KeyboardCode.Right || event.code === KeyboardCode.Down;
  let best: { left: number; top: number; distance: number } | null = null;
  for (const container of droppableContainers.getEnabled()) {
    if (!isCell(container.data.current)) continue;
    const rect = droppableRects.get(container.id);
    if (!rect) continue;
    const inLine = horizontal
      ? cy >= rect.top && cy <= rect.top + rect.height
      : cx >= rect.left && cx <= rect.left + rect.width;
    const ahead = horizontal
      ? forward
        ? rect.left > cx
        : rect.left + rect.width < cx
      : forward
        ? rect.top > cy
        : rect.top + rect.height < cy;
    if (!inLine || !ahead) continue;
    const distance = horizontal
      ? Math.abs(rect.left - collisionRect.left)
      : Math.abs(rect.top - collisionRect.top);
    if (!best || distance < best.distance) best = { left: rect.left, top: rect.top, distance };
  }
  return best ? { x: best.left + 6, y: best.top + 6 } : undefined;
};

/** dnd-kit announcements for the roadmap that speak card titles and cells, never ids. */
export function roadmapAnnouncements(titleOf: (cardId: string) => string): Announcements {
  const where = (over: { data: { current?: unknown } } | null) =>
    over && isCell(over.data.current) ? over.data.current.label : null;
  return {
    onDragStart: ({ active }) => `Picked up card “${titleOf(String(active.id))}”.`,
    onDragOver: ({ active, over }) => {
      const place = where(over);
      return place
        ? `Card “${titleOf(String(active.id))}” is over ${place}.`
        : `Card “${titleOf(String(active.id))}” is not over a roadmap cell.`;
    },
    onDragEnd: ({ active, over }) => {
      const place = where(over);
      return place
        ? `Card “${titleOf(String(active.id))}” was dropped in ${place}.`
        : `Card “${titleOf(String(active.id))}” was dropped outside the roadmap; nothing changed.`;
    },
    onDragCancel: ({ active }) =>
      `Moving was cancelled. Card “${titleOf(String(active.id))}” went back to where it was.`,
  };
}
