import type { Board, Card } from "./schema";

/** How a board scores its cards for the Priorities view (meta.scoringModel). */
export const SCORING_MODELS = ["rice", "value-effort", "wsjf"] as const;
/** One of SCORING_MODELS. */
export type ScoringModel = (typeof SCORING_MODELS)[number];
/** How each scoring model is named to people. */
export const SCORING_MODEL_LABELS = {
  rice: "RICE",
  "value-effort": "Value / effort",
  wsjf: "WSJF",
} as const satisfies Record<ScoringModel, string>;
/** The card fields each model reads, in the order the Priorities table shows them as editable columns. */
export const SCORING_INPUTS = {
  rice: ["reach", "impact", "confidence", "effort"],
  "value-effort": ["value", "effort"],
  wsjf: ["businessValue", "timeCriticality", "riskReduction", "effort"],
} as const satisfies Record<ScoringModel, readonly (keyof Card)[]>;

/** The parts of a card that scoring reads, so a form can score a draft before it is saved. */
export type ScorableCard = Pick<
  Card,
  | "reach"
  | "impact"
  | "confidence"
  | "effort"
  | "value"
  | "businessValue"
  | "timeCriticality"
  | "riskReduction"
  | "evidenceCustomerCount"
>;

/** Options for scoring; `evidence: false` gives the score of the typed inputs alone (default true). */
export interface ScoreContext {
  readonly evidence?: boolean;
}

/**
 * The reach RICE uses: at least the number of distinct customers quoted in the card's linked
 * evidence, because every one of them is a person the work demonstrably reaches. So an unset reach
 * becomes that customer count, and a typed reach below it is raised to it; null when there is
 * neither a typed reach nor any customer evidence (or `context.evidence` is false and reach is unset).
 */
export function effectiveReach(card: ScorableCard, context: ScoreContext = {}): number | null {
  const customers = context.evidence === false ? 0 : card.evidenceCustomerCount;
  if (card.reach === null) return customers > 0 ? customers : null;
  return Math.max(card.reach, customers);
}

function finiteOrNull(score: number): number | null {
  return Number.isFinite(score) ? score : null;
}

/**
 * A card's derived priority score under `model` (never stored): RICE = reach × impact × confidence% / effort
 * (reach per effectiveReach), value/effort = value / effort, WSJF = (businessValue + timeCriticality +
 * riskReduction) / job size, the job size being effort. Null when an input is missing, never NaN or Infinity.
 */
export function scoreCard(
  card: ScorableCard,
  model: ScoringModel,
  context: ScoreContext = {},
): number | null {
  const { effort } = card;
  if (effort === null || !(effort > 0)) return null;
  switch (model) {
    case "rice": {
      const reach = effectiveReach(card, context);
      if (reach === null || card.impact === null || card.confidence === null) return null;
      return finiteOrNull((reach * card.impact * (card.confidence / 100)) / effort);
    }
    case "value-effort":
      return card.value === null ? null : finiteOrNull(card.value / effort);
    case "wsjf": {
      const { businessValue, timeCriticality, riskReduction } = card;
      if (businessValue === null || timeCriticality === null || riskReduction === null) return null;
      return finiteOrNull((businessValue + timeCriticality + riskReduction) / effort);
    }
    default:
      return null;
  }
}

/** A score as the Priorities table shows it: "—" for a missing score, otherwise at most one decimal. */
export function formatScore(score: number | null): string {
  if (score === null || !Number.isFinite(score)) return "—";
  return String(Math.round(score * 10) / 10);
}

/** A live card with its derived score, one row of the Priorities table. */
export interface ScoredCard {
  readonly card: Card;
  readonly score: number | null;
}

/**
 * The board's live cards, highest score first under the board's scoring model (or `model`); cards
 * without a score come last; ties break by title, then id, so every peer shows the same order.
 */
export function rankByScore(
  board: Board,
  model: ScoringModel = board.scoringModel,
  context: ScoreContext = {},
): readonly ScoredCard[] {
  const rows: ScoredCard[] = [];
  for (const card of board.cards.values()) {
    if (!card.archived) rows.push({ card, score: scoreCard(card, model, context) });
  }
  return rows.sort((a, b) => {
    if (a.score !== b.score) {
      if (a.score === null) return 1;
      if (b.score === null) return -1;
      return b.score - a.score;
    }
    if (a.card.title !== b.card.title) return a.card.title < b.card.title ? -1 : 1;
    return a.card.id < b.card.id ? -1 : a.card.id > b.card.id ? 1 : 0;
  });
}
