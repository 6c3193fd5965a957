import type { Card } from "@converge/shared";
import { useDraggable } from "@dnd-kit/core";
import { type KeyboardEvent, memo } from "react";

/** Props of RoadmapTile. */
export interface RoadmapTileProps {
  readonly card: Card;
  readonly rowId: string;
  readonly columnId: string;
  readonly laneTitle: string;
  /** The card's own target when the column only approximates it (a quarter under Later), else null. */
  readonly exactTarget: string | null;
  readonly readOnly: boolean;
  readonly onOpen: (cardId: string) => void;
}

/** A compact card on the roadmap: draggable between horizons and goals (pointer or keyboard), Enter opens it. */
export const RoadmapTile = memo(function RoadmapTile({
  card,
  rowId,
  columnId,
  laneTitle,
  exactTarget,
  readOnly,
  onOpen,
}: RoadmapTileProps) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: card.id,
    data: { kind: "tile", rowId, columnId },
    disabled: readOnly,
  });
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!readOnly) listeners?.onKeyDown?.(event);
    if (!isDragging && event.key === "Enter") {
      event.preventDefault();
      onOpen(card.id);
    }
  };
  return (
    <li className="roadmap-slot">
      {/* biome-ignore lint/a11y/useSemanticElements: not a <button>, whose Space-keyup click would open the card the keyboard just picked up. */}
      <div
        ref={setNodeRef}
        className={`roadmap-tile${isDragging ? " is-placeholder" : ""}`}
        data-testid="roadmap-tile"
        data-card-id={card.id}
        {...(readOnly ? {} : { ...attributes, ...listeners })}
        role="button"
        tabIndex={0}
        onKeyDown={onKeyDown}
        onClick={() => onOpen(card.id)}
      >
        <span className="roadmap-tile-title">{card.title}</span>
        <span className="roadmap-tile-meta">
          {laneTitle}
          {exactTarget && <span className="chip">{exactTarget}</span>}
          {card.team && <span className="chip">{card.team}</span>}
        </span>
      </div>
    </li>
  );
});
