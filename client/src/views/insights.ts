import { type Board, type Card, formatScore, SCORING_MODEL_LABELS, scoreCard } from "@converge/shared";

/** One bar: a name and how many. */
export interface Count {
  readonly name: string;
  readonly count: number;
}

/** Live cards per day and lane from `GET /api/boards/:id/flow` (lane ids as keys). */
export interface FlowDay {
  readonly date: string;
  readonly lanes: Readonly<Record<string, number>>;
}

/** A cumulative-flow series ready to chart: one row per day, one key per lane title. */
export interface FlowSeries {
  /** Lane titles bottom to top of the stack (board order, then "Deleted lanes" when any). */
  readonly keys: readonly string[];
  readonly rows: readonly ({ readonly date: string } & Readonly<Record<string, number | string>>)[];
}

/** The name shown for cards with no team, goal or score. */
export const NONE = { team: "No team", goal: "No goal" } as const;
/** The flow series' key for lanes deleted since. */
export const DELETED_LANES = "Deleted lanes";

function visibleCards(board: Board, visible: ReadonlySet<string>): Card[] {
  const cards: Card[] = [];
  for (const lane of board.lanes) {
    for (const id of lane.cardIds) {
      const card = board.cards.get(id);
      if (card && visible.has(id)) cards.push(card);
    }
  }
  return cards;
}

/** Visible cards per lane, in lane order. */
export function cardsPerLane(board: Board, visible: ReadonlySet<string>): Count[] {
  return board.lanes.map((lane) => ({
    name: lane.title || "Untitled lane",
    count: lane.cardIds.filter((id) => visible.has(id)).length,
  }));
}

/** Visible cards per team, in the board's team order, then cards with no team (when any). */
export function cardsPerTeam(board: Board, visible: ReadonlySet<string>): Count[] {
  const counts = new Map<string, number>(board.teams.map((team) => [team, 0]));
  let none = 0;
  for (const card of visibleCards(board, visible)) {
    if (card.team === null) none++;
    else counts.set(card.team, (counts.get(card.team) ?? 0) + 1);
  }
  const rows = [...counts].map(([name, count]) => ({ name, count }));
  if (none > 0) rows.push({ name: NONE.team, count: none });
  return rows;
}

/** How visible cards' scores spread under the board's model: equal-width bins, and how many have no score. */
export interface ScoreHistogram {
  readonly model: string;
  readonly bins: readonly Count[];
  readonly unscored: number;
}

const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });

function niceStep(max: number, bins: number): number {
  const raw = max / bins;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= raw);
  return step ?? raw;
}

/** Bins the visible cards' scores into about `binCount` ranges from 0 ("0–50", "50–100", …). */
export function scoreHistogram(board: Board, visible: ReadonlySet<string>, binCount = 6): ScoreHistogram {
  const scores: number[] = [];
  let unscored = 0;
  for (const card of visibleCards(board, visible)) {
    const score = scoreCard(card, board.scoringModel);
    if (score === null) unscored++;
    else scores.push(score);
  }
  const model = SCORING_MODEL_LABELS[board.scoringModel];
  if (scores.length === 0) return { model, bins: [], unscored };
  const max = Math.max(...scores);
  const step = max > 0 ? niceStep(max, binCount) : 1;
  const count = Math.max(1, Math.floor(max / step) + 1);
  const bins = Array.from({ length: count }, (_, i) => ({
    name: `${compact.format(Number(formatScore(i * step)))}–${compact.format(Number(formatScore((i + 1) * step)))}`,
    count: 0,
  }));
  for (const score of scores) {
    const bin = bins[Math.min(count - 1, Math.floor(score / step))];
    if (bin) bin.count++;
  }
  return { model, bins, unscored };
}

/** Evidence behind each live goal: linked pieces of evidence and cards, counted over the visible cards. */
export interface GoalEvidence {
  readonly name: string;
  readonly evidence: number;
  readonly cards: number;
}

/** Evidence per goal over the visible cards, in goal order, then cards with no goal (when any). */
export function evidencePerGoal(board: Board, visible: ReadonlySet<string>): GoalEvidence[] {
  const rows = new Map<string, { name: string; evidence: number; cards: number }>();
  for (const goal of board.goals) {
    if (!goal.archived) rows.set(goal.id, { name: goal.title || "Untitled goal", evidence: 0, cards: 0 });
  }
  const none = { name: NONE.goal, evidence: 0, cards: 0 };
  for (const card of visibleCards(board, visible)) {
    const row = (card.goalId !== null && rows.get(card.goalId)) || none;
    row.evidence += card.evidenceCount;
    row.cards++;
  }
  const result = [...rows.values()];
  if (none.cards > 0) result.push(none);
  return result;
}

/** Today's date as the flow endpoint writes it ("YYYY-MM-DD", UTC). */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Turns the server's flow history into a chart series keyed by lane title, with today's counts taken
 * from the live board so the chart moves the moment a card does. Lanes no longer on the board are
 * summed as "Deleted lanes". The series is the whole board's: history cannot be filtered.
 */
export function flowSeries(board: Board, days: readonly FlowDay[], today: string): FlowSeries {
  const live: FlowDay = {
    date: today,
    lanes: Object.fromEntries(board.lanes.map((lane) => [lane.id, lane.cardIds.length])),
  };
  const history = days.filter((day) => day.date < today);
  const titles = new Map(board.lanes.map((lane) => [lane.id, lane.title || "Untitled lane"]));
  let deleted = false;
  const rows = [...history, live].map((day) => {
    const row: Record<string, number | string> = { date: day.date };
    for (const title of titles.values()) row[title] = 0;
    for (const [laneId, count] of Object.entries(day.lanes)) {
      const title = titles.get(laneId);
      if (title !== undefined) row[title] = (row[title] as number) + count;
      else if (count > 0) {
        deleted = true;
        row[DELETED_LANES] = ((row[DELETED_LANES] as number | undefined) ?? 0) + count;
      }
    }
    return row as { date: string } & Record<string, number | string>;
  });
  const keys = [...new Set(titles.values())];
  if (deleted) {
    keys.push(DELETED_LANES);
    for (const row of rows) (row as Record<string, number | string>)[DELETED_LANES] ??= 0;
  }
  return { keys, rows };
}
