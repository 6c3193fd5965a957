import type { Card as CardData, Lane as LaneData, ScoringModel } from "@converge/shared";
import { SortableContext, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, type ReactNode, useRef, useState } from "react";
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
  /** The cards shown, in order (the filtered subset); the lane's own cards when omitted. */
  readonly cardIds?: readonly string[];
  /** The droppable's id: the lane id, or a swimlane cell's id. */
  readonly droppableId?: string;
  /** A swimlane cell: no header, no composer, not draggable itself (the column header stands for it). */
  readonly cell?: boolean;
  /** The band label a cell belongs to, for its accessible name. */
  readonly bandTitle?: string;
}

/** Lanes longer than this render only the cards in view (and a few around them). */
export const VIRTUALIZE_AFTER = 60;

const NO_NAMES: ReadonlyMap<string, string> = new Map();

/**
 * A long swimlane cell scrolls on its own: a cell otherwise grows with its cards, so the virtualiser, seeing
 * all of them in view, rendered every one (2,000 cards mounted at once with swimlanes on).
 */
const CELL_SCROLL = { maxHeight: 480, overflowY: "auto" } as const;

/** Stands in for the cards of a virtualised lane that are scrolled out of view. */
function Spacer({ height }: { readonly height: number }) {
  return <li className="lane-spacer" aria-hidden="true" style={{ height, flex: "none" }} />;
}

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
  cardIds = lane.cardIds,
  droppableId = lane.id,
  cell = false,
  bandTitle,
}: LaneProps) {
  const [renaming, setRenaming] = useState(false);
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } =
    useSortable({
      id: droppableId,
      data: { kind: "lane", laneId: lane.id },
      disabled: readOnly || cell ? { draggable: true, droppable: false } : false,
    });
  const count = lane.cardIds.length;
  const over = lane.wipLimit !== null && count > lane.wipLimit;
  const titleId = `lane-title-${droppableId}`;
  const filtered = cardIds.length !== lane.cardIds.length;
  const scrollRef = useRef<HTMLUListElement>(null);
  const virtual = cardIds.length > VIRTUALIZE_AFTER;
  const virtualizer = useVirtualizer({
    count: virtual ? cardIds.length : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 62,
    overscan: 8,
    gap: 6,
    getItemKey: (index) => cardIds[index] ?? index,
  });

  const renderCard = (id: string, index?: number): ReactNode => {
    const card = cards.get(id);
    if (!card) return null;
    const peer = activity.get(id);
    return (
      <Card
        key={id}
        card={card}
        laneId={droppableId}
        index={index}
        measureRef={index === undefined ? undefined : virtualizer.measureElement}
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
  };

  let items: ReactNode[];
  if (virtual) {
    const rows = virtualizer.getVirtualItems();
    items = rows.map((row) => renderCard(cardIds[row.index] as string, row.index));
    // The space of the cards not rendered is taken by spacer items inside the list, not by the list's
    // padding: the list is the scroll container, and a flex item never shrinks below its padding, so a
    // padded list grew to the whole lane's height, the virtualiser then rendered every card, the
    // padding vanished, the list shrank, and so on: hundreds of cards mounted and unmounted per render.
    const before = rows[0]?.start ?? 0;
    const after = Math.max(0, virtualizer.getTotalSize() - (rows.at(-1)?.end ?? 0));
    if (before > 0) items.unshift(<Spacer key="spacer-before" height={before} />);
    if (after > 0) items.push(<Spacer key="spacer-after" height={after} />);
  } else {
    items = cardIds.map((id) => renderCard(id));
  }
  if (dropIndex !== null && !virtual) {
    items.splice(dropIndex, 0, <li key="drop-indicator" className="drop-indicator" aria-hidden="true" />);
  }

  const list = (
    <SortableContext id={droppableId} items={cardIds as string[]} strategy={verticalListSortingStrategy}>
      <ul
        ref={scrollRef}
        className={`lane-cards${virtual ? " is-virtual" : ""}`}
        style={virtual && cell ? CELL_SCROLL : undefined}
        aria-label={cell ? `${lane.title} cards in ${bandTitle ?? ""}` : `Cards in ${lane.title}`}
      >
        {items}
      </ul>
    </SortableContext>
  );

  if (cell) {
    return (
      <section
        ref={setNodeRef}
        className={`lane swimlane-cell${over ? " is-over-limit" : ""}`}
        data-testid="swimlane-cell"
        data-lane-id={lane.id}
        aria-label={`${lane.title}, ${bandTitle ?? ""}`}
      >
        {list}
      </section>
    );
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
          {filtered && <span className="wip-shown">{cardIds.length} of </span>}
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
      {list}
      {!readOnly && (
        <footer className="lane-footer">
          <CardComposer laneId={lane.id} onAdd={actions.addCard} />
        </footer>
      )}
    </section>
  );
});
