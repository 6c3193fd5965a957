import { generateNKeysBetween } from "fractional-indexing";
import * as Y from "yjs";
import { seedBoardSettings } from "./boardSettings";
import { type CardFieldsPatch, setCardFields } from "./cardFields";
import { BoardInputError } from "./errors";
import { unlinkCardEverywhere } from "./evidence";
import { newId } from "./ids";
import { requireCard, requireLane, spliceText, str } from "./lookup";
import { compareRanked, placeAt, type Ranked, rankAfterLast, reorderedRanks } from "./rank";
import {
  getRoots,
  type ItemMap,
  LANE_KINDS,
  type LaneKind,
  MAX_DESCRIPTION_LENGTH,
  SCHEMA_VERSION,
} from "./schema";
import { findTemplate } from "./templates";
import { normaliseTitle } from "./text";

// Every exported function here is one named change to a board, run as exactly one transaction.

function lanesInOrder(doc: Y.Doc): Ranked[] {
  const ranked: Ranked[] = [];
  getRoots(doc).lanes.forEach((lane, id) => {
    ranked.push({ id, rank: str(lane, "rank") });
  });
  return ranked.sort(compareRanked);
}

function cardsOfLane(doc: Y.Doc, laneId: string): Ranked[] {
  const ranked: Ranked[] = [];
  getRoots(doc).cards.forEach((card, id) => {
    if (card instanceof Y.Map && card.get("laneId") === laneId && card.get("archived") !== true)
      ranked.push({ id, rank: str(card, "rank") });
  });
  return ranked.sort(compareRanked);
}

function applyRespacing(items: Y.Map<ItemMap>, respaced: ReadonlyMap<string, string>): void {
  for (const [id, rank] of respaced) items.get(id)?.set("rank", rank);
}

/** Seeds a new board from a template (default `empty`): title, schema version, lanes and example cards. */
export function initBoard(
  doc: Y.Doc,
  { title, template = "empty", by = "converge" }: { title: string; template?: string; by?: string },
  origin?: unknown,
): void {
  const boardTitle = normaliseTitle(title, "board title");
  const layout = findTemplate(template);
  if (!layout)
    throw new BoardInputError("template_unknown", `There is no board template called ${template}.`);
  doc.transact(() => {
    const { meta, lanes, cards, comments } = getRoots(doc);
    meta.set("title", boardTitle);
    meta.set("schemaVersion", SCHEMA_VERSION);
    seedBoardSettings(meta);
    const laneRanks = generateNKeysBetween(null, null, layout.lanes.length);
    const now = Date.now();
    layout.lanes.forEach(({ title: laneTitle, kind, cards: examples = [] }, i) => {
      const laneId = newId();
      lanes.set(
        laneId,
        new Y.Map<unknown>([
          ["id", laneId],
          ["title", laneTitle],
          ["rank", laneRanks[i]],
          ["kind", kind],
        ]),
      );
      const cardRanks = generateNKeysBetween(null, null, examples.length);
      examples.forEach((cardTitle, j) => {
        const cardId = newId();
        cards.set(
          cardId,
          newCardMap({ id: cardId, title: cardTitle, laneId, rank: cardRanks[j] as string, by, now }),
        );
        comments.set(cardId, new Y.Array());
      });
    });
  }, origin);
}

/**
 * A new card's map. Its labels and checklist arrays are created with the card (and its comment
 * thread beside it) so that two people adding the first label, item or comment at once both keep theirs.
 */
function newCardMap(fields: {
  id: string;
  title: string;
  laneId: string;
  rank: string;
  by: string;
  now: number;
}) {
  return new Y.Map<unknown>([
    ["id", fields.id],
    ["title", fields.title],
    ["description", new Y.Text()],
    ["laneId", fields.laneId],
    ["rank", fields.rank],
    ["createdBy", fields.by],
    ["createdAt", fields.now],
    ["updatedAt", fields.now],
    ["archived", false],
    ["labels", new Y.Array<string>()],
    ["checklist", new Y.Array<Y.Map<unknown>>()],
    ["conflicts", new Y.Map<unknown>()],
  ]);
}

/** Renames the board. */
export function renameBoard(doc: Y.Doc, title: string, origin?: unknown): void {
  const boardTitle = normaliseTitle(title, "board title");
  doc.transact(() => getRoots(doc).meta.set("title", boardTitle), origin);
}

/** Adds a lane at the right-hand end and returns its id. */
export function createLane(
  doc: Y.Doc,
  { title, kind = "active" }: { title: string; kind?: LaneKind },
  origin?: unknown,
): string {
  const laneTitle = normaliseTitle(title, "lane title");
  if (!LANE_KINDS.includes(kind))
    throw new BoardInputError("lane_kind_invalid", `Unknown lane kind ${kind}.`);
  const id = newId();
  doc.transact(() => {
    const rank = rankAfterLast(lanesInOrder(doc));
    getRoots(doc).lanes.set(
      id,
      new Y.Map<unknown>([
        ["id", id],
        ["title", laneTitle],
        ["rank", rank],
        ["kind", kind],
      ]),
    );
  }, origin);
  return id;
}

