import { KeyboardCode, type KeyboardCoordinateGetter } from "@dnd-kit/core";
import { sortableKeyboardCoordinates } from "@dnd-kit/sortable";

/**
 * Keyboard moves for a board. Cards use dnd-kit's sortable coordinates (Up/Down within a lane,
 * Left/Right to the neighbouring lane). A lane steps to the next lane's slot on Left/Right only,
 * so its own cards never count as a place to move to.
 */
export const boardKeyboardCoordinates: KeyboardCoordinateGetter = (event, args) => {
  const { active, collisionRect, droppableContainers, droppableRects } = args.context;
  if (active?.data.current?.kind !== "lane") return sortableKeyboardCoordinates(event, args);
  const right = event.code === KeyboardCode.Right;
  const left = event.code === KeyboardCode.Left;
  if (!right && !left && event.code !== KeyboardCode.Up && event.code !== KeyboardCode.Down) return undefined;
  event.preventDefault();
  if (!collisionRect || (!right && !left)) return undefined;
  let target: { left: number; top: number } | null = null;
  for (const container of droppableContainers.getEnabled()) {
    if (container.data.current?.kind !== "lane" || container.id === active.id) continue;
    const rect = droppableRects.get(container.id);
    if (!rect) continue;
    const ahead = right ? rect.left > collisionRect.left + 1 : rect.left < collisionRect.left - 1;
    const closer = target === null || (right ? rect.left < target.left : rect.left > target.left);
    if (ahead && closer) target = rect;
  }
  return target ? { x: target.left, y: target.top } : undefined;
};
