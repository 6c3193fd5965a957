import * as Y from "yjs";
import { readTeams } from "./boardSettings";
import { BoardInputError } from "./errors";
import { ensureArray, requireCard } from "./lookup";
import { getRoots, type ItemMap } from "./schema";

/** The kinds of work a card can be (DESIGN §4). */
export const CARD_TYPES = ["feature", "bug", "debt", "research", "launch"] as const;
/** One of CARD_TYPES. */
export type CardType = (typeof CARD_TYPES)[number];
/** How each card type is shown to people; `debt` reads "tech debt". */
export const CARD_TYPE_LABELS = {
  feature: "feature",
  bug: "bug",
  debt: "tech debt",
  research: "research",
  launch: "launch",
} as const satisfies Record<CardType, string>;

/** The RICE impact scale: 3 massive, 2 high, 1 medium, 0.5 low, 0.25 minimal. */
export const IMPACT_VALUES = [0.25, 0.5, 1, 2, 3] as const;
/** One of IMPACT_VALUES. */
export type Impact = (typeof IMPACT_VALUES)[number];
/** The confidence percentages a UI offers first; any whole or decimal percent 0–100 is accepted. */
export const CONFIDENCE_PRESETS = [50, 80, 100] as const;
/** The fibonacci-ish scale offered for WSJF inputs; any whole number 1–21 is accepted. */
export const WSJF_SCALE = [1, 2, 3, 5, 8, 13, 21] as const;
/** Roadmap horizons a card can target besides a quarter such as "2027-Q1". */
export const HORIZONS = ["now", "next", "later"] as const;

/** Longest team, owner or goal reference, label, in characters. */
export const MAX_LABEL_LENGTH = 60;
/** Most labels one card carries. */
export const MAX_LABELS = 20;

/** A card's planning fields as written by setCardFields (DESIGN §4); every one is optional on a card. */
export interface CardFields {
  readonly type: CardType;
  /** A name from the board's team list. */
  readonly team: string;
  /** The owning member's user id. */
  readonly owner: string;
  /** Story points or days, ≥ 0. */
  readonly estimate: number;
  /** RICE reach: people per quarter, ≥ 0. */
  readonly reach: number;
  readonly impact: Impact;
  /** RICE confidence in percent, 0–100. */
  readonly confidence: number;
  /** Person-months, > 0; also the WSJF job size. */
  readonly effort: number;
  /** Value on a 1–10 scale, for value/effort. */
  readonly value: number;
  /** WSJF user/business value, 1–21. */
  readonly businessValue: number;
  /** WSJF time criticality, 1–21. */
  readonly timeCriticality: number;
  /** WSJF risk reduction / opportunity enablement, 1–21. */
  readonly riskReduction: number;
  /** The goal the card aligns to. */
  readonly goalId: string;
  /** "now", "next", "later" or a quarter like "2027-Q1". */
  readonly target: string;
  /** Free labels; stored as a Y.Array<string> so concurrent additions all survive. */
  readonly labels: readonly string[];
  /** A calendar date, "YYYY-MM-DD". */
  readonly dueDate: string;
}

/** A change to a card's planning fields: a value sets a field, null clears it, an absent key leaves it alone. */
export type CardFieldsPatch = { readonly [K in keyof CardFields]?: CardFields[K] | null };

const QUARTER = /^\d{4}-Q[1-4]$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isReference(value: unknown): value is string {
  return typeof value === "string" && value.trim() === value && value.length > 0 && value.length <= 200;
}

function isNumberIn(min: number, max: number, { integer = false, aboveMin = false } = {}) {
  return (value: unknown): value is number =>
    typeof value === "number" &&
    Number.isFinite(value) &&
    (aboveMin ? value > min : value >= min) &&
    value <= max &&
    (!integer || Number.isInteger(value));
}

/** True for a real calendar date written "YYYY-MM-DD". */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** True for a label that can be stored: trimmed, 1–MAX_LABEL_LENGTH characters. */
function isLabel(value: unknown): value is string {
  return (
    typeof value === "string" &&
    value.trim() === value &&
    value.length > 0 &&
    value.length <= MAX_LABEL_LENGTH
  );
}

type ScalarField = Exclude<keyof CardFields, "labels">;

/** The rule each scalar field's value must satisfy, used both to refuse bad writes and to read defensively. */
const SCALAR_RULES: { readonly [K in ScalarField]: (value: unknown) => boolean } = {
  type: (value) => CARD_TYPES.includes(value as CardType),
  team: (value) => isReference(value) && value.length <= MAX_LABEL_LENGTH,
  owner: isReference,
  estimate: isNumberIn(0, 10_000),
  reach: isNumberIn(0, 1e12),
  impact: (value) => IMPACT_VALUES.includes(value as Impact),
  confidence: isNumberIn(0, 100),
  effort: isNumberIn(0, 10_000, { aboveMin: true }),
  value: isNumberIn(1, 10, { integer: true }),
  businessValue: isNumberIn(1, 21, { integer: true }),
  timeCriticality: isNumberIn(1, 21, { integer: true }),
  riskReduction: isNumberIn(1, 21, { integer: true }),
  goalId: isReference,
  target: (value) =>
    HORIZONS.includes(value as (typeof HORIZONS)[number]) ||
    (typeof value === "string" && QUARTER.test(value)),
  dueDate: isIsoDate,
};