/** Renames a lane. */
export function renameLane(doc: Y.Doc, laneId: string, title: string, origin?: unknown): void {
  const laneTitle = normaliseTitle(title, "lane title");
  doc.transact(() => requireLane(doc, laneId).set("title", laneTitle), origin);
}

/** Sets or clears (null) a lane's work-in-progress limit. */
export function setLaneWipLimit(doc: Y.Doc, laneId: string, limit: number | null, origin?: unknown): void {
  if (limit !== null && (!Number.isInteger(limit) || limit < 1 || limit > 999)) {
    throw new BoardInputError("wip_limit_invalid", "A WIP limit is a whole number from 1 to 999.");
  }
  doc.transact(() => {
    const lane = requireLane(doc, laneId);
    if (limit === null) lane.delete("wipLimit");
    else lane.set("wipLimit", limit);
  }, origin);
}

/** Moves a lane to position `index` (0 = leftmost) among the lanes. */
export function moveLane(doc: Y.Doc, laneId: string, index: number, origin?: unknown): void {
  doc.transact(() => {
    const lane = requireLane(doc, laneId);
    const { rank, respaced } = placeAt(lanesInOrder(doc), index, laneId);
    applyRespacing(getRoots(doc).lanes, respaced);
    lane.set("rank", rank);
  }, origin);
}

/**
 * Deletes a lane. Its cards are not lost: they move to `moveCardsTo` when given, otherwise they
 * are archived (restorable from the archive).
 */
export function deleteLane(
  doc: Y.Doc,
  laneId: string,
  { moveCardsTo }: { moveCardsTo?: string } = {},
  origin?: unknown,
): void {
  doc.transact(() => {
    requireLane(doc, laneId);
    if (moveCardsTo !== undefined) requireLane(doc, moveCardsTo);
    if (getRoots(doc).lanes.size === 1) {
      throw new BoardInputError(
        "last_lane",
        "A board keeps at least one lane; add another before deleting this one.",
      );
    }
    const { lanes, cards } = getRoots(doc);
    const now = Date.now();
    for (const { id } of cardsOfLane(doc, laneId)) {
      const card = cards.get(id) as ItemMap;
      if (moveCardsTo !== undefined) {
        card.set("laneId", moveCardsTo);
        card.set("rank", rankAfterLast(cardsOfLane(doc, moveCardsTo)));
      } else {
        card.set("archived", true);
      }
      card.set("updatedAt", now);
    }
    lanes.delete(laneId);
  }, origin);
}

/** Adds a card at the bottom of a lane (or at `index`) and returns its id. */
export function createCard(
  doc: Y.Doc,
  { laneId, title, by, index }: { laneId: string; title: string; by: string; index?: number },
  origin?: unknown,
): string {
  const cardTitle = normaliseTitle(title, "card title");
  const id = newId();
  doc.transact(() => {
    requireLane(doc, laneId);
    const siblings = cardsOfLane(doc, laneId);
    const { rank, respaced } =
      index === undefined
        ? { rank: rankAfterLast(siblings), respaced: new Map() }
        : placeAt(siblings, index, id);
    const { cards, comments } = getRoots(doc);
    applyRespacing(cards, respaced);
    cards.set(id, newCardMap({ id, title: cardTitle, laneId, rank, by, now: Date.now() }));
    comments.set(id, new Y.Array());
  }, origin);
  return id;
}

/** One card for `createCards`: its title and the lane it goes to the bottom of. */
export interface NewCard {
  readonly laneId: string;
  readonly title: string;
}

/** The last live card of every lane, found in one pass over the cards. */
function lastCardOfEachLane(doc: Y.Doc): Map<string, Ranked> {
  const last = new Map<string, Ranked>();
  getRoots(doc).cards.forEach((card, id) => {
    if (!(card instanceof Y.Map) || card.get("archived") === true) return;
    const laneId = str(card, "laneId");
    const ranked = { id, rank: str(card, "rank") };
    const current = last.get(laneId);
    if (!current || compareRanked(current, ranked) < 0) last.set(laneId, ranked);
  });
  return last;
}

/**
 * Adds many cards at once, each at the bottom of its lane in the order given, and returns their ids in that order.
 * One transaction, one scan of the board and one run of rank keys per lane: linear where `createCard` per card is
 * quadratic (an import of thousands of cards). Every title and lane is checked before anything is written.
 */
export function createCards(
  doc: Y.Doc,
  { cards: wanted, by }: { cards: readonly NewCard[]; by: string },
  origin?: unknown,
): string[] {
  const titles = wanted.map((card) => normaliseTitle(card.title, "card title"));
  const ids = wanted.map(() => newId());
  doc.transact(() => {
    const byLane = new Map<string, number[]>();
    wanted.forEach(({ laneId }, i) => {
      let indexes = byLane.get(laneId);
      if (!indexes) {
        requireLane(doc, laneId);
        indexes = [];
        byLane.set(laneId, indexes);
      }
      indexes.push(i);
    });
    const last = lastCardOfEachLane(doc);
    const { cards, comments } = getRoots(doc);
    const now = Date.now();
    for (const [laneId, indexes] of byLane) {
      const ranks = generateNKeysBetween(last.get(laneId)?.rank || null, null, indexes.length);
      indexes.forEach((i, j) => {
        const id = ids[i] as string;
        cards.set(
          id,
          newCardMap({ id, title: titles[i] as string, laneId, rank: ranks[j] as string, by, now }),
        );
        comments.set(id, new Y.Array());
      });
    }
  }, origin);
  return ids;
}

