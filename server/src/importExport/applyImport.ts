import {
  archiveCard,
  createCard,
  createLane,
  readBoard,
  setCardDescription,
  setLaneWipLimit,
} from "@converge/shared";
import * as Y from "yjs";
import type { ImportPlan } from "./ImportPlan";

/** What an import did: lanes it added or matched by title, and the ids of the cards it created, in plan order. */
export interface ImportResult {
  lanesCreated: number;
  lanesMatched: number;
  /** Board lane id of each plan lane. */
  laneIds: string[];
  /** New card id of each plan card. */
  cardIds: string[];
}

/** Lowercased, whitespace-collapsed: how an imported lane title is matched to an existing lane. */
function titleKey(title: string): string {
  return title.replace(/\s+/g, " ").trim().toLowerCase();
}

/**
 * Adds the plan to the board in ONE transaction with `origin`, through shared operations only. Import is additive:
 * each plan lane is matched to an existing lane of the same title (case-insensitively, each existing lane matched at
 * most once, in board order) or added at the right-hand end; existing lanes keep their kind and WIP limit. Every card
 * is new and goes to the bottom of its lane, in plan order; archived ones are archived in place.
 *
 * The plan must have been validated; `dryRun` proves it applies (shared operations can still refuse input) without
 * touching the board.
 */
export function applyImport(doc: Y.Doc, plan: ImportPlan, by: string, origin: unknown): ImportResult {
  const existing = new Map<string, string[]>();
  for (const lane of readBoard(doc).lanes) {
    const key = titleKey(lane.title);
    existing.set(key, [...(existing.get(key) ?? []), lane.id]);
  }
  const result: ImportResult = { lanesCreated: 0, lanesMatched: 0, laneIds: [], cardIds: [] };
  doc.transact(() => {
    for (const lane of plan.lanes) {
      const matched = existing.get(titleKey(lane.title))?.shift();
      if (matched !== undefined) {
        result.lanesMatched++;
        result.laneIds.push(matched);
        continue;
      }
      const laneId = createLane(doc, { title: lane.title, kind: lane.kind }, origin);
      if (lane.wipLimit !== null) setLaneWipLimit(doc, laneId, lane.wipLimit, origin);
      result.lanesCreated++;
      result.laneIds.push(laneId);
    }
    for (const card of plan.cards) {
      const laneId = result.laneIds[card.lane] as string;
      const cardId = createCard(doc, { laneId, title: card.title, by }, origin);
      if (card.description !== "") setCardDescription(doc, cardId, card.description, origin);
      result.cardIds.push(cardId);
    }
    // Archived last: a card created after an archived one would otherwise take the same rank (ranks count live cards).
    plan.cards.forEach((card, i) => {
      if (card.archived) archiveCard(doc, result.cardIds[i] as string, origin);
    });
  }, origin);
  return result;
}

/**
 * Applies the plan to a copy of `doc` and returns the size of the update it would make; throws whatever a shared
 * operation throws, leaving `doc` untouched.
 */
export function dryRun(doc: Y.Doc, plan: ImportPlan, by: string): number {
  const scratch = new Y.Doc();
  try {
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateVector(scratch);
    applyImport(scratch, plan, by, null);
    return Y.encodeStateAsUpdate(scratch, before).byteLength;
  } finally {
    scratch.destroy();
  }
}
