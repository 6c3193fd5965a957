import { type Board, type Card, type CardFieldsPatch, HORIZONS } from "@converge/shared";

/** How the roadmap's columns are cut: Now / Next / Later, or calendar quarters. */
export type RoadmapMode = "horizons" | "quarters";

/** A roadmap column; dropping a card there writes `target` (null clears it). */
export interface RoadmapColumn {
  readonly id: string;
  readonly title: string;
  readonly target: string | null;
}

/** A roadmap row: a goal, or the cards aligned to none (goalId null). Archived goals take no drops. */
export interface RoadmapRow {
  readonly id: string;
  readonly title: string;
  readonly goalId: string | null;
  readonly droppable: boolean;
}

/** The roadmap as laid out for rendering: rows × columns, and the card ids in each cell in board order. */
export interface RoadmapLayout {
  readonly columns: readonly RoadmapColumn[];
  readonly rows: readonly RoadmapRow[];
  /** Card ids per cell, keyed by cellId(row, column). */
  readonly cells: ReadonlyMap<string, readonly string[]>;
}

/** The row id of cards aligned to no goal (or to a goal that no longer exists). */
export const NO_GOAL = "no-goal";
/** The column id of cards with no target yet. */
export const UNPLANNED = "unplanned";

const HORIZON_TITLES = { now: "Now", next: "Next", later: "Later" } as const;

/** The key of one roadmap cell. */
export function cellId(rowId: string, columnId: string): string {
  return `${rowId}|${columnId}`;
}

/** The quarter a date falls in, written like targets are: "2027-Q1". */
export function quarterOf(date: Date): string {
  return `${date.getFullYear()}-Q${Math.floor(date.getMonth() / 3) + 1}`;
}

function quarterIndex(quarter: string): number {
  return Number(quarter.slice(0, 4)) * 4 + Number(quarter.slice(6)) - 1;
}

function quarterAt(index: number): string {
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

function isQuarter(target: string): boolean {
  return /^\d{4}-Q[1-4]$/.test(target);
}

/**
 * The column a card's target shows in. With horizons, a quarter counts as Now when it is this
 * quarter or past, Next when it is the next one, Later beyond. With quarters, Now is this quarter
 * and Next the one after; Later keeps its own column.
 */
export function columnOf(target: string | null, mode: RoadmapMode, today: string): string {
  if (target === null) return UNPLANNED;
  if (mode === "horizons") {
    if (!isQuarter(target)) return target;
    const ahead = quarterIndex(target) - quarterIndex(today);
    return ahead <= 0 ? "now" : ahead === 1 ? "next" : "later";
  }
  if (target === "now") return today;
  if (target === "next") return quarterAt(quarterIndex(today) + 1);
  return target;
}

function columnsFor(mode: RoadmapMode, today: string, targets: Iterable<string | null>): RoadmapColumn[] {
  const unplanned: RoadmapColumn = { id: UNPLANNED, title: "Unplanned", target: null };
  if (mode === "horizons") {
    return [
      unplanned,
      ...HORIZONS.map((horizon) => ({ id: horizon, title: HORIZON_TITLES[horizon], target: horizon })),
    ];
  }
  const current = quarterIndex(today);
  let first = current;
  let last = current + 3;
  for (const target of targets) {
    if (target === null || !isQuarter(target)) continue;
    first = Math.min(first, quarterIndex(target));
    last = Math.max(last, quarterIndex(target));
  }
  const quarters: RoadmapColumn[] = [];
  for (let index = first; index <= last; index++) {
    const quarter = quarterAt(index);
    quarters.push({ id: quarter, title: quarter.replace("-", " "), target: quarter });
  }
  return [unplanned, ...quarters, { id: "later", title: "Later", target: "later" }];
}

/** Lays out the visible live cards by goal (rows) and horizon or quarter (columns), each cell in board order. */
export function roadmapLayout(
  board: Board,
  visible: ReadonlySet<string>,
  mode: RoadmapMode,
  today: string,
): RoadmapLayout {
  const cards: Card[] = [];
  for (const lane of board.lanes) {
    for (const id of lane.cardIds) {
      const card = board.cards.get(id);
      if (card && visible.has(id)) cards.push(card);
    }
  }
  for (const card of board.unplaced) if (visible.has(card.id)) cards.push(card);

  const goalIds = new Set(board.goals.map((goal) => goal.id));
  const rowOf = (card: Card) => (card.goalId !== null && goalIds.has(card.goalId) ? card.goalId : NO_GOAL);
  const cells = new Map<string, string[]>();
  const used = new Set<string>();
  for (const card of cards) {
    const row = rowOf(card);
    used.add(row);
    const key = cellId(row, columnOf(card.target, mode, today));
    const list = cells.get(key);
    if (list) list.push(card.id);
    else cells.set(key, [card.id]);
  }
  const rows: RoadmapRow[] = board.goals
    .filter((goal) => !goal.archived || used.has(goal.id))
    .map((goal) => ({
      id: goal.id,
      title: goal.archived ? `${goal.title} (archived)` : goal.title || "Untitled goal",
      goalId: goal.id,
      droppable: !goal.archived,
    }));
  rows.push({ id: NO_GOAL, title: "No goal", goalId: null, droppable: true });
  return {
    columns: columnsFor(
      mode,
      today,
      cards.map((card) => card.target),
    ),
    rows,
    cells,
  };
}

/**
 * The one setCardFields patch that dropping `card` on a cell means: a new target when the column
 * changed, a new goal when the row changed; null when it lands where it already shows.
 */
export function dropPatch(
  card: Pick<Card, "target" | "goalId">,
  from: { readonly rowId: string; readonly columnId: string },
  to: { readonly row: RoadmapRow; readonly column: RoadmapColumn },
): CardFieldsPatch | null {
  const patch: { target?: string | null; goalId?: string | null } = {};
  if (to.column.id !== from.columnId && to.column.target !== card.target) patch.target = to.column.target;
  if (to.row.id !== from.rowId && to.row.goalId !== card.goalId) patch.goalId = to.row.goalId;
  return Object.keys(patch).length > 0 ? patch : null;
}
