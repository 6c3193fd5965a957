import * as Y from "yjs";
import { BoardInputError } from "./errors";
import { getRoots, type ItemMap } from "./schema";
import { diffText } from "./text";

// Lookups shared by the operation modules; not part of the package's public surface.

/** A map's string value, or "" when absent or of another type. */
export function str(map: ItemMap, key: string): string {
  const value = map instanceof Y.Map ? map.get(key) : undefined;
  return typeof value === "string" ? value : "";
}

/** The lane with this id, or a `lane_not_found` BoardInputError. */
export function requireLane(doc: Y.Doc, laneId: string): ItemMap {
  const lane = getRoots(doc).lanes.get(laneId);
  if (!(lane instanceof Y.Map))
    throw new BoardInputError("lane_not_found", `There is no lane ${laneId} on this board.`);
  return lane;
}

/** The card with this id, or a `card_not_found` BoardInputError. */
export function requireCard(doc: Y.Doc, cardId: string): ItemMap {
  const card = getRoots(doc).cards.get(cardId);
  if (!(card instanceof Y.Map))
    throw new BoardInputError("card_not_found", `There is no card ${cardId} on this board.`);
  return card;
}

/**
 * The Y.Array under `key` of `map`, created (seeded with `seed`) when absent. New items create their
 * arrays up front; creating one later can lose a concurrent peer's first entry (last writer wins on
 * the key), so this is only the fallback for items written before the key existed.
 */
export function ensureArray<T>(map: Y.Map<unknown>, key: string, seed: readonly T[] = []): Y.Array<T> {
  const existing = map.get(key);
  if (existing instanceof Y.Array) return existing as Y.Array<T>;
  const created = new Y.Array<T>();
  if (seed.length > 0) created.push([...seed]);
  map.set(key, created);
  return created;
}

/** Index of the Y.Map whose `id` is `id` in a Y.Array of Y.Maps, or -1. */
export function indexOfId(array: Y.Array<unknown>, id: string): number {
  let index = 0;
  for (const item of array) {
    if (item instanceof Y.Map && item.get("id") === id) return index;
    index++;
  }
  return -1;
}

/**
 * Makes the Y.Text under `key` read `value` by one splice of the span that differs, so a collaborator
 * typing elsewhere in it keeps every letter. Returns whether anything changed.
 */
export function spliceText(map: Y.Map<unknown>, key: string, value: string): boolean {
  let text = map.get(key);
  if (!(text instanceof Y.Text)) {
    text = new Y.Text();
    map.set(key, text);
  }
  const yText = text as Y.Text;
  const splice = diffText(yText.toString(), value);
  if (!splice) return false;
  if (splice.remove > 0) yText.delete(splice.index, splice.remove);
  if (splice.insert.length > 0) yText.insert(splice.index, splice.insert);
  return true;
}
