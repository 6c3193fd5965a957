import * as Y from "yjs";
import { getRoots, type ItemMap } from "./schema";

// The pure half of server-mediated voting (DESIGN §5): the scales, what a valid ballot is, and how
// ballots become results. The server keeps the ballots; only what these functions compute is written
// into the document, and only at reveal (see publishRound and applyVoteResults).

/** The kinds of voting round: dot voting (spread a budget of dots over cards) and planning poker. */
export const VOTE_KINDS = ["dot", "poker"] as const;
/** One of VOTE_KINDS. */
export type VoteKind = (typeof VOTE_KINDS)[number];

/** The estimate scales a poker round can use, smallest first: a value's index is its step on the scale. */
export const POKER_SCALES = {
  fibonacci: [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89],
  tshirt: ["XS", "S", "M", "L", "XL", "XXL"],
} as const;
/** The name of one of POKER_SCALES. */
export type PokerScale = keyof typeof POKER_SCALES;
/** A value on some poker scale. */
export type ScaleValue = number | string;

/** Dots per person in a dot round when neither the round nor the board (meta.voteBudget) sets a budget. */
export const DEFAULT_DOT_BUDGET = 5;
/** How many cards a reveal highlights as the widest disagreements. */
export const HIGHLIGHT_COUNT = 3;

/** Where a round is in its life: ballots are accepted only while `open`. */
export const ROUND_STATUSES = ["open", "revealed", "closed"] as const;
/** One of ROUND_STATUSES. */
export type RoundStatus = (typeof ROUND_STATUSES)[number];

/** One person's ballot for one card: dots (dot rounds) or a scale value (poker rounds). */
export interface Ballot {
  readonly userId: string;
  readonly cardId: string;
  readonly value: ScaleValue;
}

/** A dot round's result for one card. */
export interface DotResult {
  readonly cardId: string;
  /** Total dots on the card. */
  readonly votes: number;
  /** Population variance of the dots each voter of the round gave this card (0 for everyone agreeing). */
  readonly disagreement: number;
}

/** A poker round's result for one card, written to the card's `estimateSpread` field at reveal. */
export interface EstimateSpread {
  readonly scale: PokerScale;
  readonly min: ScaleValue;
  readonly max: ScaleValue;
  /** The middle estimate (the lower of the two middles on an even count, so it is always on the scale). */
  readonly median: ScaleValue;
  /** Arithmetic mean on the fibonacci scale; on the t-shirt scale, the size nearest the mean step. */
  readonly mean: ScaleValue;
  /** Everyone chose the same value. */
  readonly consensus: boolean;
  /** How many people chose each value, keyed by the value as text. */
  readonly histogram: Readonly<Record<string, number>>;
  /** The estimate to agree on: the median, rounded up to the scale. */
  readonly suggestion: ScaleValue;
  /** max − min in scale steps. */
  readonly disagreement: number;
  readonly voters: number;
}

/** True when `value` is a valid dot count (a whole number ≥ 0, at most `budget`). */
export function isDotValue(value: unknown, budget: number): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= budget;
}

/** The step of `value` on `scale`, or -1 when it is not on it. */
export function scaleStep(scale: PokerScale, value: unknown): number {
  return (POKER_SCALES[scale] as readonly ScaleValue[]).indexOf(value as ScaleValue);
}

/**
 * Tallies a dot round: one result per card in `cardIds` (in that order). Every person who placed any
 * ballot in the round counts as a voter of every card, with 0 dots where they placed none.
 */
export function tallyDots(ballots: readonly Ballot[], cardIds: readonly string[]): DotResult[] {
  const voters = [...new Set(ballots.map((ballot) => ballot.userId))];
  return cardIds.map((cardId) => {
    const dots = new Map<string, number>();
    for (const ballot of ballots)
      if (ballot.cardId === cardId && typeof ballot.value === "number") dots.set(ballot.userId, ballot.value);
    const values = voters.map((userId) => dots.get(userId) ?? 0);
    const votes = values.reduce((sum, value) => sum + value, 0);
    const mean = values.length === 0 ? 0 : votes / values.length;
    const variance =
      values.length === 0 ? 0 : values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
    return { cardId, votes, disagreement: Math.round(variance * 1000) / 1000 };
  });
}

