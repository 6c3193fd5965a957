import type { Card as CardData, Lane as LaneData, ScoringModel } from "@converge/shared";
import { SortableContext, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { memo, useState } from "react";
import type { BoardActions } from "./boardActions";
import { Card } from "./Card";
import { CardComposer } from "./CardComposer";
import { EditableText } from "./EditableText";
import { LaneMenu } from "./LaneMenu";
import type { CardActivity } from "./peerActivity";

/** Props of Lane. */
export interface LaneProps {
  readonly lane: LaneData;
  readonly cards: ReadonlyMap<string, CardData>;
  readonly actions: BoardActions;
  readonly activity: ReadonlyMap<string, CardActivity>;
  /** Where a card dragged in from another lane would land, to draw the insertion line. */
  readonly dropIndex: number | null;
  readonly onOpenCard: (cardId: string) => void;
  readonly onEditing: (cardId: string | null) => void;
  /** View only: no handle, menu, composer or renaming. */
  readonly readOnly?: boolean;
  readonly scoringModel?: ScoringModel;
  /** Member names by user id, for owner badges. */
  readonly memberNames?: ReadonlyMap<string, string>;
}

const NO_NAMES: ReadonlyMap<string, string> = new Map();

/** One lane: a header with drag handle, title, WIP count and menu; its sortable cards; the card composer. */
export const Lane = memo(function Lane({
  lane,
  cards,
  actions,
  activity,
  dropIndex,
  onOpenCard,
  onEditing,
  readOnly = false,
  scoringModel = "rice",
  memberNames = NO_NAMES,
}: LaneProps) {
  const [renaming, setRenaming] = useState(false);
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } =
    useSortable({ id: lane.id, data: { kind: "lane" }, disabled: readOnly });
  const count = lane.cardIds.length;
  const over = lane.wipLimit !== null && count > lane.wipLimit;
  const titleId = `lane-title-${lane.id}`;

  const items = lane.cardIds.map((id) => {
    const card = cards.get(id);
    if (!card) return null;
    const peer = activity.get(id);
    return (
      <Card
        key={id}
        card={card}
        laneId={lane.id}
        onOpen={onOpenCard}
        onRename={actions.renameCard}
        onEditing={onEditing}
        peerName={peer?.name ?? null}
        peerColor={peer?.color ?? null}
        peerKind={peer?.kind ?? null}
        scoringModel={scoringModel}
        ownerName={card.owner ? (memberNames.get(card.owner) ?? null) : null}
        readOnly={readOnly}
      />
    );
  });
  if (dropIndex !== null) {
    items.splice(dropIndex, 0, <li key="drop-indicator" className="drop-indicator" aria-hidden="true" />);
  }

  return (
    <section
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={`lane${isDragging ? " is-placeholder" : ""}${over ? " is-over-limit" : ""}`}
      data-testid="lane"
      data-lane-id={lane.id}
      aria-labelledby={titleId}
    >
      <header className="lane-header">
        {!readOnly && (
          <button
            ref={setActivatorNodeRef}
            type="button"
            className="lane-handle"
            {...attributes}
            {...listeners}
            aria-label={`Move lane ${lane.title}`}
          >
            <span aria-hidden="true">⠿</span>
          </button>
        )}
        <h2 className="lane-title" id={titleId}>
          {readOnly ? (
            <span className="lane-title-text">{lane.title}</span>
          ) : (
            <EditableText
              value={lane.title}
              label="Lane title"
              editing={renaming}
              onEditingChange={setRenaming}
              onCommit={(title) => actions.renameLane(lane.id, title)}
            />
          )}
        </h2>
        <span
          className={`wip${over ? " is-over" : ""}`}
          data-testid="wip"
          title={
            lane.wipLimit === null
              ? `${count} cards`
              : `${count} of at most ${lane.wipLimit} cards${over ? " — over the limit" : ""}`
          }
        >
          {lane.wipLimit === null ? count : `${count} / ${lane.wipLimit}`}
        </span>
        {!readOnly && (
          <LaneMenu
            laneTitle={lane.title}
            cardCount={count}
            wipLimit={lane.wipLimit}
            onRename={() => setRenaming(true)}
            onSetWipLimit={(limit) => actions.setWipLimit(lane.id, limit)}
            onDelete={() => actions.deleteLane(lane.id)}
          />
        )}
      </header>
      <SortableContext id={lane.id} items={lane.cardIds as string[]} strategy={verticalListSortingStrategy}>
        <ul className="lane-cards" aria-label={`Cards in ${lane.title}`}>
          {items}
        </ul>
      </SortableContext>
      {!readOnly && (
        <footer className="lane-footer">
          <CardComposer laneId={lane.id} onAdd={actions.addCard} />
        </footer>
      )}
    </section>
  );
});