/**
 * Puts the named cards of a lane in `orderedCardIds`' order, in the slots they hold now (cards not named, or
 * moved away meanwhile, stay put): the whole re-rank is one transaction, so peers and undo see one step. Only the
 * fewest cards get a new rank.
 */
export function rerankCards(
  doc: Y.Doc,
  laneId: string,
  orderedCardIds: readonly string[],
  origin?: unknown,
): void {
  doc.transact(() => {
    requireLane(doc, laneId);
    const { cards } = getRoots(doc);
    const now = Date.now();
    for (const [id, rank] of reorderedRanks(cardsOfLane(doc, laneId), orderedCardIds)) {
      const card = cards.get(id) as ItemMap;
      card.set("rank", rank);
      card.set("updatedAt", now);
    }
  }, origin);
}

/** Renames a card. */
export function renameCard(doc: Y.Doc, cardId: string, title: string, origin?: unknown): void {
  const cardTitle = normaliseTitle(title, "card title");
  doc.transact(() => {
    const card = requireCard(doc, cardId);
    if (card.get("title") === cardTitle) return;
    card.set("title", cardTitle);
    card.set("updatedAt", Date.now());
  }, origin);
}

/**
 * Makes a card's description read `value`, changing only the span that differs so that a
 * collaborator typing elsewhere in the same description keeps every letter.
 */
export function setCardDescription(doc: Y.Doc, cardId: string, value: string, origin?: unknown): void {
  if (value.length > MAX_DESCRIPTION_LENGTH) {
    throw new BoardInputError(
      "description_too_long",
      `A description is at most ${MAX_DESCRIPTION_LENGTH} characters.`,
    );
  }
  doc.transact(() => {
    const card = requireCard(doc, cardId);
    if (spliceText(card, "description", value)) card.set("updatedAt", Date.now());
  }, origin);
}

/**
 * Moves a card to position `index` of lane `laneId` (index counted without the card itself).
 * Lane and rank are written together, in one transaction; `by` (the mover's user id) is stored as the
 * card's `updatedBy`, which tells other peers' ConflictTrackers who moved it. `fields` (e.g. the team of
 * the swimlane it was dropped in) are set in the same transaction: peers never see the card moved but
 * not yet re-teamed, and a refused field writes nothing at all.
 */
export function moveCard(
  doc: Y.Doc,
  {
    cardId,
    laneId,
    index,
    by,
    fields,
  }: { cardId: string; laneId: string; index: number; by?: string; fields?: CardFieldsPatch },
  origin?: unknown,
): void {
  doc.transact(() => {
    const card = requireCard(doc, cardId);
    requireLane(doc, laneId);
    // Checked (and written) before the move, so a refused field throws before anything changed.
    if (fields !== undefined) setCardFields(doc, cardId, fields, origin, by);
    const { rank, respaced } = placeAt(cardsOfLane(doc, laneId), index, cardId);
    const { cards } = getRoots(doc);
    applyRespacing(cards, respaced);
    card.set("laneId", laneId);
    card.set("rank", rank);
    card.set("updatedAt", Date.now());
    if (by !== undefined) card.set("updatedBy", by);
  }, origin);
}

/** Archives a card: it leaves the board but can be restored. */
export function archiveCard(doc: Y.Doc, cardId: string, origin?: unknown): void {
  doc.transact(() => {
    const card = requireCard(doc, cardId);
    card.set("archived", true);
    card.set("updatedAt", Date.now());
  }, origin);
}

/** Restores an archived card to the bottom of its lane (or of the first lane if its lane is gone). */
export function restoreCard(doc: Y.Doc, cardId: string, origin?: unknown): void {
  doc.transact(() => {
    const card = requireCard(doc, cardId);
    const { lanes } = getRoots(doc);
    let laneId = str(card, "laneId");
    if (!lanes.has(laneId)) {
      const first = lanesInOrder(doc)[0];
      if (!first) throw new BoardInputError("no_lanes", "Add a lane before restoring a card.");
      laneId = first.id;
      card.set("laneId", laneId);
    }
    card.set("rank", rankAfterLast(cardsOfLane(doc, laneId)));
    card.set("archived", false);
    card.set("updatedAt", Date.now());
  }, origin);
}

/** Deletes a card for good, with its comment thread and its evidence links. */
export function deleteCard(doc: Y.Doc, cardId: string, origin?: unknown): void {
  doc.transact(() => {
    requireCard(doc, cardId);
    const { cards, comments } = getRoots(doc);
    cards.delete(cardId);
    comments.delete(cardId);
    unlinkCardEverywhere(doc, cardId);
  }, origin);
}
