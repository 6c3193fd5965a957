import type { Card } from "@converge/shared";
import {
  type Announcements,
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardCode,
  type KeyboardSensorOptions,
  PointerSensor,
  type PointerSensorOptions,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import { useMemo, useRef, useState } from "react";
import { PromptKeyboardSensor } from "../promptKeyboardSensor";
import { commitCardFields } from "./cardEdits";
import { RoadmapCell } from "./RoadmapCell";
import { cellId, dropPatch, quarterOf, type RoadmapMode, roadmapLayout } from "./roadmap";
import {
  type CellData,
  roadmapAnnouncements,
  roadmapInstructions,
  roadmapKeyboardCoordinates,
} from "./roadmapKeyboard";
import type { ViewProps } from "./ViewProps";
import "./views.css";

const POINTER_OPTIONS: PointerSensorOptions = { activationConstraint: { distance: 5 } };
const KEYBOARD_OPTIONS: KeyboardSensorOptions = {
  coordinateGetter: roadmapKeyboardCoordinates,
  // Enter opens a tile's card, so only Space picks one up.
  keyboardCodes: {
    start: [KeyboardCode.Space],
    cancel: [KeyboardCode.Esc],
    end: [KeyboardCode.Space, KeyboardCode.Enter],
  },
};
const NO_SENSORS: ReturnType<typeof useSensors> = [];

const MODES: readonly { readonly id: RoadmapMode; readonly label: string }[] = [
  { id: "horizons", label: "Now / Next / Later" },
  { id: "quarters", label: "Quarters" },
];

function readCell(data: unknown): CellData | null {
  return typeof data === "object" && data !== null && (data as { kind?: unknown }).kind === "cell"
    ? (data as CellData)
    : null;
}

/**
 * The Roadmap view: visible cards as tiles by goal (rows) and Now / Next / Later or quarters
 * (columns). Dragging a tile to another cell, by pointer or keyboard, writes one setCardFields on
 * drop (its target and/or goal); viewers get the same picture without drag.
 */
export function RoadmapView({ doc, board, visibleCardIds, readOnly, onOpenCard }: ViewProps) {
  const [mode, setMode] = useState<RoadmapMode>("horizons");
  const [activeId, setActiveId] = useState<string | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const today = quarterOf(new Date());
  const layout = useMemo(
    () => roadmapLayout(board, visibleCardIds, mode, today),
    [board, visibleCardIds, mode, today],
  );
  const laneTitles = useMemo(() => {
    const titles = new Map<string, string>();
    for (const lane of board.lanes) for (const id of lane.cardIds) titles.set(id, lane.title);
    return titles;
  }, [board.lanes]);
  const editSensors = useSensors(
    useSensor(PointerSensor, POINTER_OPTIONS),
    useSensor(PromptKeyboardSensor, KEYBOARD_OPTIONS),
  );
  const boardRef = useRef(board);
  boardRef.current = board;
  const accessibility = useMemo(
    (): { announcements: Announcements; screenReaderInstructions: typeof roadmapInstructions } => ({
      announcements: roadmapAnnouncements((id) => boardRef.current.cards.get(id)?.title ?? "card"),
      screenReaderInstructions: roadmapInstructions,
    }),
    [],
  );

  const onDragStart = ({ active }: DragStartEvent) => setActiveId(String(active.id));
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setActiveId(null);
    const card = boardRef.current.cards.get(String(active.id));
    const target = readCell(over?.data.current);
    const from = active.data.current as { rowId?: unknown; columnId?: unknown } | undefined;
    if (!card || !target || typeof from?.rowId !== "string" || typeof from.columnId !== "string") return;
    const row = layout.rows.find((candidate) => candidate.id === target.rowId);
    const column = layout.columns.find((candidate) => candidate.id === target.columnId);
    if (!row || !column || !row.droppable) return;
    const patch = dropPatch(card, { rowId: from.rowId, columnId: from.columnId }, { row, column });
    if (!patch) return;
    const result = commitCardFields(doc, card.id, patch);
    setAlert(result.ok ? null : result.message);
  };

  const activeCard = activeId ? board.cards.get(activeId) : undefined;
  const shown = [...layout.cells.values()].reduce((sum, ids) => sum + ids.length, 0);

  return (
    <section className="view roadmap-view" aria-labelledby="roadmap-heading" data-testid="roadmap-view">
      <header className="view-toolbar">
        <h2 id="roadmap-heading" className="view-heading">
          Roadmap
        </h2>
        <fieldset className="segmented">
          <legend className="sr-only">Columns</legend>
          {MODES.map((option) => (
            <button
              key={option.id}
              type="button"
              className="segmented-option"
              aria-pressed={mode === option.id}
              onClick={() => setMode(option.id)}
            >
              {option.label}
            </button>
          ))}
        </fieldset>
        <p className="muted view-summary">
          {shown} card{shown === 1 ? "" : "s"} by goal.
          {readOnly ? "" : " Drag a card, or focus it and press Space then the arrow keys, to re-plan it."}
        </p>
      </header>
      {alert && (
        <p className="view-alert" role="alert">
          {alert}
        </p>
      )}
      <DndContext
        sensors={readOnly ? NO_SENSORS : editSensors}
        accessibility={accessibility}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={() => setActiveId(null)}
      >
        <div className="roadmap-scroll">
          <table
            className="roadmap"
            aria-label={`Roadmap, ${mode === "horizons" ? "Now, Next and Later" : "by quarter"}`}
          >
            <thead>
              <tr>
                <th scope="col" className="roadmap-corner">
                  Goal
                </th>
                {layout.columns.map((column) => (
                  <th
                    key={column.id}
                    scope="col"
                    className={column.id === "unplanned" ? "is-unplanned" : undefined}
                  >
                    {column.title}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {layout.rows.map((row) => (
                <tr key={row.id} data-testid="roadmap-row">
                  <th scope="row" className="roadmap-goal">
                    {row.title}
                  </th>
                  {layout.columns.map((column) => {
                    const id = cellId(row.id, column.id);
                    const cards = (layout.cells.get(id) ?? [])
                      .map((cardId) => board.cards.get(cardId))
                      .filter((card): card is Card => card !== undefined);
                    return (
                      <RoadmapCell
                        key={column.id}
                        id={id}
                        rowId={row.id}
                        columnId={column.id}
                        label={`${column.title}, ${row.goalId ? `goal ${row.title}` : "no goal"}`}
                        cards={cards}
                        laneTitles={laneTitles}
                        columnTarget={column.target}
                        droppable={row.droppable}
                        readOnly={readOnly}
                        onOpen={onOpenCard}
                      />
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <DragOverlay>
          {activeCard && <div className="roadmap-tile is-overlay">{activeCard.title}</div>}
        </DragOverlay>
      </DndContext>
    </section>
  );
}