/** The spread of one card's poker estimates, or null when nobody estimated it (values off the scale are ignored). */
export function estimateSpread(scale: PokerScale, values: readonly ScaleValue[]): EstimateSpread | null {
  const points = POKER_SCALES[scale] as readonly ScaleValue[];
  const steps = values
    .map((value) => points.indexOf(value))
    .filter((step) => step >= 0)
    .sort((a, b) => a - b);
  if (steps.length === 0) return null;
  const at = (step: number) => points[Math.max(0, Math.min(points.length - 1, step))] as ScaleValue;
  const first = steps[0] as number;
  const last = steps[steps.length - 1] as number;
  const lowMiddle = steps[Math.floor((steps.length - 1) / 2)] as number;
  const highMiddle = steps[Math.ceil((steps.length - 1) / 2)] as number;
  const histogram: Record<string, number> = {};
  for (const step of steps) histogram[String(at(step))] = (histogram[String(at(step))] ?? 0) + 1;
  let mean: ScaleValue;
  if (scale === "fibonacci") {
    const sum = steps.reduce((total, step) => total + (at(step) as number), 0);
    mean = Math.round((sum / steps.length) * 100) / 100;
  } else {
    mean = at(Math.round(steps.reduce((total, step) => total + step, 0) / steps.length));
  }
  return {
    scale,
    min: at(first),
    max: at(last),
    median: at(lowMiddle),
    mean,
    consensus: first === last,
    histogram,
    suggestion: at(highMiddle),
    disagreement: last - first,
    voters: steps.length,
  };
}

/** The ids of the `count` cards with the widest disagreement above zero, widest first (ties by id). */
export function widestDisagreements(
  results: readonly { cardId: string; disagreement: number }[],
  count = HIGHLIGHT_COUNT,
): string[] {
  return results
    .filter((result) => result.disagreement > 0)
    .sort((a, b) => b.disagreement - a.disagreement || (a.cardId < b.cardId ? -1 : 1))
    .slice(0, count)
    .map((result) => result.cardId);
}

/** One side of a priority conflict as a quick vote names it: who put which value (a lane by its title). */
export interface ConflictSide {
  readonly userId: string;
  readonly value: string;
}

/** What the document knows about a voting round (session.round): never a ballot's value before reveal. */
export interface RoundState {
  readonly roundId: string;
  readonly kind: VoteKind;
  readonly status: RoundStatus;
  /** The user who opened the round and alone may reveal or close it. */
  readonly facilitatorId: string;
  /** The cards being voted on. */
  readonly cardIds: readonly string[];
  /** Who has cast at least one ballot, in the order they first voted. */
  readonly voterIds: readonly string[];
  /** Dot rounds: dots per person. */
  readonly budget: number | null;
  /** Poker rounds: the scale. */
  readonly scale: PokerScale | null;
  /** After reveal: the cards with the widest disagreements (at most HIGHLIGHT_COUNT). */
  readonly results: { readonly highlight: readonly string[] } | null;
  /**
   * A quick vote on a conflict: its sides in option order (cardIds), kept from the round's opening so they
   * still name the options once the conflict is settled; empty for a round on cards.
   */
  readonly sides: readonly ConflictSide[];
}

/**
 * Writes the open (or just revealed or closed) round's public state into session.round, or removes it
 * (null). Only the server calls this, with its own origin: ballots never pass through the document.
 */
export function publishRound(doc: Y.Doc, round: RoundState | null, origin?: unknown): void {
  doc.transact(() => {
    const { session } = getRoots(doc);
    if (round === null) session.delete("round");
    else session.set("round", roundValue(round));
  }, origin);
}

function roundValue(round: RoundState): Record<string, unknown> {
  return {
    roundId: round.roundId,
    kind: round.kind,
    status: round.status,
    facilitatorId: round.facilitatorId,
    cardIds: [...round.cardIds],
    voterIds: [...round.voterIds],
    budget: round.budget,
    scale: round.scale,
    results: round.results ? { highlight: [...round.results.highlight] } : null,
    sides: round.sides.map(({ userId, value }) => ({ userId, value })),
  };
}

function readSide(value: unknown): ConflictSide | null {
  const side = value as Partial<ConflictSide> | null;
  if (typeof side !== "object" || side === null) return null;
  return typeof side.userId === "string" && typeof side.value === "string"
    ? { userId: side.userId, value: side.value }
    : null;
}

/** A revealed round's results, as the server writes them into the cards. */
export type VoteResults =
  | { readonly kind: "dot"; readonly results: readonly DotResult[] }
  | {
      readonly kind: "poker";
      readonly results: readonly { readonly cardId: string; readonly spread: EstimateSpread | null }[];
    };

/**
 * Writes a revealed round's results into its cards in one transaction: dot totals into `votes`, poker
 * spreads into `estimateSpread` (removed for a card nobody estimated). Cards deleted since are skipped.
 */
