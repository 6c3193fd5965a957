import type { Card } from "@converge/shared";
import { useDroppable } from "@dnd-kit/core";
import { memo } from "react";
import { RoadmapTile } from "./RoadmapTile";
import type { CellData } from "./roadmapKeyboard";

/** Props of RoadmapCell. */
export interface RoadmapCellProps {
  readonly id: string;
  readonly rowId: string;
  readonly columnId: string;
  /** How the cell is spoken in drag announcements, e.g. "Next, goal Grow signups". */
  readonly label: string;
  readonly cards: readonly Card[];
  readonly laneTitles: ReadonlyMap<string, string>;
  /** The column's own target, to tell when a card's exact target differs from it. */
  readonly columnTarget: string | null;
  readonly droppable: boolean;
  readonly readOnly: boolean;
  readonly onOpen: (cardId: string) => void;
}

/** One roadmap cell (a goal × a horizon): a drop target holding its cards as tiles. */
export const RoadmapCell = memo(function RoadmapCell({
  id,
  rowId,
  columnId,
  label,
  cards,
  laneTitles,
  columnTarget,
  droppable,
  readOnly,
  onOpen,
}: RoadmapCellProps) {
  const data: CellData = { kind: "cell", rowId, columnId, label };
  const { setNodeRef, isOver } = useDroppable({ id, data, disabled: !droppable || readOnly });
  return (
    <td
      ref={setNodeRef}
      className={`roadmap-cell${isOver ? " is-over" : ""}`}
      data-testid="roadmap-cell"
      data-cell={id}
    >
      {cards.length > 0 && (
        <ul className="roadmap-tiles" aria-label={label}>
          {cards.map((card) => (
            <RoadmapTile
              key={card.id}
              card={card}
              rowId={rowId}
              columnId={columnId}
              laneTitle={laneTitles.get(card.id) ?? ""}
              exactTarget={card.target !== null && card.target !== columnTarget ? card.target : null}
              readOnly={readOnly}
              onOpen={onOpen}
            />
          ))}
        </ul>
      )}
    </td>
  );
});
