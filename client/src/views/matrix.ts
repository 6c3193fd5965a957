import type { Board, Card } from "@converge/shared";

/** The value scale's ends (card field `value`, whole numbers). */
export const VALUE_MIN = 1;
export const VALUE_MAX = 10;
/** The smallest effort a move can reach (effort must stay above 0). */
export const EFFORT_MIN = 0.5;

/** A card placed on the value/effort matrix. */
export interface MatrixPoint {
  readonly card: Card;
  readonly value: number;
  readonly effort: number;
  /** Position among cards at the same value and effort, to fan them out instead of stacking them. */
  readonly stack: number;
}

/** The matrix's cards: those with both inputs placed, the rest listed apart. */
export interface MatrixData {
  readonly points: readonly MatrixPoint[];
  readonly missing: readonly Card[];
  /** The right end of the effort axis: at least 10, and past the largest effort. */
  readonly effortMax: number;
}

/** The four quadrants, named as value/effort matrices usually name them. */
export type Quadrant = "Quick wins" | "Big bets" | "Fill-ins" | "Time sinks";

/** Splits the visible live cards into points (value and effort set) and the ones missing an input, in board order. */
export function matrixData(board: Board, visible: ReadonlySet<string>): MatrixData {
  const points: MatrixPoint[] = [];
  const missing: Card[] = [];
  const stacks = new Map<string, number>();
  let effortMax = 10;
  for (const lane of board.lanes) {
    for (const id of lane.cardIds) {
      const card = board.cards.get(id);
      if (!card || !visible.has(id)) continue;
      if (card.value === null || card.effort === null) {
        missing.push(card);
        continue;
      }
      const key = `${card.value}|${card.effort}`;
      const stack = stacks.get(key) ?? 0;
      stacks.set(key, stack + 1);
      points.push({ card, value: card.value, effort: card.effort, stack });
      effortMax = Math.max(effortMax, Math.ceil(card.effort));
    }
  }
  return { points, missing, effortMax };
}

/** Which quadrant a value and effort fall in: high value above the middle of the scale, low effort left of half the axis. */
export function quadrantOf(value: number, effort: number, effortMax: number): Quadrant {
  const high = value > (VALUE_MIN + VALUE_MAX) / 2;
  const cheap = effort <= effortMax / 2;
  if (high) return cheap ? "Quick wins" : "Big bets";
  return cheap ? "Fill-ins" : "Time sinks";
}

/** A point's accessible name: "Search: value 7, effort 3". */
export function pointLabel(title: string, value: number, effort: number): string {
  return `${title}: value ${value}, effort ${effort}`;
}

/**
 * Where an arrow key takes a point: Up/Down one step of value (1–10), Right/Left one person-month of
 * effort (never below 0.5, never past the axis); null for any other key.
 */
export function nudge(
  at: { readonly value: number; readonly effort: number },
  key: string,
  effortMax: number,
): { value: number; effort: number } | null {
  switch (key) {
    case "ArrowUp":
      return { value: Math.min(VALUE_MAX, at.value + 1), effort: at.effort };
    case "ArrowDown":
      return { value: Math.max(VALUE_MIN, at.value - 1), effort: at.effort };
    case "ArrowRight":
      return { value: at.value, effort: Math.min(effortMax, Math.floor(at.effort) + 1) };
    case "ArrowLeft":
      return { value: at.value, effort: Math.max(EFFORT_MIN, Math.ceil(at.effort) - 1) };
    default:
      return null;
  }
}

/** The value and effort under a point of the plot area (0–1 from the left and from the top), snapped to the scales. */
export function fromPlot(fx: number, fy: number, effortMax: number): { value: number; effort: number } {
  const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));
  const value = clamp(Math.round(VALUE_MAX - fy * (VALUE_MAX - VALUE_MIN)), VALUE_MIN, VALUE_MAX);
  const effort = clamp(Math.round(fx * effortMax * 2) / 2, EFFORT_MIN, effortMax);
  return { value, effort };
}
