import * as Y from "yjs";
import { compareRanked } from "./rank";
import {
  type Board,
  type Card,
  getRoots,
  type ItemMap,
  LANE_KINDS,
  type Lane,
  type LaneKind,
  SCHEMA_VERSION,
} from "./schema";

function str(map: ItemMap, key: string, fallback = ""): string {
  const value = map.get(key);
  return typeof value === "string" ? value : fallback;
}

function num(map: ItemMap, key: string): number {
  const value = map.get(key);
  return typeof value === "number" && Number.isFinite(value) ? value : 0;
}

function readCard(id: string, map: ItemMap): Card {
  const description = map.get("description");
  return {
    id,
    title: str(map, "title"),
    description: description instanceof Y.Text ? description.toString() : "",
    laneId: str(map, "laneId"),
    rank: str(map, "rank"),
    createdBy: str(map, "createdBy"),
    createdAt: num(map, "createdAt"),
    updatedAt: num(map, "updatedAt"),
    archived: map.get("archived") === true,
  };
}

interface LaneFields {
  id: string;
  title: string;
  rank: string;
  kind: LaneKind;
  wipLimit: number | null;
}

function readLane(id: string, map: ItemMap): LaneFields {
  const kind = map.get("kind");
  const wipLimit = map.get("wipLimit");
  return {
    id,
    title: str(map, "title"),
    rank: str(map, "rank"),
    kind: LANE_KINDS.includes(kind as LaneKind) ? (kind as LaneKind) : "active",
    wipLimit: typeof wipLimit === "number" ? wipLimit : null,
  };
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/**
 * Assembles the Board from cards and lanes, reusing `previous` lane objects whose content did not
 * change so that memoised views skip them. A card whose lane was deleted concurrently shows in
 * the first lane, so every live card appears exactly once on every peer.
 */
function assemble(
  meta: Y.Map<unknown>,
  laneFields: LaneFields[],
  cards: ReadonlyMap<string, Card>,
  previous: Board | null,
): Board {
  laneFields.sort(compareRanked);
  const firstLaneId = laneFields[0]?.id;
  const byLane = new Map<string, Card[]>(laneFields.map((lane) => [lane.id, []]));
  const archived: Card[] = [];
  const unplaced: Card[] = [];
  for (const card of cards.values()) {
    if (card.archived) {
      archived.push(card);
      continue;
    }
    const bucket =
      byLane.get(card.laneId) ?? (firstLaneId === undefined ? undefined : byLane.get(firstLaneId));
    if (bucket) bucket.push(card);
    else unplaced.push(card);
  }
  unplaced.sort(compareRanked);
  archived.sort((a, b) => b.updatedAt - a.updatedAt || compareRanked(a, b));
  const previousLanes = new Map(previous?.lanes.map((lane) => [lane.id, lane]));
  const lanes = laneFields.map((fields): Lane => {
    const cardIds = (byLane.get(fields.id) ?? []).sort(compareRanked).map((card) => card.id);
    const old = previousLanes.get(fields.id);
    if (
      old &&
      old.title === fields.title &&
      old.rank === fields.rank &&
      old.kind === fields.kind &&
      old.wipLimit === fields.wipLimit &&
      sameIds(old.cardIds, cardIds)
    ) {
      return old;
    }
    return { ...fields, cardIds };
  });
  const schemaVersion = meta.get("schemaVersion");
  return {
    title: typeof meta.get("title") === "string" ? (meta.get("title") as string) : "",
    schemaVersion: typeof schemaVersion === "number" ? schemaVersion : SCHEMA_VERSION,
    lanes,
    cards,
    archived,
    unplaced,
  };
}

/** Reads the whole board as plain readonly data (a fresh read; views use createBoardReader). */
export function readBoard(doc: Y.Doc): Board {
  const { meta, lanes, cards } = getRoots(doc);
  const cardViews = new Map<string, Card>();
  cards.forEach((map, id) => {
    cardViews.set(id, readCard(id, map));
  });
  const laneFields: LaneFields[] = [];
  lanes.forEach((map, id) => {
    laneFields.push(readLane(id, map));
  });
  return assemble(meta, laneFields, cardViews, null);
}

/** A live, cached view of a board for `useSyncExternalStore`: subscribe to changes, read the current Board. */
export interface BoardReader {
  subscribe(onChange: () => void): () => void;
  getSnapshot(): Board;
  destroy(): void;
}

/**
 * Creates a cached reader over a board document. A snapshot is rebuilt only after a transaction
 * touched the board, and only the cards that changed get new objects: an edit to one card gives
 * one new Card object, so only that card re-renders.
 */
export function createBoardReader(doc: Y.Doc): BoardReader {
  const { meta, lanes, cards } = getRoots(doc);
  const listeners = new Set<() => void>();
  const cardCache = new Map<string, Card>();
  const dirtyCards = new Set<string>();
  let allCardsDirty = true;
  let snapshot: Board | null = null;
  let stale = true;

  const onCards = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    for (const event of events) {
      if (event.target === cards && event instanceof Y.YMapEvent) {
        for (const key of event.keysChanged) dirtyCards.add(key);
      } else if (typeof event.path[0] === "string") dirtyCards.add(event.path[0]);
    }
    stale = true;
  };
  const onOther = () => {
    stale = true;
  };
  const afterTransaction = () => {
    if (!stale) return;
    for (const listener of listeners) listener();
  };
  cards.observeDeep(onCards);
  lanes.observeDeep(onOther);
  meta.observe(onOther);
  doc.on("afterTransaction", afterTransaction);

  function rebuild(): Board {
    if (allCardsDirty) {
      cardCache.clear();
      cards.forEach((map, id) => {
        cardCache.set(id, readCard(id, map));
      });
      allCardsDirty = false;
    } else {
      for (const id of dirtyCards) {
        const map = cards.get(id);
        if (map) cardCache.set(id, readCard(id, map));
        else cardCache.delete(id);
      }
    }
    dirtyCards.clear();
    const laneFields: LaneFields[] = [];
    lanes.forEach((map, id) => {
      laneFields.push(readLane(id, map));
    });
    return assemble(meta, laneFields, new Map(cardCache), snapshot);
  }

  return {
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    getSnapshot() {
      if (stale || !snapshot) {
        snapshot = rebuild();
        stale = false;
      }
      return snapshot;
    },
    destroy() {
      cards.unobserveDeep(onCards);
      lanes.unobserveDeep(onOther);
      meta.unobserve(onOther);
      doc.off("afterTransaction", afterTransaction);
      listeners.clear();
    },
  };
}
