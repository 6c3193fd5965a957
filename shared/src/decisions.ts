import * as Y from "yjs";
import { BoardInputError } from "./errors";
import { newId } from "./ids";
import { indexOfId } from "./lookup";
import { getRoots } from "./schema";

// The decision log (DESIGN §4, root `decisions`): a Y.Array of Y.Maps, appended to and never reordered
// or removed from, so every peer lists the same decisions in the same order. Only the rationale can be
// amended, and only by the person who decided.

/** What a decision settled. */
export const DECISION_KINDS = ["priority", "conflict", "vote", "other"] as const;
/** One of DECISION_KINDS. */
export type DecisionKind = (typeof DECISION_KINDS)[number];

/** Longest decision title, in characters. */
export const MAX_DECISION_TITLE_LENGTH = 300;
/** Longest rationale, in characters. */
export const MAX_RATIONALE_LENGTH = 5_000;
/** Most alternatives or cards one decision lists. */
export const MAX_DECISION_ITEMS = 50;

/** A decision as the views read it. */
export interface Decision {
  readonly id: string;
  readonly title: string;
  /** The user id of who decided. */
  readonly decidedBy: string;
  /** The options that were weighed (the chosen one included or not, as the decider wrote them). */
  readonly alternatives: readonly string[];
  readonly rationale: string;
  readonly cardIds: readonly string[];
  readonly kind: DecisionKind;
  readonly decidedAt: number;
  /** When the rationale was last amended, or null. */
  readonly amendedAt: number | null;
}

/** What recordDecision takes. */
export interface DecisionInput {
  title: string;
  decidedBy: string;
  alternatives?: readonly string[];
  rationale?: string;
  cardIds?: readonly string[];
  kind: DecisionKind;
}

/** Filters of readDecisions; every given one must match. */
export interface DecisionFilter {
  cardId?: string;
  kind?: DecisionKind;
  /** Decided by this user id. */
  person?: string;
  /** Words that must all appear (case-insensitive) in the title, rationale or alternatives. */
  text?: string;
}

function normaliseRationale(rationale: string): string {
  const text = rationale.trim();
  if (text.length > MAX_RATIONALE_LENGTH) {
    throw new BoardInputError(
      "rationale_too_long",
      `A rationale is at most ${MAX_RATIONALE_LENGTH} characters.`,
    );
  }
  return text;
}

function strings(values: readonly string[] | undefined, what: string): string[] {
  const list = [...new Set((values ?? []).map((value) => (typeof value === "string" ? value.trim() : "")))];
  if (list.length > MAX_DECISION_ITEMS || list.some((value) => value.length === 0 || value.length > 300)) {
    throw new BoardInputError(
      `${what}_invalid`,
      `A decision lists at most ${MAX_DECISION_ITEMS} ${what}, none empty.`,
    );
  }
  return list;
}

/** Validates a decision and returns the Y.Map to append (for operations that record one inside their own transaction). */
export function decisionMap(input: DecisionInput, at: number, id = newId()): Y.Map<unknown> {
  const title = typeof input.title === "string" ? input.title.replace(/\s+/g, " ").trim() : "";
  if (title.length === 0 || title.length > MAX_DECISION_TITLE_LENGTH) {
    throw new BoardInputError(
      "decision_title_invalid",
      `A decision's title is 1–${MAX_DECISION_TITLE_LENGTH} characters.`,
    );
  }
  if (typeof input.decidedBy !== "string" || input.decidedBy.length === 0) {
    throw new BoardInputError("decided_by_invalid", "A decision names who decided.");
  }
  if (!DECISION_KINDS.includes(input.kind)) {
    throw new BoardInputError("decision_kind_invalid", `A decision is one of ${DECISION_KINDS.join(", ")}.`);
  }
  return new Y.Map<unknown>([
    ["id", id],
    ["title", title],
    ["decidedBy", input.decidedBy],
    ["alternatives", strings(input.alternatives, "alternatives")],
    ["rationale", normaliseRationale(input.rationale ?? "")],
    ["cardIds", strings(input.cardIds, "cards")],
    ["kind", input.kind],
    ["decidedAt", at],
  ]);
}

/** Appends a decision to the log and returns its id. */
export function recordDecision(doc: Y.Doc, input: DecisionInput, origin?: unknown): string {
  const id = newId();
  const map = decisionMap(input, Date.now(), id);
  doc.transact(() => {
    getRoots(doc).decisions.push([map]);
  }, origin);
  return id;
}