/** Every planning field name, in the order a form shows them. */
export const CARD_FIELD_NAMES = [...(Object.keys(SCALAR_RULES) as ScalarField[]), "labels"] as const;

const HINTS: { readonly [K in keyof CardFields]: string } = {
  type: `one of ${CARD_TYPES.join(", ")}`,
  team: "a team from the board's team list",
  owner: "a member's user id",
  estimate: "a number from 0 to 10000",
  reach: "a number of people per quarter, 0 or more",
  impact: `one of ${IMPACT_VALUES.join(", ")}`,
  confidence: "a percentage from 0 to 100",
  effort: "a number of person-months above 0",
  value: "a whole number from 1 to 10",
  businessValue: "a whole number from 1 to 21",
  timeCriticality: "a whole number from 1 to 21",
  riskReduction: "a whole number from 1 to 21",
  goalId: "the id of a goal on this board that is not archived",
  target: `${HORIZONS.join(", ")} or a quarter like 2027-Q1`,
  labels: `up to ${MAX_LABELS} labels of 1–${MAX_LABEL_LENGTH} characters`,
  dueDate: "a date written YYYY-MM-DD",
};

function invalid(field: keyof CardFields): BoardInputError {
  return new BoardInputError(`${field}_invalid`, `The card's ${field} must be ${HINTS[field]}.`);
}

/** Reads one scalar planning field off a card map: its value when valid, otherwise null (never throws). */
export function readCardField<K extends ScalarField>(map: ItemMap, field: K): CardFields[K] | null {
  const value = map.get(field);
  return SCALAR_RULES[field](value) ? (value as CardFields[K]) : null;
}

/** Reads a card's labels, trimmed of invalid entries and duplicates; accepts a Y.Array or a plain array. */
export function readLabels(map: ItemMap): readonly string[] {
  const stored = map.get("labels");
  const values = stored instanceof Y.Array ? stored.toArray() : Array.isArray(stored) ? stored : [];
  return [...new Set(values.filter(isLabel))];
}

function normaliseLabels(labels: unknown): string[] {
  if (!Array.isArray(labels)) throw invalid("labels");
  const trimmed = labels.map((label) =>
    typeof label === "string" ? label.replace(/\s+/g, " ").trim() : label,
  );
  if (!trimmed.every(isLabel)) throw invalid("labels");
  const unique = [...new Set(trimmed)];
  if (unique.length > MAX_LABELS) throw invalid("labels");
  return unique;
}

/**
 * Makes a card's labels read `wanted` by removing and appending single entries (never replacing the
 * array), so labels two people add at the same time both survive. Returns whether anything changed.
 */
function applyLabels(card: ItemMap, wanted: readonly string[]): boolean {
  if (wanted.length === 0 && !(card.get("labels") instanceof Y.Array)) return false;
  const labels = ensureArray<string>(card, "labels");
  const keep = new Set(wanted);
  let changed = false;
  const present = new Set<string>();
  for (let i = labels.length - 1; i >= 0; i--) {
    const label = labels.get(i);
    if (!keep.has(label) || present.has(label)) {
      labels.delete(i);
      changed = true;
    } else present.add(label);
  }
  const added = wanted.filter((label) => !present.has(label));
  if (added.length > 0) {
    labels.push(added);
    changed = true;
  }
  return changed;
}

/**
 * Sets or clears (null) any of a card's planning fields in one transaction. Every field is checked
 * before anything is written; a bad one throws BoardInputError with code `<field>_invalid` (e.g.
 * `impact_invalid`), and an unknown key throws `field_unknown`. `by` (the editor's user id) is stored
 * as the card's `updatedBy` when anything changed, which tells ConflictTrackers who wrote it.
 */
export function setCardFields(
  doc: Y.Doc,
  cardId: string,
  patch: CardFieldsPatch,
  origin?: unknown,
  by?: string,
): void {
  const entries = Object.entries(patch).filter(([, value]) => value !== undefined);
  let labels: string[] | null = null;
  for (const [field, value] of entries) {
    if (field === "labels") {
      labels = value === null ? [] : normaliseLabels(value);
    } else if (!(field in SCALAR_RULES)) {
      throw new BoardInputError("field_unknown", `A card has no planning field called ${field}.`);
    } else if (value !== null && !SCALAR_RULES[field as ScalarField](value)) {
      throw invalid(field as ScalarField);
    }
  }
  doc.transact(() => {
    const card = requireCard(doc, cardId);
    if (typeof patch.team === "string" && !readTeams(getRoots(doc).meta).includes(patch.team)) {
      throw invalid("team");
    }
    if (typeof patch.goalId === "string") {
      const goal = getRoots(doc).goals.get(patch.goalId);
      if (!(goal instanceof Y.Map) || goal.get("archived") === true) throw invalid("goalId");
    }
    let changed = false;
    for (const [field, value] of entries) {
      if (field === "labels") continue;
      if (value === null) {
        if (card.has(field)) {
          card.delete(field);
          changed = true;
        }
      } else if (card.get(field) !== value) {
        card.set(field, value);
        changed = true;
      }
    }
    if (labels !== null && applyLabels(card, labels)) changed = true;
    if (changed) {
      card.set("updatedAt", Date.now());
      if (by !== undefined) card.set("updatedBy", by);
    }
  }, origin);
}
