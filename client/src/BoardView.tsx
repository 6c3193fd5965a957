import { type Board, groupIntoSwimlanes, type Peer, type PresenceActivity } from "@converge/shared";
import {
  type Announcements,
  DndContext,
  type DragEndEvent,
  type DragMoveEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardCode,
  type KeyboardSensorOptions,
  PointerSensor,
  type PointerSensorOptions,
  TouchSensor,
  type TouchSensorOptions,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import { horizontalListSortingStrategy, SortableContext } from "@dnd-kit/sortable";
import { useMemo, useRef, useState } from "react";
import { createAnnouncements, screenReaderInstructions } from "./announcements";
import type { BoardActions } from "./boardActions";
import { boardKeyboardCoordinates } from "./boardKeyboardCoordinates";
import {
  cellId,
  type DisplayLane,
  type SwimlaneMode,
  swimlaneCells,
  toBoardDrop,
  visibleLanes,
} from "./displayLanes";
import { type DragEnd, type DragKind, dragToMove } from "./dragToMove";
import { Lane } from "./Lane";
import { LaneComposer } from "./LaneComposer";
import { laneFirstCollision } from "./laneFirstCollision";
import { activityByCard } from "./peerActivity";
import { PromptKeyboardSensor } from "./promptKeyboardSensor";

/** Props of BoardView. */
export interface BoardViewProps {
  readonly board: Board;
  readonly actions: BoardActions;
  readonly peers: readonly Peer[];
  readonly onActivity: (activity: PresenceActivity | null) => void;
  readonly onOpenCard: (cardId: string) => void;
  readonly onEditing: (cardId: string | null) => void;
  /** View only: no drag sensors, no add, rename or delete controls. */
  readonly readOnly?: boolean;
  /** Member names by user id, for the cards' owner badges. */
  readonly memberNames?: ReadonlyMap<string, string>;
  /** The cards the filter bar keeps; every live card when omitted. */
  readonly visibleCardIds?: ReadonlySet<string>;
  /** Bands by team or goal, or none. */
  readonly swimlanes?: SwimlaneMode;
}

function allLive(board: Board): ReadonlySet<string> {
  const ids = new Set<string>();
  for (const lane of board.lanes) for (const id of lane.cardIds) ids.add(id);
  return ids;
}

interface ActiveDrag {
  readonly id: string;
  readonly kind: DragKind;
  readonly fromLaneId: string | null;
}

interface DropHint {
  readonly laneId: string;
  readonly index: number;
}

// Sensor options live outside the component: a new options object would give dnd-kit new
// activators on every render, and with them re-render every card.
const POINTER_OPTIONS: PointerSensorOptions = { activationConstraint: { distance: 5 } };
const TOUCH_OPTIONS: TouchSensorOptions = { activationConstraint: { delay: 200, tolerance: 5 } };
const KEYBOARD_OPTIONS: KeyboardSensorOptions = {
  coordinateGetter: boardKeyboardCoordinates,
  // Enter is not a start key: on a focused card it opens the card's details.
  keyboardCodes: {
    start: [KeyboardCode.Space],
    cancel: [KeyboardCode.Esc],
    end: [KeyboardCode.Space, KeyboardCode.Enter],
  },
};

const NO_SENSORS: ReturnType<typeof useSensors> = [];

function kindOf(data: Record<string, unknown> | undefined): DragKind | null {
  const kind = data?.kind;
  return kind === "card" || kind === "lane" ? kind : null;
}

function centerY(rect: { top: number; height: number } | null | undefined): number | null {
  return rect ? rect.top + rect.height / 2 : null;
}

function readDrag(event: DragMoveEvent | DragEndEvent): DragEnd {
  const { active, over } = event;
  return {
    activeId: String(active.id),
    activeKind: kindOf(active.data.current) ?? "card",
    overId: over ? String(over.id) : null,
    overKind: over ? kindOf(over.data.current) : null,
    activeCenterY: centerY(active.rect.current.translated),
    overCenterY: centerY(over?.rect),
  };
}

/**
 * The lanes and cards with drag and drop. Drags only change local preview state and awareness;
 * the document is written once, on drop, with the move dragToMove computes.
 */
export function BoardView({
  board,
  actions,
  peers,
  onActivity,
  onOpenCard,
  onEditing,
  readOnly = false,
  memberNames,
  visibleCardIds,
  swimlanes = "none",
}: BoardViewProps) {
  const editSensors = useSensors(
    useSensor(PointerSensor, POINTER_OPTIONS),
    useSensor(TouchSensor, TOUCH_OPTIONS),
    useSensor(PromptKeyboardSensor, KEYBOARD_OPTIONS),
  );
  const sensors = readOnly ? NO_SENSORS : editSensors;
  const boardRef = useRef(board);
  boardRef.current = board;
  const accessibility = useMemo(
    (): { announcements: Announcements; screenReaderInstructions: typeof screenReaderInstructions } => ({
      announcements: createAnnouncements(() => boardRef.current),
      screenReaderInstructions,
    }),
    [],
  );
  const [active, setActive] = useState<ActiveDrag | null>(null);
  const [dropHint, setDropHint] = useState<DropHint | null>(null);
  const overLaneRef = useRef<string | null>(null);
  const activity = useMemo(() => activityByCard(peers), [peers]);
  const visible = useMemo(() => visibleCardIds ?? allLive(board), [visibleCardIds, board]);
  const bands = useMemo(
    () => (swimlanes === "none" ? null : groupIntoSwimlanes(board, swimlanes, visible)),
    [board, swimlanes, visible],
  );
  const shown: readonly DisplayLane[] = useMemo(
    () => (bands ? swimlaneCells(bands) : visibleLanes(board, visible)),
    [bands, board, visible],
  );
  const shownRef = useRef(shown);
  shownRef.current = shown;
  const laneIds = useMemo(() => shown.map((lane) => lane.id), [shown]);
  const cardsOf = useMemo(() => new Map(shown.map((lane) => [lane.id, lane.cardIds])), [shown]);

  const reset = () => {
    setActive(null);
    setDropHint(null);
    overLaneRef.current = null;
  };

  const onDragStart = ({ active: dragged }: DragStartEvent) => {
    const kind = kindOf(dragged.data.current) ?? "card";
    const laneId = dragged.data.current?.laneId;
    const fromLaneId = typeof laneId === "string" ? laneId : null;
    setActive({ id: String(dragged.id), kind, fromLaneId });
    if (kind === "card") {
      overLaneRef.current = fromLaneId;
      onActivity({
        kind: "dragging",
        cardId: String(dragged.id),
        ...(fromLaneId ? { overLaneId: fromLaneId } : {}),
      });
    }
  };

  const onDragMove = (event: DragMoveEvent) => {
    if (kindOf(event.active.data.current) !== "card") return;
    const move = dragToMove(readDrag(event), shownRef.current);
    const fromLaneId = event.active.data.current?.laneId;
    const hint = move?.kind === "card" && move.laneId !== fromLaneId ? move : null;
    setDropHint((previous) =>
      previous?.laneId === hint?.laneId && previous?.index === hint?.index
        ? previous
        : hint && { laneId: hint.laneId, index: hint.index },
    );
    const over = event.over;
    const overLaneId = over
      ? kindOf(over.data.current) === "lane"
        ? String(over.id)
        : over.data.current?.laneId
      : null;
    if (typeof overLaneId === "string" && overLaneId !== overLaneRef.current) {
      overLaneRef.current = overLaneId;
      onActivity({ kind: "dragging", cardId: String(event.active.id), overLaneId });
    }
  };

  const onDragEnd = (event: DragEndEvent) => {
    const move = dragToMove(readDrag(event), shownRef.current);
    reset();
    if (move?.kind === "lane") actions.applyMove(move);
    else if (move) {
      const source = shownRef.current.find((lane) => lane.cardIds.includes(move.cardId));
      const drop = toBoardDrop(move, shownRef.current, boardRef.current, source?.band);
      // One transaction: peers never see the card in its new lane with its old team or goal.
      if (drop) {
        const { band } = drop;
        const fields =
          band === undefined ? undefined : swimlanes === "team" ? { team: band } : { goalId: band };
        actions.applyMove(drop.move, fields);
      }
    }
    onActivity(null);
  };

  const onDragCancel = () => {
    reset();
    onActivity(null);
  };

  const activeCard = active?.kind === "card" ? board.cards.get(active.id) : undefined;
  const activeLane = active?.kind === "lane" ? board.lanes.find((lane) => lane.id === active.id) : undefined;

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={laneFirstCollision}
      accessibility={accessibility}
      onDragStart={onDragStart}
      onDragMove={onDragMove}
      onDragOver={onDragMove}
      onDragEnd={onDragEnd}
      onDragCancel={onDragCancel}
    >
      <SortableContext id="lanes" items={laneIds} strategy={horizontalListSortingStrategy}>
        {bands ? (
          <div className="swimlanes" data-testid="swimlanes-board">
            <div className="swimlane-columns" aria-hidden="true">
              <span className="swimlane-corner" />
              {board.lanes.map((lane) => (
                <span key={lane.id} className="swimlane-column-title">
                  {lane.title}
                  <span className="wip">
                    {lane.wipLimit === null
                      ? lane.cardIds.length
                      : `${lane.cardIds.length} / ${lane.wipLimit}`}
                  </span>
                </span>
              ))}
            </div>
            {bands.map((band) => (
              <section
                key={band.key ?? "\u0000none"}
                className="swimlane"
                data-testid="swimlane"
                aria-labelledby={`band-${band.key ?? "none"}`}
              >
                <h2 className="swimlane-title" id={`band-${band.key ?? "none"}`}>
                  {band.title} <span className="muted">{band.count}</span>
                </h2>
                <div className="swimlane-row">
                  {board.lanes.map((lane) => {
                    const id = cellId(band.key, lane.id);
                    return (
                      <Lane
                        key={id}
                        lane={lane}
                        cards={board.cards}
                        actions={actions}
                        activity={activity}
                        dropIndex={dropHint?.laneId === id ? dropHint.index : null}
                        onOpenCard={onOpenCard}
                        onEditing={onEditing}
                        readOnly={readOnly}
                        scoringModel={board.scoringModel}
                        memberNames={memberNames}
                        cardIds={cardsOf.get(id) ?? []}
                        droppableId={id}
                        cell
                        bandTitle={band.title}
                      />
                    );
                  })}
                </div>
              </section>
            ))}
          </div>
        ) : (
          <div className="lanes">
            {board.lanes.map((lane) => (
              <Lane
                key={lane.id}
                lane={lane}
                cards={board.cards}
                actions={actions}
                activity={activity}
                dropIndex={dropHint?.laneId === lane.id ? dropHint.index : null}
                onOpenCard={onOpenCard}
                onEditing={onEditing}
                readOnly={readOnly}
                scoringModel={board.scoringModel}
                memberNames={memberNames}
                cardIds={cardsOf.get(lane.id)}
              />
            ))}
            {!readOnly && <LaneComposer onAdd={actions.addLane} />}
          </div>
        )}
      </SortableContext>
      <DragOverlay>
        {activeCard && <div className="card is-overlay">{activeCard.title}</div>}
        {activeLane && (
          <div className="lane is-overlay">
            <div className="lane-header">
              <span className="lane-overlay-title">{activeLane.title}</span>
              <span className="wip">{activeLane.cardIds.length}</span>
            </div>
            <ul className="lane-cards">
              {activeLane.cardIds.slice(0, 3).map((cardId) => (
                <li key={cardId} className="card">
                  {board.cards.get(cardId)?.title}
                </li>
              ))}
            </ul>
          </div>
        )}
      </DragOverlay>
    </DndContext>
  );
}
