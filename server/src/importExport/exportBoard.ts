import { type Card, compareRanked, getRoots, readBoard, SCHEMA_VERSION } from "@converge/shared";
import type * as Y from "yjs";
import { BOARD_FILE_FORMAT, type BoardFile, type BoardFileCard, type Json } from "./boardFile";

/**
 * The board as a plain file: lanes left to right, then every card (archived ones too) lane by lane in display order.
 * A card whose lane was deleted is listed under the first lane, where the board shows it.
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
    for (const card of (byLane.get(lane.id) ?? []).sort(compareRanked)) cards.push(fileCard(card, lane.id));
  }
  return {
    format: BOARD_FILE_FORMAT,
    schemaVersion: board.schemaVersion || SCHEMA_VERSION,
    exportedAt: now.toISOString(),
    board: { id: boardId, title: board.title, settings: settingsOf(doc) },
    lanes: board.lanes.map(({ id, title, kind, wipLimit }) => ({ id, title, kind, wipLimit })),
    cards,
  };
}

function fileCard(card: Card, laneId: string): BoardFileCard {
  return {
    id: card.id,
    laneId,
    title: card.title,
    description: card.description,
    archived: card.archived,
    createdBy: card.createdBy,
    createdAt: card.createdAt,
    updatedAt: card.updatedAt,
  };
}

/** Board-level settings: whatever `meta` holds besides the title and schema version. */
function settingsOf(doc: Y.Doc): { [key: string]: Json } {
  const meta = getRoots(doc).meta.toJSON() as { [key: string]: Json };
  const { title: _title, schemaVersion: _version, ...settings } = meta;
  return settings;
}
