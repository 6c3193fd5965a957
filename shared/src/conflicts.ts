import * as Y from "yjs";
import { decisionMap } from "./decisions";
import { BoardInputError } from "./errors";
import { requireCard, requireLane, str } from "./lookup";
import { compareRanked, type Ranked, rankAfterLast } from "./rank";
import { getRoots, type ItemMap } from "./schema";
import { type ConflictSide, parseConflictOption } from "./voting";

// Priority conflicts: two people setting different values for the same priority field of the same card
// within a short window, or concurrently (neither had seen the other's change, including an old offline
// edit that arrives late). A ConflictTracker watches one peer's document and reports them; open conflicts
// live on the card (`conflicts`, a Y.Map<conflictId, Conflict>) so everyone sees them, and settleConflict
// applies the kept value and records the decision in one transaction.

/** The card fields whose changes are priority calls: the lane (a move), the roadmap target, the score inputs. */
export const PRIORITY_FIELDS = [
  "laneId",
  "target",
  "estimate",
  "reach",
  "impact",
  "confidence",
  "effort",
  "value",
  "businessValue",
  "timeCriticality",
  "riskReduction",
] as const;
/** One of PRIORITY_FIELDS. */
export type PriorityField = (typeof PRIORITY_FIELDS)[number];

/** Two writes by different people this close together (writer clocks, ms) conflict even when one saw the other. */
export const CONFLICT_WINDOW_MS = 10_000;

/** A value a person wrote to a field, and when (their clock, the card's `updatedAt` of that change). */
export interface FieldWrite {
  readonly userId: string;
  /** The value written; null when the field was cleared. */
  readonly value: unknown;
  readonly at: number;
}

/** A collision over one field of one card: the earlier write first, then the one written over it. */
export interface Conflict {
  /** The same on every peer that detects the same collision, so it is stored once. */
  readonly id: string;
  readonly cardId: string;
  readonly field: PriorityField;
  readonly sides: readonly [FieldWrite, FieldWrite];
  /** True when the later writer had not seen the earlier write (concurrent or offline edits). */
  readonly concurrent: boolean;
}