export function applyVoteResults(doc: Y.Doc, results: VoteResults, origin?: unknown): void {
  doc.transact(() => {
    const { cards } = getRoots(doc);
    const now = Date.now();
    for (const result of results.results) {
      const card = cards.get(result.cardId);
      if (!(card instanceof Y.Map)) continue;
      if (results.kind === "dot") card.set("votes", (result as DotResult).votes);
      else {
        const { spread } = result as { spread: EstimateSpread | null };
        if (spread === null) card.delete("estimateSpread");
        else card.set("estimateSpread", { ...spread, histogram: { ...spread.histogram } });
      }
      card.set("updatedAt", now);
    }
  }, origin);
}

/** A card's revealed dot total (card.votes), or null. */
export function readVotes(card: ItemMap): number | null {
  const votes = card.get("votes");
  return typeof votes === "number" && Number.isInteger(votes) && votes >= 0 ? votes : null;
}

/** A card's revealed estimate spread (card.estimateSpread), or null when absent or malformed. */
export function readEstimateSpread(card: ItemMap): EstimateSpread | null {
  const stored = card.get("estimateSpread");
  if (typeof stored !== "object" || stored === null || Array.isArray(stored)) return null;
  const spread = stored as Record<string, unknown>;
  const scale = spread.scale;
  if (scale !== "fibonacci" && scale !== "tshirt") return null;
  const onScale = (value: unknown) => scaleStep(scale, value) >= 0;
  const count = (value: unknown) => typeof value === "number" && Number.isInteger(value) && value >= 0;
  if (
    !onScale(spread.min) ||
    !onScale(spread.max) ||
    !onScale(spread.median) ||
    !onScale(spread.suggestion) ||
    !(typeof spread.mean === "number" || onScale(spread.mean)) ||
    typeof spread.consensus !== "boolean" ||
    !count(spread.disagreement) ||
    !count(spread.voters) ||
    typeof spread.histogram !== "object" ||
    spread.histogram === null
  ) {
    return null;
  }
  const histogram: Record<string, number> = {};
  for (const [key, value] of Object.entries(spread.histogram as Record<string, unknown>))
    if (count(value)) histogram[key] = value as number;
  return {
    scale,
    min: spread.min as ScaleValue,
    max: spread.max as ScaleValue,
    median: spread.median as ScaleValue,
    mean: spread.mean as ScaleValue,
    consensus: spread.consensus,
    histogram,
    suggestion: spread.suggestion as ScaleValue,
    disagreement: spread.disagreement as number,
    voters: spread.voters as number,
  };
}

/** The round in session.round as plain data, or null when none is published or it is malformed. */
export function readRound(session: Y.Map<unknown>): RoundState | null {
  const stored = session.get("round");
  if (typeof stored !== "object" || stored === null || Array.isArray(stored)) return null;
  const round = stored as Record<string, unknown>;
  const strings = (value: unknown) =>
    Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
  if (typeof round.roundId !== "string" || typeof round.facilitatorId !== "string") return null;
  if (!VOTE_KINDS.includes(round.kind as VoteKind)) return null;
  if (!ROUND_STATUSES.includes(round.status as RoundStatus)) return null;
  const results = round.results as { highlight?: unknown } | null | undefined;
  return {
    roundId: round.roundId,
    kind: round.kind as VoteKind,
    status: round.status as RoundStatus,
    facilitatorId: round.facilitatorId,
    cardIds: strings(round.cardIds),
    voterIds: strings(round.voterIds),
    budget: typeof round.budget === "number" ? round.budget : null,
    scale: round.scale === "fibonacci" || round.scale === "tshirt" ? round.scale : null,
    results: results && typeof results === "object" ? { highlight: strings(results.highlight) } : null,
    sides: Array.isArray(round.sides)
      ? round.sides.map(readSide).filter((side): side is ConflictSide => side !== null)
      : [],
  };
}

/** A revealed round's results as the session keeps them for its summary (session.roundLog). */
export interface RoundLogEntry {
  readonly roundId: string;
  readonly kind: VoteKind;
  /** Server time of the reveal. */
  readonly revealedAt: number;
  /** Per card (or conflict option) voted on: dots, or the estimate spread in words. */
  readonly cards: readonly {
    readonly cardId: string;
    readonly votes: number | null;
    readonly estimate: string | null;
    /** A quick vote's option: the conflict side it stands for (absent for a card, or when not known). */
    readonly side?: ConflictSide;
  }[];
}

/** How many revealed rounds session.roundLog keeps (the oldest go first). */
export const MAX_ROUND_LOG = 30;

