import * as Y from "yjs";
import { readScoringModel, readTeams, readVoteBudget } from "./boardSettings";
import { readCardField, readLabels } from "./cardFields";
import { readChecklist } from "./checklist";
import {
  compareEvidence,
  countEvidence,
  type Evidence,
  type EvidenceCount,
  NO_EVIDENCE,
  readEvidence,
} from "./evidence";
import { type Goal, type GoalFields, readGoalFields } from "./goals";
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
import { readEstimateSpread, readVotes } from "./voting";

function str(map: ItemMap, key: string, fallback = ""): string {
  const value = map.get(key);
  return typeof value === "string" ? value : fallback;
}

function num(map: ItemMap, key: string): number {
  const value = map.get(key);
  return typeof value === "number" && Number.isFinite(value) ? value : 0;
}

function readCard(id: string, map: ItemMap, evidence: EvidenceCount): Card {
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
    type: readCardField(map, "type"),
    team: readCardField(map, "team"),
    owner: readCardField(map, "owner"),
    estimate: readCardField(map, "estimate"),
    reach: readCardField(map, "reach"),
    impact: readCardField(map, "impact"),
    confidence: readCardField(map, "confidence"),
    effort: readCardField(map, "effort"),
    value: readCardField(map, "value"),
    businessValue: readCardField(map, "businessValue"),
    timeCriticality: readCardField(map, "timeCriticality"),
    riskReduction: readCardField(map, "riskReduction"),
    goalId: readCardField(map, "goalId"),
    target: readCardField(map, "target"),
    labels: readLabels(map),
    dueDate: readCardField(map, "dueDate"),
    checklist: readChecklist(map),
    evidenceCount: evidence.count,
    evidenceCustomerCount: evidence.customers,
    votes: readVotes(map),
    estimateSpread: readEstimateSpread(map),
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

function sameIds<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/** The goals in order with their aligned live cards, reusing `previous` goal objects that did not change. */
function assembleGoals(
  goalFields: GoalFields[],
  placedInOrder: readonly Card[],
  previous: readonly Goal[] | undefined,
): readonly Goal[] {
  goalFields.sort(compareRanked);
  const aligned = new Map<string, string[]>(goalFields.map((goal) => [goal.id, []]));
  for (const card of placedInOrder) if (card.goalId !== null) aligned.get(card.goalId)?.push(card.id);
  const previousGoals = new Map(previous?.map((goal) => [goal.id, goal]));
  const goals = goalFields.map((fields): Goal => {
    const cardIds = aligned.get(fields.id) ?? [];
    const old = previousGoals.get(fields.id);
    if (
      old &&
      old.title === fields.title &&
      old.description === fields.description &&
      old.rank === fields.rank &&
      old.archived === fields.archived &&
      old.createdBy === fields.createdBy &&
      old.createdAt === fields.createdAt &&
      sameIds(old.cardIds, cardIds)
    ) {
      return old;
    }
    return { ...fields, cardIds };
  });
  return previous && sameIds(previous, goals) ? previous : goals;
}

/** The parts of a board read from the document before assembly. */
interface Parts {
  meta: Y.Map<unknown>;
  laneFields: LaneFields[];
  cards: ReadonlyMap<string, Card>;
  goalFields: GoalFields[];
  evidence: readonly Evidence[];
}

/**
 * Assembles the Board from its parts, reusing `previous` lane, goal and team objects whose content
 * did not change so that memoised views skip them. A card whose lane was deleted concurrently shows
 * in the first lane, so every live card appears exactly once on every peer.
 */
function assemble({ meta, laneFields, cards, goalFields, evidence }: Parts, previous: Board | null): Board {
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
  const placedInOrder = lanes.flatMap((lane) => lane.cardIds.map((id) => cards.get(id) as Card));
  placedInOrder.push(...unplaced);
  const teams = readTeams(meta);
  const schemaVersion = meta.get("schemaVersion");
  return {
    title: typeof meta.get("title") === "string" ? (meta.get("title") as string) : "",
    schemaVersion: typeof schemaVersion === "number" ? schemaVersion : SCHEMA_VERSION,
    lanes,
    cards,
    archived,
    unplaced,
    teams: previous && sameIds(previous.teams, teams) ? previous.teams : teams,
    scoringModel: readScoringModel(meta),
    voteBudget: readVoteBudget(meta),
    goals: assembleGoals(goalFields, placedInOrder, previous?.goals),
    evidence,
  };
}

/**
 * Reads the whole board as plain readonly data (a fresh read; views use createBoardReader). Any peer
 * can write anything, so it never throws: entries that are not maps are skipped and values of the
 * wrong type or range read as null (or the field's default).
 */
export function readBoard(doc: Y.Doc): Board {
  const { meta, cards, feedback } = getRoots(doc);
  const evidence: Evidence[] = [];
  feedback.forEach((map, id) => {
    if (!(map instanceof Y.Map)) return;
    evidence.push(readEvidence(id, map));
  });
  const counts = countEvidence(evidence);
  const cardViews = new Map<string, Card>();
  cards.forEach((map, id) => {
    if (!(map instanceof Y.Map)) return;
    cardViews.set(id, readCard(id, map, counts.get(id) ?? NO_EVIDENCE));
  });
  return assemble(
    {
      meta,
      laneFields: readLanes(doc),
      cards: cardViews,
      goalFields: readGoals(doc),
      evidence: evidence.sort(compareEvidence),
    },
    null,
  );
}

function readLanes(doc: Y.Doc): LaneFields[] {
  const laneFields: LaneFields[] = [];
  getRoots(doc).lanes.forEach((map, id) => {
    if (!(map instanceof Y.Map)) return;
    laneFields.push(readLane(id, map));
  });
  return laneFields;
}

function readGoals(doc: Y.Doc): GoalFields[] {
  const goalFields: GoalFields[] = [];
  getRoots(doc).goals.forEach((map, id) => {
    if (!(map instanceof Y.Map)) return;
    goalFields.push(readGoalFields(id, map));
  });
  return goalFields;
}

function sameCount(card: Card, count: EvidenceCount): boolean {
  return card.evidenceCount === count.count && card.evidenceCustomerCount === count.customers;
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
 * one new Card object, so only that card re-renders. A change to a piece of evidence marks the cards
 * it was or is linked to dirty, and only those whose evidence counts moved get new objects. Comments
 * are not observed at all (see readComments).
 */
export function createBoardReader(doc: Y.Doc): BoardReader {
  const { meta, lanes, cards, goals, feedback } = getRoots(doc);
  const listeners = new Set<() => void>();
  const cardCache = new Map<string, Card>();
  const dirtyCards = new Set<string>();
  const evidenceCache = new Map<string, Evidence>();
  const dirtyEvidence = new Set<string>();
  let counts: ReadonlyMap<string, EvidenceCount> = new Map();
  let evidenceList: readonly Evidence[] = [];
  let everythingDirty = true;
  let snapshot: Board | null = null;
  let stale = true;

  const collect =
    (root: Y.Map<ItemMap>, dirty: Set<string>) => (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
      for (const event of events) {
        if (event.target === root && event instanceof Y.YMapEvent) {
          for (const key of event.keysChanged) dirty.add(key);
        } else if (typeof event.path[0] === "string") dirty.add(event.path[0]);
      }
      stale = true;
    };
  const onCards = collect(cards, dirtyCards);
  const onFeedback = collect(feedback, dirtyEvidence);
  const onOther = () => {
    stale = true;
  };
  const afterTransaction = () => {
    if (!stale) return;
    for (const listener of listeners) listener();
  };
  cards.observeDeep(onCards);
  feedback.observeDeep(onFeedback);
  lanes.observeDeep(onOther);
  goals.observeDeep(onOther);
  meta.observeDeep(onOther);
  doc.on("afterTransaction", afterTransaction);

  /** Re-reads changed evidence and marks dirty the cards whose evidence counts moved. */
  function refreshEvidence(): void {
    if (!everythingDirty && dirtyEvidence.size === 0) return;
    const touchedCards = new Set<string>();
    if (everythingDirty) {
      evidenceCache.clear();
      feedback.forEach((map, id) => {
        if (!(map instanceof Y.Map)) return;
        evidenceCache.set(id, readEvidence(id, map));
      });
    } else {
      for (const id of dirtyEvidence) {
        for (const cardId of evidenceCache.get(id)?.cardIds ?? []) touchedCards.add(cardId);
        const map = feedback.get(id);
        if (map instanceof Y.Map) {
          const fresh = readEvidence(id, map);
          evidenceCache.set(id, fresh);
          for (const cardId of fresh.cardIds) touchedCards.add(cardId);
        } else evidenceCache.delete(id);
      }
    }
    dirtyEvidence.clear();
    counts = countEvidence(evidenceCache.values());
    evidenceList = [...evidenceCache.values()].sort(compareEvidence);
    for (const cardId of touchedCards) {
      const card = cardCache.get(cardId);
      if (card && !sameCount(card, counts.get(cardId) ?? NO_EVIDENCE)) dirtyCards.add(cardId);
    }
  }

  function rebuild(): Board {
    refreshEvidence();
    if (everythingDirty) {
      cardCache.clear();
      cards.forEach((map, id) => {
        if (!(map instanceof Y.Map)) return;
        cardCache.set(id, readCard(id, map, counts.get(id) ?? NO_EVIDENCE));
      });
      everythingDirty = false;
    } else {
      for (const id of dirtyCards) {
        const map = cards.get(id);
        if (map instanceof Y.Map) cardCache.set(id, readCard(id, map, counts.get(id) ?? NO_EVIDENCE));
        else cardCache.delete(id);
      }
    }
    dirtyCards.clear();
    return assemble(
      {
        meta,
        laneFields: readLanes(doc),
        cards: new Map(cardCache),
        goalFields: readGoals(doc),
        evidence: evidenceList,
      },
      snapshot,
    );
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
      feedback.unobserveDeep(onFeedback);
      lanes.unobserveDeep(onOther);
      goals.unobserveDeep(onOther);
      meta.unobserveDeep(onOther);
      doc.off("afterTransaction", afterTransaction);
      listeners.clear();
    },
  };
}
