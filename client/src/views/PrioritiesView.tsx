import {
  type CardFieldsPatch,
  SCORING_INPUTS,
  SCORING_MODEL_LABELS,
  SCORING_MODELS,
  type ScoringModel,
} from "@converge/shared";
import { useVirtualizer } from "@tanstack/react-virtual";
import {
  type FocusEvent,
  type KeyboardEvent,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { applyLaneOrder, commitCardFields, commitScoringModel, movesToOrder } from "./cardEdits";
import { cellKey, type PriorityColumn, PriorityRow } from "./PriorityRow";
import { backlogPlan, INPUT_LABELS, priorityRows, type ScoringInput } from "./priorities";
import type { ViewProps } from "./ViewProps";
import "./views.css";

/** Height of one table row in pixels; rows are fixed-height so the virtualiser never has to measure. */
const ROW_HEIGHT = 40;
/** Rows a PageUp / PageDown moves the focus by. */
const PAGE_ROWS = 10;

interface CellAddress {
  readonly cardId: string;
  readonly col: number;
}

const COLUMN_HEADINGS: Record<Exclude<PriorityColumn["kind"], "input">, string> = {
  rank: "Rank",
  title: "Card",
  score: "Score",
  lane: "Lane",
  team: "Team",
  owner: "Owner",
};

function columnsFor(model: ScoringModel): readonly PriorityColumn[] {
  return [
    { kind: "rank" },
    { kind: "title" },
    ...SCORING_INPUTS[model].map((field): PriorityColumn => ({ kind: "input", field })),
    { kind: "score" },
    { kind: "lane" },
    { kind: "team" },
    { kind: "owner" },
  ];
}

function readCell(target: EventTarget): CellAddress | null {
  if (!(target instanceof HTMLElement)) return null;
  const cell = target.closest<HTMLElement>("[data-cell]");
  const key = cell?.dataset.cell;
  if (!key) return null;
  const split = key.lastIndexOf(":");
  return { cardId: key.slice(0, split), col: Number(key.slice(split + 1)) };
}

/**
 * The Priorities view: the visible cards as a grid sorted by the board's scoring model, the model's
 * inputs editable in place (Enter or leaving commits one setCardFields, a refused value shows the
 * operation's message and writes nothing), arrow keys moving between cells, rows virtualised so
 * 2,000 cards scroll smoothly, and "Re-rank backlog" applying the score order to the backlog lane.
 */
export function PrioritiesView({ doc, board, visibleCardIds, readOnly, members, onOpenCard }: ViewProps) {
  const model = board.scoringModel;
  const columns = useMemo(() => columnsFor(model), [model]);
  const rows = useMemo(() => priorityRows(board, visibleCardIds), [board, visibleCardIds]);
  const laneTitles = useMemo(() => {
    const titles = new Map<string, string>();
    for (const lane of board.lanes) for (const id of lane.cardIds) titles.set(id, lane.title);
    return titles;
  }, [board.lanes]);
  const memberNames = useMemo(() => new Map(members.map((member) => [member.id, member.name])), [members]);
  const [active, setActive] = useState<CellAddress | null>(null);
  const [editing, setEditing] = useState<CellAddress | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const focusPending = useRef(false);

  const rowIndexOf = useMemo(() => new Map(rows.map((row, index) => [row.card.id, index])), [rows]);
  const firstCardId = rows[0]?.card.id;
  // The focus stop: the active cell while its card is still shown, else the first card's title.
  const stop: CellAddress | null =
    active && rowIndexOf.has(active.cardId) && active.col < columns.length
      ? active
      : firstCardId
        ? { cardId: firstCardId, col: 1 }
        : null;

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (index) => rows[index]?.card.id ?? index,
  });

  const focusCell = useCallback((address: CellAddress) => {
    focusPending.current = true;
    setActive(address);
  }, []);

  // Moves the DOM focus to the focus stop after a keyboard move, once the virtualiser has rendered its row.
  useEffect(() => {
    if (!focusPending.current || !stop) return;
    let frames = 0;
    let handle = 0;
    const tryFocus = () => {
      const cell = scrollRef.current?.querySelector<HTMLElement>(
        `[data-cell="${cellKey(stop.cardId, stop.col)}"]`,
      );
      if (cell) {
        focusPending.current = false;
        cell.focus();
        return;
      }
      // Its row is outside the rendered window (an edit re-sorted it, say): scroll there first.
      if (frames === 0) virtualizer.scrollToIndex(rowIndexOf.get(stop.cardId) ?? 0, { align: "auto" });
      if (frames++ < 10) handle = requestAnimationFrame(tryFocus);
    };
    tryFocus();
    return () => cancelAnimationFrame(handle);
  });

  const onCommit = useCallback(
    (cardId: string, field: ScoringInput, value: number | null) => {
      const patch: CardFieldsPatch = { [field]: value };
      return commitCardFields(doc, cardId, patch);
    },
    [doc],
  );
  const onDoneEditing = useCallback((refocus: boolean, message?: string) => {
    setEditing(null);
    setAlert(message ?? null);
    if (refocus) focusPending.current = true;
  }, []);

  const move = (from: CellAddress, rowDelta: number, col: number) => {
    const index = rowIndexOf.get(from.cardId) ?? 0;
    const nextIndex = Math.max(0, Math.min(rows.length - 1, index + rowDelta));
    const nextRow = rows[nextIndex];
    if (!nextRow) return;
    virtualizer.scrollToIndex(nextIndex, { align: "auto" });
    focusCell({ cardId: nextRow.card.id, col: Math.max(0, Math.min(columns.length - 1, col)) });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    const at = readCell(event.target);
    if (!at || editing) return;
    const last = columns.length - 1;
    const handled = (() => {
      switch (event.key) {
        case "ArrowUp":
          move(at, -1, at.col);
          return true;
        case "ArrowDown":
          move(at, 1, at.col);
          return true;
        case "ArrowLeft":
          move(at, 0, at.col - 1);
          return true;
        case "ArrowRight":
          move(at, 0, at.col + 1);
          return true;
        case "PageUp":
          move(at, -PAGE_ROWS, at.col);
          return true;
        case "PageDown":
          move(at, PAGE_ROWS, at.col);
          return true;
        case "Home":
          if (event.ctrlKey) move(at, -rows.length, 0);
          else move(at, 0, 0);
          return true;
        case "End":
          if (event.ctrlKey) move(at, rows.length, last);
          else move(at, 0, last);
          return true;
        case "Enter":
        case "F2": {
          const column = columns[at.col];
          if (column?.kind === "title" && event.key === "Enter") onOpenCard(at.cardId);
          else if (column?.kind === "input" && !readOnly) {
            setAlert(null);
            setEditing(at);
          } else return false;
          return true;
        }
        default:
          return false;
      }
    })();
    if (handled) event.preventDefault();
  };

  const onFocus = (event: FocusEvent<HTMLTableElement>) => {
    const at = readCell(event.target);
    if (at && (at.cardId !== stop?.cardId || at.col !== stop.col)) setActive(at);
  };

  // Both walk the whole backlog (the moves quadratically): once per board version and filter, not per focus move.
  const plan = useMemo(() => backlogPlan(board, rows), [board, rows]);
  const planMoves = useMemo(() => (plan ? movesToOrder(plan.current, plan.order).length : 0), [plan]);
  const rerank = () => {
    if (!plan) return;
    const result = applyLaneOrder(doc, plan.laneId, plan.order);
    if (result.ok) {
      setAlert(null);
      setStatus(
        `Re-ranked “${plan.laneTitle}” by score: ${planMoves} card${planMoves === 1 ? "" : "s"} moved.`,
      );
    } else setAlert(result.message);
  };

  const items = virtualizer.getVirtualItems();
  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = items.length > 0 ? virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0) : 0;
  const scored = useMemo(() => rows.filter((row) => row.score !== null).length, [rows]);
  const modelLabel = SCORING_MODEL_LABELS[model];

  return (
    <section
      className="view priorities-view"
      aria-labelledby="priorities-heading"
      data-testid="priorities-view"
    >
      <header className="view-toolbar">
        <h2 id="priorities-heading" className="view-heading">
          Priorities
        </h2>
        <label className="view-control">
          Score by
          <select
            value={model}
            disabled={readOnly}
            data-testid="scoring-model"
            onChange={(event) => {
              const result = commitScoringModel(doc, event.target.value as ScoringModel);
              setAlert(result.ok ? null : result.message);
            }}
          >
            {SCORING_MODELS.map((option) => (
              <option key={option} value={option}>
                {SCORING_MODEL_LABELS[option]}
              </option>
            ))}
          </select>
        </label>
        <p className="muted view-summary" id="priorities-summary">
          {rows.length} card{rows.length === 1 ? "" : "s"}, {scored} scored by {modelLabel}; highest first.
          Arrow keys move between cells, Enter edits an input.
        </p>
        {!readOnly && (
          <button
            type="button"
            className="button"
            disabled={!plan || planMoves === 0}
            title={plan ? undefined : "This board has no backlog lane"}
            onClick={rerank}
          >
            Re-rank backlog
          </button>
        )}
      </header>
      {alert && (
        <p className="view-alert" role="alert" data-testid="priorities-alert">
          {alert}
        </p>
      )}
      <p className="sr-only" role="status">
        {status}
      </p>
      <div className="priorities-scroll" ref={scrollRef}>
        <table
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the ARIA grid pattern on a table, with arrow-key cell navigation.
          role="grid"
          className="priorities-table"
          aria-label={`Priorities by ${modelLabel}`}
          aria-describedby="priorities-summary"
          aria-rowcount={rows.length + 1}
          aria-colcount={columns.length}
          aria-readonly={readOnly || undefined}
          onKeyDown={onKeyDown}
          onFocus={onFocus}
        >
          <thead>
            <tr aria-rowindex={1}>
              {columns.map((column) => (
                <th
                  key={column.kind === "input" ? column.field : column.kind}
                  scope="col"
                  className={`col-${column.kind === "input" ? "input" : column.kind}`}
                  aria-sort={column.kind === "score" ? "descending" : undefined}
                >
                  {column.kind === "input" ? INPUT_LABELS[column.field] : COLUMN_HEADINGS[column.kind]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {paddingTop > 0 && (
              // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: a spacer standing in for the rows scrolled out of view is no row.
              <tr role="presentation" className="spacer">
                <td colSpan={columns.length} style={{ height: paddingTop }} />
              </tr>
            )}
            {items.map((item) => {
              const row = rows[item.index];
              if (!row) return null;
              const id = row.card.id;
              return (
                <PriorityRow
                  key={id}
                  row={row}
                  rowIndex={item.index + 2}
                  columns={columns}
                  laneTitle={laneTitles.get(id) ?? "—"}
                  ownerName={row.card.owner ? (memberNames.get(row.card.owner) ?? "Former member") : "—"}
                  activeCol={stop?.cardId === id ? stop.col : null}
                  editingCol={editing?.cardId === id ? editing.col : null}
                  readOnly={readOnly}
                  onCommit={onCommit}
                  onDoneEditing={onDoneEditing}
                  onOpenCard={onOpenCard}
                />
              );
            })}
            {paddingBottom > 0 && (
              // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: a spacer standing in for the rows scrolled out of view is no row.
              <tr role="presentation" className="spacer">
                <td colSpan={columns.length} style={{ height: paddingBottom }} />
              </tr>
            )}
          </tbody>
        </table>
        {rows.length === 0 && <p className="empty-state muted">No cards match the filter.</p>}
      </div>
    </section>
  );
}