/** A poker spread in words: "consensus 5" or "2–8, median 3". */
export function describeSpread(spread: EstimateSpread | null): string {
  if (spread === null) return "no estimates";
  if (spread.consensus) return `consensus ${spread.median}`;
  return `${spread.min}–${spread.max}, median ${spread.median}`;
}

/** The log entry of a revealed round's results (what logRevealedRound stores). */
export function roundLogEntry(roundId: string, revealedAt: number, results: VoteResults): RoundLogEntry {
  return {
    roundId,
    kind: results.kind,
    revealedAt,
    cards:
      results.kind === "dot"
        ? results.results.map((result) => ({ cardId: result.cardId, votes: result.votes, estimate: null }))
        : results.results.map((result) => ({
            cardId: result.cardId,
            votes: null,
            estimate: describeSpread(result.spread),
          })),
  };
}

/**
 * Appends a revealed round's results to session.roundLog (stored whole, the last MAX_ROUND_LOG kept), so
 * the session summary lists every round of the session; a quick vote's options keep the sides the
 * published round (session.round) names them by. Only the server calls this, at reveal.
 */
export function logRevealedRound(doc: Y.Doc, entry: RoundLogEntry, origin?: unknown): void {
  doc.transact(() => {
    const { session } = getRoots(doc);
    const published = readRound(session);
    const sides = published?.roundId === entry.roundId ? published.sides : [];
    const cards = entry.cards.map((card) => {
      const option = parseConflictOption(card.cardId);
      const side = option ? sides[option.side] : undefined;
      return side ? { ...card, side } : card;
    });
    const log = readRoundLog(session).filter((logged) => logged.roundId !== entry.roundId);
    session.set("roundLog", [...log, { ...entry, cards }].slice(-MAX_ROUND_LOG));
  }, origin);
}

/** The revealed rounds in session.roundLog, oldest first (defensive; malformed entries are skipped). */
export function readRoundLog(session: Y.Map<unknown>): RoundLogEntry[] {
  const stored = session.get("roundLog");
  if (!Array.isArray(stored)) return [];
  const entries: RoundLogEntry[] = [];
  for (const value of stored) {
    const entry = value as Partial<RoundLogEntry> | null;
    if (typeof entry !== "object" || entry === null || typeof entry.roundId !== "string") continue;
    if (!VOTE_KINDS.includes(entry.kind as VoteKind) || typeof entry.revealedAt !== "number") continue;
    const cards = Array.isArray(entry.cards) ? entry.cards : [];
    entries.push({
      roundId: entry.roundId,
      kind: entry.kind as VoteKind,
      revealedAt: entry.revealedAt,
      cards: cards
        .filter((card) => typeof card === "object" && card !== null && typeof card.cardId === "string")
        .map((card) => {
          const side = readSide(card.side);
          return {
            cardId: card.cardId,
            votes: typeof card.votes === "number" ? card.votes : null,
            estimate: typeof card.estimate === "string" ? card.estimate : null,
            ...(side ? { side } : {}),
          };
        }),
    });
  }
  return entries;
}

const CONFLICT_OPTION_PREFIX = "conflict:";

/**
 * The two "cards" of a quick vote on a priority conflict: one option per side, each naming the card, the
 * conflict and the side, so a dot round (budget 1) over them is a choice between the sides.
 */
export function conflictOptionIds(cardId: string, conflictId: string): [string, string] {
  return [0, 1].map((side) => `${CONFLICT_OPTION_PREFIX}${side}:${cardId}:${conflictId}`) as [string, string];
}

/** What a conflict option id names, or null for an ordinary card id. */
export function parseConflictOption(
  id: string,
): { readonly side: 0 | 1; readonly cardId: string; readonly conflictId: string } | null {
  const match = /^conflict:([01]):([^:]+):(.+)$/.exec(id);
  if (!match) return null;
  return { side: match[1] === "1" ? 1 : 0, cardId: match[2] as string, conflictId: match[3] as string };
}

/**
 * The side a revealed conflict vote chose: the option with more dots, or null on a tie (or no votes),
 * with the tally as the decision's rationale.
 */
export function conflictVoteWinner(results: readonly { readonly cardId: string; readonly votes: number }[]): {
  readonly side: 0 | 1 | null;
  readonly tally: readonly [number, number];
} {
  const tally: [number, number] = [0, 0];
  for (const result of results) {
    const option = parseConflictOption(result.cardId);
    if (option) tally[option.side] += result.votes;
  }
  const side = tally[0] === tally[1] ? null : tally[0] > tally[1] ? 0 : 1;
  return { side, tally };
}
