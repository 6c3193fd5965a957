import {
  type Card,
  compareRanked,
  getRoots,
  readBoard,
  readComments,
  SCHEMA_VERSION,
} from "@converge/shared";
import type * as Y from "yjs";
import { BOARD_FILE_FORMAT, type BoardFile, type BoardFileCard, type Json } from "./boardFile";

/**
 * The board as a plain file: settings, lanes left to right, then every card (archived ones too) lane by lane in
 * display order with its planning fields, checklist and comments, then goals, evidence and the decision log. A card
 * whose lane was deleted is listed under the first lane, where the board shows it.
 */
export function exportBoard(doc: Y.Doc, boardId: string, now: Date = new Date()): BoardFile {
  const board = readBoard(doc);
  const firstLaneId = board.lanes[0]?.id;
  const byLane = new Map<string, Card[]>(board.lanes.map((lane) => [lane.id, []]));
  for (const card of board.cards.values()) {
    const laneId = byLane.has(card.laneId) ? card.laneId : firstLaneId;
    if (laneId !== undefined) byLane.get(laneId)?.push(card);
  }
  const cards: BoardFileCard[] = [];
  for (const lane of board.lanes) {
    for (const card of (byLane.get(lane.id) ?? []).sort(compareRanked)) {
      cards.push(fileCard(doc, card, lane.id));
    }
  }
  return {
    format: BOARD_FILE_FORMAT,
    schemaVersion: board.schemaVersion || SCHEMA_VERSION,
    exportedAt: now.toISOString(),
    board: {
      id: boardId,
      title: board.title,
      settings: { teams: [...board.teams], scoringModel: board.scoringModel, voteBudget: board.voteBudget },
    },
    lanes: board.lanes.map(({ id, title, kind, wipLimit }) => ({ id, title, kind, wipLimit })),
    cards,
    goals: board.goals.map(({ id, title, description, archived, createdBy, createdAt }) => ({
      id,
      title,
      description,
      archived,
      createdBy,
      createdAt,
    })),
    evidence: [...board.evidence]
      .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
      .map(({ id, quote, source, customer, date, cardIds, createdBy, createdAt }) => ({
        id,
        quote,
        source,
        customer,
        date,
        cardIds: [...cardIds].sort(),
        createdBy,
        createdAt,
      })),
    decisions: getRoots(doc).decisions.toJSON() as Json[],
  };
}

function fileCard(doc: Y.Doc, card: Card, laneId: string): BoardFileCard {
  return {
    id: card.id,
    laneId,
    title: card.title,
    description: card.description,
    archived: card.archived,
    createdBy: card.createdBy,
    createdAt: card.createdAt,
    updatedAt: card.updatedAt,
    type: card.type,
    team: card.team,
    owner: card.owner,
    estimate: card.estimate,
    reach: card.reach,
    impact: card.impact,
    confidence: card.confidence,
    effort: card.effort,
    value: card.value,
    businessValue: card.businessValue,
    timeCriticality: card.timeCriticality,
    riskReduction: card.riskReduction,
    goalId: card.goalId,
    target: card.target,
    dueDate: card.dueDate,
    labels: [...card.labels],
    checklist: card.checklist.map(({ text, done }) => ({ text, done })),
    comments: readComments(doc, card.id).map(({ id, authorId, body, createdAt, editedAt }) => ({
      id,
      authorId,
      body,
      createdAt,
      editedAt,
    })),
  };
}