/** Rewrites a decision's rationale; only the person who decided may (`decision_not_yours` otherwise). */
export function amendDecision(
  doc: Y.Doc,
  decisionId: string,
  { rationale, by }: { rationale: string; by: string },
  origin?: unknown,
): void {
  const text = normaliseRationale(rationale);
  doc.transact(() => {
    const { decisions } = getRoots(doc);
    const index = indexOfId(decisions, decisionId);
    if (index < 0) throw new BoardInputError("decision_not_found", `There is no decision ${decisionId}.`);
    const decision = decisions.get(index) as Y.Map<unknown>;
    if (decision.get("decidedBy") !== by) {
      throw new BoardInputError(
        "decision_not_yours",
        "Only the person who made a decision can amend its rationale.",
      );
    }
    if (decision.get("rationale") === text) return;
    decision.set("rationale", text);
    decision.set("amendedAt", Date.now());
  }, origin);
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

function readDecision(map: Y.Map<unknown>): Decision | null {
  const id = map.get("id");
  if (typeof id !== "string") return null;
  const text = (key: string) => {
    const value = map.get(key);
    return typeof value === "string" ? value : "";
  };
  const kind = map.get("kind");
  const decidedAt = map.get("decidedAt");
  const amendedAt = map.get("amendedAt");
  return {
    id,
    title: text("title"),
    decidedBy: text("decidedBy"),
    alternatives: stringList(map.get("alternatives")),
    rationale: text("rationale"),
    cardIds: stringList(map.get("cardIds")),
    kind: DECISION_KINDS.includes(kind as DecisionKind) ? (kind as DecisionKind) : "other",
    decidedAt: typeof decidedAt === "number" && Number.isFinite(decidedAt) ? decidedAt : 0,
    amendedAt: typeof amendedAt === "number" && Number.isFinite(amendedAt) ? amendedAt : null,
  };
}

/** Keeps the decisions that match every given filter (what the Decisions panel shows of the live log). */
export function filterDecisions(decisions: readonly Decision[], filter: DecisionFilter): Decision[] {
  return decisions.filter((decision) => matches(decision, filter));
}

function matches(decision: Decision, filter: DecisionFilter): boolean {
  if (filter.cardId !== undefined && !decision.cardIds.includes(filter.cardId)) return false;
  if (filter.kind !== undefined && decision.kind !== filter.kind) return false;
  if (filter.person !== undefined && decision.decidedBy !== filter.person) return false;
  if (filter.text !== undefined) {
    const haystack = [decision.title, decision.rationale, ...decision.alternatives]
      .join("\n")
      .toLocaleLowerCase();
    const words = filter.text.toLocaleLowerCase().split(/\s+/).filter(Boolean);
    if (!words.every((word) => haystack.includes(word))) return false;
  }
  return true;
}

/**
 * Reads the decision log in the order it was recorded (oldest first), optionally filtered; defensive
 * (entries that are not maps or have no id are skipped, a duplicated id is listed once; never throws).
 */
export function readDecisions(doc: Y.Doc, filter: DecisionFilter = {}): readonly Decision[] {
  const decisions: Decision[] = [];
  const seen = new Set<string>();
  for (const entry of getRoots(doc).decisions) {
    if (!(entry instanceof Y.Map)) continue;
    const decision = readDecision(entry);
    if (!decision || seen.has(decision.id)) continue;
    seen.add(decision.id);
    if (matches(decision, filter)) decisions.push(decision);
  }
  return decisions;
}

/** A live, cached view of the decision log for `useSyncExternalStore`. */
export interface DecisionsReader {
  subscribe(onChange: () => void): () => void;
  getSnapshot(): readonly Decision[];
  destroy(): void;
}

/** Creates a cached reader of the (unfiltered) log, woken only by changes to `decisions`; the board reader never is. */
export function createDecisionsReader(doc: Y.Doc): DecisionsReader {
  const { decisions } = getRoots(doc);
  const listeners = new Set<() => void>();
  let snapshot: readonly Decision[] | null = null;
  const onDecisions = () => {
    snapshot = null;
    for (const listener of listeners) listener();
  };
  decisions.observeDeep(onDecisions);
  return {
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    getSnapshot() {
      snapshot ??= readDecisions(doc);
      return snapshot;
    },
    destroy() {
      decisions.unobserveDeep(onDecisions);
      listeners.clear();
    },
  };
}
