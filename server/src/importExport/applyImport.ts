import {
  addChecklistItem,
  addComment,
  addTeam,
  archiveCard,
  archiveGoal,
  BoardInputError,
  createCards,
  createEvidence,
  createGoal,
  createLane,
  readBoard,
  setCardDescription,
  setCardFields,
  setLaneWipLimit,
  setScoringModel,
  setVoteBudget,
  toggleChecklistItem,
} from "@converge/shared";
import * as Y from "yjs";
import { ImportInputError } from "./ImportInputError";
import type { ImportPlan } from "./ImportPlan";

/** What an import did: lanes it added or matched by title, and the ids of what it created, in plan order. */
export interface ImportResult {
  lanesCreated: number;
  lanesMatched: number;
  /** Board lane id of each plan lane. */
  laneIds: string[];
  /** New card id of each plan card. */
  cardIds: string[];
  goalsCreated: number;
  evidenceCreated: number;
}

/** Lowercased, whitespace-collapsed: how an imported lane, goal or team name is matched to an existing one. */
function nameKey(title: string): string {
  return title.replace(/\s+/g, " ").trim().toLowerCase();
}

/** Existing items by name key, each list in board order, for matching each at most once. */
function byName(items: readonly { id: string; title: string }[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const item of items) {
    const key = nameKey(item.title);
    map.set(key, [...(map.get(key) ?? []), item.id]);
  }
  return map;
}

/**
 * Adds the plan to the board in ONE transaction with `origin`, through shared operations only. Import is additive:
 * - each plan lane is matched to an existing lane of the same title (case-insensitively, each existing lane at most
 *   once, in board order) or added at the right-hand end; existing lanes keep their kind and WIP limit;
 * - goals are matched the same way among the board's goals, or created (archived ones archived after their cards);
 * - teams the cards use are added to the board's team list; the file's scoring model and vote budget, when it has
 *   them (a board file), replace the board's;
 * - every card is new and goes to the bottom of its lane in plan order (one bulk `createCards`, linear in the cards),
 *   with its description, planning fields, checklist and comments (authored by `by`); archived ones are archived
 *   once all are placed;
 * - evidence is added, linked to the new cards.
 *
 * An operation that refuses a value throws ImportInputError naming the card ("cards[3]: The card's impact must…");
 * `dryRun` runs this on a copy first, so the live board never sees a half-applied import.
 */
export function applyImport(doc: Y.Doc, plan: ImportPlan, by: string, origin: unknown): ImportResult {
  const board = readBoard(doc);
  const lanes = byName(board.lanes);
  const goals = byName(board.goals.filter((goal) => !goal.archived));
  const teams = new Set(board.teams.map(nameKey));
  const result: ImportResult = {
    lanesCreated: 0,
    lanesMatched: 0,
    laneIds: [],
    cardIds: [],
    goalsCreated: 0,
    evidenceCreated: 0,
  };
  doc.transact(() => {
    at("teams", () => {
      for (const team of plan.teams) {
        if (teams.has(nameKey(team))) continue;
        addTeam(doc, team, origin);
        teams.add(nameKey(team));
      }
    });
    if (plan.settings) {
      const { scoringModel, voteBudget } = plan.settings;
      at("board.settings", () => {
        setScoringModel(doc, scoringModel, origin);
        setVoteBudget(doc, voteBudget, origin);
      });
    }
    for (const lane of plan.lanes) {
      const matched = lanes.get(nameKey(lane.title))?.shift();
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
    const createdGoals = new Set<number>();
    const goalIds = plan.goals.map((goal, i) => {
      const matched = goals.get(nameKey(goal.title))?.shift();
      if (matched !== undefined) return matched;
      result.goalsCreated++;
      createdGoals.add(i);
      return at(`goals[${i}]`, () =>
        createGoal(doc, { title: goal.title, description: goal.description, by }, origin),
      );
    });
    // One bulk create (one rank run per lane, linear); a card per createCard would rescan its lane each time.
    const cardIds = at("cards", () =>
      createCards(
        doc,
        {
          cards: plan.cards.map((card) => ({
            laneId: result.laneIds[card.lane] as string,
            title: card.title,
          })),
          by,
        },
        origin,
      ),
    );
    plan.cards.forEach((card, i) => {
      const cardId = cardIds[i] as string;
      at(card.where, () => {
        if (card.description !== "") setCardDescription(doc, cardId, card.description, origin);
        const goalId = card.goal === null ? undefined : goalIds[card.goal];
        if (Object.keys(card.fields).length > 0 || goalId !== undefined) {
          setCardFields(doc, cardId, goalId === undefined ? card.fields : { ...card.fields, goalId }, origin);
        }
        for (const item of card.checklist) {
          const itemId = addChecklistItem(doc, cardId, { text: item.text }, origin);
          if (item.done) toggleChecklistItem(doc, cardId, itemId, true, origin);
        }
        for (const body of card.comments) addComment(doc, cardId, { body, by }, origin);
      });
      result.cardIds.push(cardId);
    });
    // Archived last: an archived goal takes no new cards.
    plan.cards.forEach((card, i) => {
      if (card.archived) archiveCard(doc, result.cardIds[i] as string, origin);
    });
    plan.goals.forEach((goal, i) => {
      if (goal.archived && createdGoals.has(i)) archiveGoal(doc, goalIds[i] as string, true, origin);
    });
    plan.evidence.forEach((piece, i) => {
      at(`evidence[${i}]`, () =>
        createEvidence(
          doc,
          {
            quote: piece.quote,
            source: piece.source,
            customer: piece.customer,
            date: piece.date,
            cardIds: piece.cards.map((index) => result.cardIds[index] as string),
            by,
          },
          origin,
        ),
      );
      result.evidenceCreated++;
    });
  }, origin);
  return result;
}

/** Runs `apply`, turning a shared operation's refusal into an ImportInputError that says where in the file. */
function at<T>(where: string, apply: () => T): T {
  try {
    return apply();
  } catch (error) {
    if (error instanceof BoardInputError)
      throw new ImportInputError("invalid_file", `${where}: ${error.message}`);
    throw error;
  }
}

/**
 * Applies the plan to a copy of `doc` and returns the size of the update it would make; throws whatever the import
 * would throw, leaving `doc` untouched.
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
