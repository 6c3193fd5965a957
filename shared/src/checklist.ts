import * as Y from "yjs";
import { BoardInputError } from "./errors";
import { newId } from "./ids";
import { ensureArray, indexOfId, requireCard } from "./lookup";
import { compareRanked, placeAt, type Ranked, rankAfterLast } from "./rank";
import type { ItemMap } from "./schema";

/** Longest checklist item, in characters. */
export const MAX_CHECKLIST_ITEM_LENGTH = 500;
/** Most items one card's checklist holds. */
export const MAX_CHECKLIST_ITEMS = 100;

/** One checklist item as the views read it. */
export interface ChecklistItem {
  readonly id: string;
  readonly text: string;
  readonly done: boolean;
}

// card.checklist is a Y.Array of Y.Maps {id, text, done, rank}. Display order is the fractional
// `rank` (ties by id), not the array position, so two people reordering at once never duplicate an
// item nor lose a tick made meanwhile; the array is only the container.

interface StoredItem extends ChecklistItem, Ranked {}

function storedItems(card: ItemMap): StoredItem[] {
  const array = card.get("checklist");
  if (!(array instanceof Y.Array)) return [];
  const items: StoredItem[] = [];
  const seen = new Set<string>();
  for (const entry of array) {
    if (!(entry instanceof Y.Map)) continue;
    const id = entry.get("id");
    if (typeof id !== "string" || seen.has(id)) continue;
    seen.add(id);
    const text = entry.get("text");
    const rank = entry.get("rank");
    items.push({
      id,
      text: typeof text === "string" ? text : "",
      done: entry.get("done") === true,
      rank: typeof rank === "string" ? rank : "",
    });
  }
  return items.sort(compareRanked);
}

/** Reads a card's checklist in display order (never throws; malformed entries are skipped). */
export function readChecklist(card: ItemMap): readonly ChecklistItem[] {
  return storedItems(card).map(({ id, text, done }) => ({ id, text, done }));
}

function normaliseItemText(text: string): string {
  const trimmed = text.replace(/\s+/g, " ").trim();
  if (trimmed.length === 0)
    throw new BoardInputError("checklist_text_empty", "A checklist item needs some text.");
  if (trimmed.length > MAX_CHECKLIST_ITEM_LENGTH) {
    throw new BoardInputError(
      "checklist_text_too_long",
      `A checklist item is at most ${MAX_CHECKLIST_ITEM_LENGTH} characters.`,
    );
  }
  return trimmed;
}

function requireItem(card: ItemMap, itemId: string): Y.Map<unknown> {
  const array = card.get("checklist");
  const index = array instanceof Y.Array ? indexOfId(array, itemId) : -1;
  if (index < 0) {
    throw new BoardInputError(
      "checklist_item_not_found",
      `There is no checklist item ${itemId} on this card.`,
    );
  }
  return (array as Y.Array<Y.Map<unknown>>).get(index);
}

/** Adds an item at the end of a card's checklist (or at `index`) and returns its id. */
export function addChecklistItem(
  doc: Y.Doc,
  cardId: string,
  { text, index }: { text: string; index?: number },
  origin?: unknown,
): string {
  const itemText = normaliseItemText(text);
  const id = newId();
  doc.transact(() => {
    const card = requireCard(doc, cardId);
    const items = storedItems(card);
    if (items.length >= MAX_CHECKLIST_ITEMS) {
      throw new BoardInputError("checklist_full", `A checklist holds at most ${MAX_CHECKLIST_ITEMS} items.`);
    }
    const { rank, respaced } =
      index === undefined ? { rank: rankAfterLast(items), respaced: new Map() } : placeAt(items, index, id);
    for (const [itemId, itemRank] of respaced) requireItem(card, itemId).set("rank", itemRank);
    ensureArray<Y.Map<unknown>>(card, "checklist").push([
      new Y.Map<unknown>([
        ["id", id],
        ["text", itemText],
        ["done", false],
        ["rank", rank],
      ]),
    ]);
    card.set("updatedAt", Date.now());
  }, origin);
  return id;
}

/** Rewrites a checklist item's text. */
export function editChecklistItem(
  doc: Y.Doc,
  cardId: string,
  itemId: string,
  text: string,
  origin?: unknown,
): void {
  const itemText = normaliseItemText(text);
  doc.transact(() => {
    const card = requireCard(doc, cardId);
    const item = requireItem(card, itemId);
    if (item.get("text") === itemText) return;
    item.set("text", itemText);
    card.set("updatedAt", Date.now());
  }, origin);
}

/**
 * Ticks or unticks a checklist item: to `done` when given (idempotent, the safe choice for a
 * checkbox's new state), otherwise the opposite of what this peer sees.
 */
export function toggleChecklistItem(
  doc: Y.Doc,
  cardId: string,
  itemId: string,
  done?: boolean,
  origin?: unknown,
): void {
  doc.transact(() => {
    const card = requireCard(doc, cardId);
    const item = requireItem(card, itemId);
    const next = done ?? item.get("done") !== true;
    if (item.get("done") === next) return;
    item.set("done", next);
    card.set("updatedAt", Date.now());
  }, origin);
}

/** Moves a checklist item to position `index` (0 = top; counted without the item itself). */
export function moveChecklistItem(
  doc: Y.Doc,
  cardId: string,
  itemId: string,
  index: number,
  origin?: unknown,
): void {
  doc.transact(() => {
    const card = requireCard(doc, cardId);
    const item = requireItem(card, itemId);
    const { rank, respaced } = placeAt(storedItems(card), index, itemId);
    for (const [otherId, otherRank] of respaced) requireItem(card, otherId).set("rank", otherRank);
    item.set("rank", rank);
    card.set("updatedAt", Date.now());
  }, origin);
}

/** Removes a checklist item. */
export function removeChecklistItem(doc: Y.Doc, cardId: string, itemId: string, origin?: unknown): void {
  doc.transact(() => {
    const card = requireCard(doc, cardId);
    requireItem(card, itemId);
    const array = card.get("checklist") as Y.Array<unknown>;
    for (let i = array.length - 1; i >= 0; i--) {
      const entry = array.get(i);
      if (entry instanceof Y.Map && entry.get("id") === itemId) array.delete(i);
    }
    card.set("updatedAt", Date.now());
  }, origin);
}
