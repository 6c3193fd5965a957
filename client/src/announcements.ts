import type { Board } from "@converge/shared";
import type { Announcements, ScreenReaderInstructions, UniqueIdentifier } from "@dnd-kit/core";

/** What the screen reader hears when a drag starts, as the built-in instructions for a focused card or lane. */
export const screenReaderInstructions: ScreenReaderInstructions = {
  draggable:
    "To pick up this card or lane, press Space. While dragging, use the arrow keys to move it: Up and Down " +
    "within a lane, Left and Right to another lane. Press Space again to drop it, or Escape to cancel. " +
    "Press Enter on a card to open its details, F2 to rename it.",
};

function laneOfCard(board: Board, cardId: string) {
  return board.lanes.find((lane) => lane.cardIds.includes(cardId));
}

function nameOf(board: Board, id: UniqueIdentifier): string {
  const key = String(id);
  const card = board.cards.get(key);
  if (card) return `card “${card.title}”`;
  const lane = board.lanes.find((item) => item.id === key);
  return lane ? `lane “${lane.title}”` : "item";
}

function placeOf(board: Board, activeId: UniqueIdentifier, overId: UniqueIdentifier): string {
  const key = String(overId);
  const overLane = board.lanes.find((lane) => lane.id === key);
  const isLaneDrag = board.lanes.some((lane) => lane.id === String(activeId));
  if (overLane) {
    if (isLaneDrag) {
      const index = board.lanes.indexOf(overLane);
      return `position ${index + 1} of ${board.lanes.length}`;
    }
    return `lane “${overLane.title}”`;
  }
  const card = board.cards.get(key);
  const lane = laneOfCard(board, key);
  if (!card || !lane) return "the board";
  if (isLaneDrag) return `position ${board.lanes.indexOf(lane) + 1} of ${board.lanes.length}`;
  // Coming from another lane, the card adds one to this lane's count.
  const total = lane.cardIds.length + (lane.cardIds.includes(String(activeId)) ? 0 : 1);
  return `lane “${lane.title}”, position ${lane.cardIds.indexOf(key) + 1} of ${total}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** dnd-kit announcements that speak titles, never ids, read from the latest board. */
export function createAnnouncements(getBoard: () => Board): Announcements {
  return {
    onDragStart: ({ active }) => `Picked up ${nameOf(getBoard(), active.id)}.`,
    onDragOver: ({ active, over }) => {
      const board = getBoard();
      const name = capitalise(nameOf(board, active.id));
      return over ? `${name} is over ${placeOf(board, active.id, over.id)}.` : `${name} is not over a lane.`;
    },
    onDragEnd: ({ active, over }) => {
      const board = getBoard();
      const name = capitalise(nameOf(board, active.id));
      return over
        ? `${name} was dropped in ${placeOf(board, active.id, over.id)}.`
        : `${name} was dropped outside the lanes; nothing moved.`;
    },
    onDragCancel: ({ active }) =>
      `Moving was cancelled. ${capitalise(nameOf(getBoard(), active.id))} went back to where it was.`,
  };
}