/** One change to a field as a detector sees it: the write, what it overwrote, and whether its writer had seen that. */
export interface FieldChange {
  readonly cardId: string;
  readonly field: PriorityField;
  readonly write: FieldWrite;
  /** The last write to the field before this one, or null. */
  readonly previous: FieldWrite | null;
  /** The writer had not seen `previous` (their change was concurrent with it). */
  readonly concurrent: boolean;
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

/** The id of the collision between two writes; equal on every peer (it is built from what every peer reads alike). */
export function conflictId(field: string, a: FieldWrite, b: FieldWrite): string {
  const [first, second] = [a, b].sort((x, y) => x.at - y.at || (x.userId < y.userId ? -1 : 1)) as [
    FieldWrite,
    FieldWrite,
  ];
  return `${field}:${first.userId}@${first.at}:${second.userId}@${second.at}`;
}

/**
 * Decides whether one change collides with the write it replaced: different people, different values,
 * and either concurrent or within `windowMs` of each other. The same person twice never conflicts.
 */
export function detectConflict(change: FieldChange, windowMs = CONFLICT_WINDOW_MS): Conflict | null {
  const { previous, write } = change;
  if (previous === null || previous.userId === write.userId || sameValue(previous.value, write.value))
    return null;
  if (!change.concurrent && Math.abs(write.at - previous.at) > windowMs) return null;
  return {
    id: conflictId(change.field, previous, write),
    cardId: change.cardId,
    field: change.field,
    sides: [previous, write],
    concurrent: change.concurrent,
  };
}

/**
 * Replays a history of writes (in the order one peer applied them, `concurrent` marking a write whose
 * author had not seen the one before it) and returns every collision: the pure core of ConflictTracker.
 */
export function detectConflicts(
  history: readonly (FieldWrite & { cardId: string; field: PriorityField; concurrent?: boolean })[],
  windowMs = CONFLICT_WINDOW_MS,
): Conflict[] {
  const last = new Map<string, FieldWrite>();
  const found: Conflict[] = [];
  for (const entry of history) {
    const key = `${entry.cardId}\u0000${entry.field}`;
    const write = { userId: entry.userId, value: entry.value, at: entry.at };
    const conflict = detectConflict(
      {
        cardId: entry.cardId,
        field: entry.field,
        write,
        previous: last.get(key) ?? null,
        concurrent: entry.concurrent ?? false,
      },
      windowMs,
    );
    if (conflict) found.push(conflict);
    last.set(key, write);
  }
  return found;
}

function conflictsOf(card: ItemMap): Y.Map<unknown> | null {
  const stored = card.get("conflicts");
  return stored instanceof Y.Map ? stored : null;
}

/** Stores an open conflict on its card (once: a conflict already there, by id, is left as it is). */
export function openConflict(doc: Y.Doc, conflict: Conflict, origin?: unknown): void {
  doc.transact(() => {
    const card = requireCard(doc, conflict.cardId);
    let conflicts = conflictsOf(card);
    if (conflicts === null) {
      // Cards made before conflicts existed get the map on first use (new cards are created with it).
      conflicts = new Y.Map();
      card.set("conflicts", conflicts);
    }
    if (conflicts.has(conflict.id)) return;
    conflicts.set(conflict.id, {
      id: conflict.id,
      cardId: conflict.cardId,
      field: conflict.field,
      sides: conflict.sides.map((side) => ({ userId: side.userId, value: side.value ?? null, at: side.at })),
      concurrent: conflict.concurrent,
    });
  }, origin);
}

function readConflict(cardId: string, value: unknown): Conflict | null {
  const stored = value as Record<string, unknown> | null;
  if (typeof stored !== "object" || stored === null || typeof stored.id !== "string") return null;
  if (!PRIORITY_FIELDS.includes(stored.field as PriorityField) || !Array.isArray(stored.sides)) return null;
  const sides = stored.sides
    .filter((side): side is Record<string, unknown> => typeof side === "object" && side !== null)
    .map((side) => ({
      userId: typeof side.userId === "string" ? side.userId : "",
      value: side.value ?? null,
      at: typeof side.at === "number" ? side.at : 0,
    }));
  if (sides.length !== 2) return null;
  return {
    id: stored.id,
    cardId,
    field: stored.field as PriorityField,
    sides: sides as unknown as readonly [FieldWrite, FieldWrite],
    concurrent: stored.concurrent === true,
  };
}

/** The open conflicts of one card, or of every card when `cardId` is omitted (defensive; never throws). */
export function readConflicts(doc: Y.Doc, cardId?: string): readonly Conflict[] {
  const { cards } = getRoots(doc);
  const found: Conflict[] = [];
  const visit = (id: string, card: unknown) => {
    if (!(card instanceof Y.Map)) return;
    const conflicts = conflictsOf(card);
    conflicts?.forEach((value) => {
      const conflict = readConflict(id, value);
      if (conflict) found.push(conflict);
    });
  };
  if (cardId === undefined) {
    cards.forEach((card, id) => {
      visit(id, card);
    });
  } else visit(cardId, cards.get(cardId));
  // Two cards can hold conflicts with the same id (same writers, same instants): the card breaks the tie,
  // so every peer lists them in the same order whatever order its maps iterate in.
  const key = (conflict: Conflict) => `${conflict.id}\u0000${conflict.cardId}`;
  return found.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function cardsOfLane(doc: Y.Doc, laneId: string, except: string): Ranked[] {
  const ranked: Ranked[] = [];
  getRoots(doc).cards.forEach((card, id) => {
    if (
      id !== except &&
      card instanceof Y.Map &&
      card.get("laneId") === laneId &&
      card.get("archived") !== true
    )
      ranked.push({ id, rank: str(card, "rank") });
  });
  return ranked.sort(compareRanked);
}

function describe(value: unknown): string {
  return value === null || value === undefined ? "(none)" : String(value);
}

/** A field's value in words for the decision log: a lane by its title, anything else as written. */
function describeField(doc: Y.Doc, field: PriorityField, value: unknown): string {
  if (field !== "laneId" || typeof value !== "string") return describe(value);
  const lane = getRoots(doc).lanes.get(value);
  const title = lane instanceof Y.Map ? lane.get("title") : undefined;
  return typeof title === "string" ? title : "a deleted lane";
}

/**
 * The sides a quick vote's options stand for (`conflictOptionIds` of an open conflict), in option order, with
 * values in words; empty when the ids are not a conflict's options or the conflict is no longer open.
 */
export function quickVoteSides(doc: Y.Doc, optionIds: readonly string[]): ConflictSide[] {
  const option = optionIds.length > 0 ? parseConflictOption(optionIds[0] as string) : null;
  if (!option) return [];
  const conflict = readConflicts(doc, option.cardId).find((open) => open.id === option.conflictId);
  if (!conflict) return [];
  return conflict.sides.map((side) => ({
    userId: side.userId,
    value: describeField(doc, conflict.field, side.value),
  }));
}

/**
 * Settles an open conflict: the card's field takes the kept side's value (a lane moves the card to the
 * end of that lane), the conflict is closed, and the decision (kind "conflict", both sides as the
 * alternatives) is appended to the log, all in one transaction.
 */
export function settleConflict(
  doc: Y.Doc,
  cardId: string,
  conflictId: string,
  {
    keep,
    decidedBy,
    rationale = "",
    names,
  }: {
    keep: number;
    decidedBy: string;
    rationale?: string;
    /** People's names by user id, so the alternatives read "Ada: In progress" (ids otherwise). */
    names?: ReadonlyMap<string, string>;
  },
  origin?: unknown,
): string {
  let decisionId = "";
  doc.transact(() => {
    const card = requireCard(doc, cardId);
    const conflicts = conflictsOf(card);
    const conflict = conflicts ? readConflict(cardId, conflicts.get(conflictId)) : null;
    if (!conflicts || !conflict) {
      throw new BoardInputError("conflict_not_found", `Card ${cardId} has no open conflict ${conflictId}.`);
    }
    const side = conflict.sides[keep];
    if (!Number.isInteger(keep) || side === undefined) {
      throw new BoardInputError("keep_invalid", "Keep side 0 or side 1 of the conflict.");
    }
    const alternatives = conflict.sides.map(
      (s) => `${names?.get(s.userId) ?? s.userId}: ${describeField(doc, conflict.field, s.value)}`,
    );
    const kept = describeField(doc, conflict.field, side.value);
    const title =
      conflict.field === "laneId"
        ? `“${str(card, "title")}” goes to ${kept}`
        : `${conflict.field} of “${str(card, "title")}” is ${kept}`;
    const decision = decisionMap(
      { title: title.slice(0, 300), decidedBy, alternatives, rationale, cardIds: [cardId], kind: "conflict" },
      Date.now(),
    );
    if (conflict.field === "laneId") {
      const laneId = String(side.value);
      requireLane(doc, laneId);
      if (card.get("laneId") !== laneId) {
        card.set("laneId", laneId);
        card.set("rank", rankAfterLast(cardsOfLane(doc, laneId, cardId)));
      }
    } else if (side.value === null) card.delete(conflict.field);
    else card.set(conflict.field, side.value);
    card.set("updatedBy", decidedBy);
    card.set("updatedAt", Date.now());
    conflicts.delete(conflictId);
    getRoots(doc).decisions.push([decision]);
    decisionId = decision.get("id") as string;
  }, origin);
  return decisionId;
}

/** Transaction origin of the conflicts a tracker opens. */
export const CONFLICT_TRACKER_ORIGIN = Symbol("conflict-tracker");

/** What a tracker needs: who the local user is, and what to do with a conflict. */
export interface ConflictTrackerOptions {
  /** The local user, the writer of every local transaction. */
  actor: string;
  windowMs?: number;
  /** Called for each conflict detected (after it is opened, when `open`). */
  onConflict?: (conflict: Conflict) => void;
  /** Store detected conflicts on their cards (default true) so every peer sees them. */
  open?: boolean;
}

interface Record_ {
  write: FieldWrite;
  /** The Yjs item that holds the value, to tell whether a later writer had seen it. */
  item: Y.ID | null;
  /**
   * Read from the document when the tracker started, not seen being written: who wrote this very field
   * (and exactly when) is not known, so it can only collide with a write made without seeing it.
   */
  seeded: boolean;
}

/** The Yjs item currently holding `key` of `map`. */
function currentItem(map: Y.Map<unknown>, key: string): Y.Item | undefined {
  return (map as unknown as { _map: Map<string, Y.Item> })._map.get(key);
}

/**
 * Watches a document's cards for colliding priority writes. For each transaction that changes a priority
 * field it compares the write with the last write it saw to that field:
 * - the writer is the tracker's `actor` for local transactions, and the card's `updatedBy` (written by
 *   moveCard/setCardFields with `by`) for remote ones; the time is the card's `updatedAt`;
 * - a remote write is concurrent when its Yjs item's left origin is not the item of the write it
 *   replaced: its author's document did not hold that value when they wrote (live concurrency, or an
 *   offline edit merged late, however old).
 * Several peers detecting the same collision derive the same conflict id, so it is stored once.
 */
export class ConflictTracker {
  readonly #doc: Y.Doc;
  readonly #options: ConflictTrackerOptions;
  readonly #records = new Map<string, Map<PriorityField, Record_>>();
  readonly #found: Conflict[] = [];
  readonly #onTransaction = (transaction: Y.Transaction) => this.#observe(transaction);

  constructor(doc: Y.Doc, options: ConflictTrackerOptions) {
    this.#doc = doc;
    this.#options = options;
    getRoots(doc).cards.forEach((card, cardId) => {
      if (card instanceof Y.Map) this.#seed(cardId, card);
    });
    doc.on("afterTransaction", this.#onTransaction);
  }

  /** Conflicts this tracker detected, oldest first. */
  get conflicts(): readonly Conflict[] {
    return this.#found;
  }

  /** Stops watching. */
  destroy(): void {
    this.#doc.off("afterTransaction", this.#onTransaction);
  }

  #seed(cardId: string, card: ItemMap): void {
    const records = new Map<PriorityField, Record_>();
    const userId = str(card, "updatedBy") || str(card, "createdBy");
    const at = card.get("updatedAt");
    for (const field of PRIORITY_FIELDS) {
      if (!card.has(field)) continue;
      records.set(field, {
        write: { userId, value: card.get(field), at: typeof at === "number" ? at : 0 },
        item: currentItem(card, field)?.id ?? null,
        seeded: true,
      });
    }
    this.#records.set(cardId, records);
  }

  #observe(transaction: Y.Transaction): void {
    if (transaction.origin === CONFLICT_TRACKER_ORIGIN) return;
    const { cards } = getRoots(this.#doc);
    const detected: Conflict[] = [];
    for (const [type, keys] of transaction.changed) {
      if ((type as unknown) === cards) {
        for (const key of keys) {
          if (key === null) continue;
          const card = cards.get(key);
          if (!(card instanceof Y.Map)) this.#records.delete(key);
          else if (!this.#records.has(key)) this.#records.set(key, new Map());
        }
        continue;
      }
      if (!(type instanceof Y.Map) || type.parent !== cards) continue;
      const cardId = type._item?.parentSub;
      if (typeof cardId !== "string") continue;
      this.#observeCard(transaction, cardId, type as ItemMap, keys, detected);
    }
    for (const conflict of detected) {
      this.#found.push(conflict);
      if (this.#options.open !== false) {
        try {
          openConflict(this.#doc, conflict, CONFLICT_TRACKER_ORIGIN);
        } catch (error) {
          // The card was deleted in the meantime: nothing left to settle.
          if (!(error instanceof BoardInputError)) throw error;
        }
      }
      this.#options.onConflict?.(conflict);
    }
  }

  #observeCard(
    transaction: Y.Transaction,
    cardId: string,
    card: ItemMap,
    keys: Set<string | null>,
    detected: Conflict[],
  ): void {
    let records = this.#records.get(cardId);
    if (!records) {
      records = new Map();
      this.#records.set(cardId, records);
    }
    // A settle writes the kept value and closes the conflict together: that write is the decision, not a collision.
    const conflicts = conflictsOf(card);
    const settling =
      conflicts !== null &&
      transaction.changed.has(conflicts as unknown as Y.AbstractType<Y.YEvent<Y.Map<unknown>>>) &&
      !keys.has("conflicts");
    const writer = transaction.local ? this.#options.actor : str(card, "updatedBy") || "unknown";
    const updatedAt = card.get("updatedAt");
    const at = typeof updatedAt === "number" ? updatedAt : Date.now();
    for (const field of PRIORITY_FIELDS) {
      if (!keys.has(field)) continue;
      const item = currentItem(card, field);
      const previous = records.get(field);
      const itemId = item && !item.deleted ? item.id : null;
      // The key changed but its value did not: a concurrent write arrived and lost; the other side reports it.
      if (previous && itemId && previous.item && Y.compareIDs(previous.item, itemId)) continue;
      const write: FieldWrite = { userId: writer, value: card.has(field) ? card.get(field) : null, at };
      const concurrent =
        !transaction.local &&
        previous?.item != null &&
        item !== undefined &&
        !sawItem(transaction, item, previous.item);
      if (!settling && (concurrent || !previous?.seeded)) {
        const conflict = detectConflict(
          { cardId, field, write, previous: previous?.write ?? null, concurrent },
          this.#options.windowMs,
        );
        if (conflict) detected.push(conflict);
      }
      records.set(field, { write, item: itemId, seeded: false });
    }
  }
}

/**
 * Whether the author of `item` had `seen` as the field's value when writing: the first item of this
 * transaction's chain of writes to the key (following left origins through items new in it) has
 * `seen` as its left origin.
 */
function sawItem(transaction: Y.Transaction, item: Y.Item, seen: Y.ID): boolean {
  const store = transaction.doc.store;
  let first = item;
  while (first.origin !== null && isNew(transaction, first.origin)) {
    const left = Y.getItem(store, first.origin);
    if (!(left instanceof Y.Item)) break;
    first = left;
  }
  return first.origin !== null && Y.compareIDs(first.origin, seen);
}

function isNew(transaction: Y.Transaction, id: Y.ID): boolean {
  return id.clock >= (transaction.beforeState.get(id.client) ?? 0);
}
