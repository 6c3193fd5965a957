import {
  type Board,
  type Card,
  type IMPACT_VALUES,
  rankByScore,
  type SCORING_INPUTS,
  type ScoringModel,
} from "@converge/shared";

/** A card field some scoring model reads, and so a column the Priorities table lets people edit. */
export type ScoringInput = (typeof SCORING_INPUTS)[ScoringModel][number];

/** Column headings of the scoring inputs. */
export const INPUT_LABELS = {
  reach: "Reach",
  impact: "Impact",
  confidence: "Confidence %",
  effort: "Effort",
  value: "Value",
  businessValue: "Business value",
  timeCriticality: "Time criticality",
  riskReduction: "Risk reduction",
} as const satisfies Record<ScoringInput, string>;

/** What each RICE impact step means, for the impact picker. */
export const IMPACT_NAMES = {
  0.25: "minimal",
  0.5: "low",
  1: "medium",
  2: "high",
  3: "massive",
} as const satisfies Record<(typeof IMPACT_VALUES)[number], string>;

/** One row of the Priorities table: a visible card, its derived score and its rank among scored cards (null when unscored). */
export interface PriorityRow {
  readonly card: Card;
  readonly score: number | null;
  readonly rank: number | null;
}

/** The visible live cards in score order under the board's model; unscored cards last, unranked. */
export function priorityRows(board: Board, visible: ReadonlySet<string>): readonly PriorityRow[] {
  const rows: PriorityRow[] = [];
  let rank = 0;
  for (const { card, score } of rankByScore(board)) {
    if (!visible.has(card.id)) continue;
    rows.push({ card, score, rank: score === null ? null : ++rank });
  }
  return rows;
}

/**
 * Reads what someone typed into an input cell: blank clears the field (null), anything else becomes a
 * number (a decimal comma accepted). Text that is no number becomes NaN, which setCardFields refuses
 * with its own message, so the table shows the operation's words and writes nothing.
 */
export function parseInput(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  return Number(trimmed.replace(",", "."));
}

/** A scoring input as the table shows it: "—" when unset, impact with its name. */
export function formatInput(field: ScoringInput, value: number | null): string {
  if (value === null) return "—";
  if (field === "impact") return `${value} ${IMPACT_NAMES[value as keyof typeof IMPACT_NAMES] ?? ""}`.trim();
  return String(value);
}

/** The backlog lane's card order after re-ranking, and the order it has now. */
export interface BacklogPlan {
  readonly laneId: string;
  readonly laneTitle: string;
  readonly current: readonly string[];
  readonly order: readonly string[];
}

/**
 * The order "re-rank backlog" gives the first backlog lane: the visible cards there take the slots
 * visible cards hold now, in score order (unscored last); cards the filter hides stay where they are.
 * Null when the board has no backlog lane.
 */
export function backlogPlan(board: Board, rows: readonly PriorityRow[]): BacklogPlan | null {
  const lane = board.lanes.find((candidate) => candidate.kind === "backlog");
  if (!lane) return null;
  const inLane = new Set(lane.cardIds);
  const ranked = rows.filter((row) => inLane.has(row.card.id)).map((row) => row.card.id);
  const moving = new Set(ranked);
  let next = 0;
  const order = lane.cardIds.map((id) => (moving.has(id) ? (ranked[next++] as string) : id));
  return { laneId: lane.id, laneTitle: lane.title, current: lane.cardIds, order };
}
