import {
  archiveCard,
  BoardInputError,
  type CardFieldsPatch,
  createCard,
  createLane,
  deleteLane,
  moveCard,
  moveLane,
  renameBoard,
  renameCard,
  renameLane,
  restoreCard,
  setCardDescription,
  setCardFields,
  setLaneWipLimit,
} from "@converge/shared";
import type * as Y from "yjs";
import type { Move } from "./dragToMove";

/** The transaction origin of every edit made through this UI. */
export const UI_ORIGIN = "converge-ui";

/** The intent callbacks views call; each runs one named shared operation (one transaction). */
export interface BoardActions {
  addCard(laneId: string, title: string): void;
  renameCard(cardId: string, title: string): void;
  setDescription(cardId: string, value: string): void;
  archiveCard(cardId: string): void;
  restoreCard(cardId: string): void;
  /** Commits a drag; `fields` (a swimlane drop's team or goal) are set in the same transaction as the move. */
  applyMove(move: Move, fields?: CardFieldsPatch): void;
  addLane(title: string): void;
  renameLane(laneId: string, title: string): void;
  deleteLane(laneId: string): void;
  setWipLimit(laneId: string, limit: number | null): void;
  renameBoard(title: string): void;
  /** Sets planning fields (e.g. the team a card was dragged to in swimlanes). */
  setCardFields(cardId: string, patch: CardFieldsPatch): void;
}

/**
 * Binds the shared operations to one document and author. Input the operation refuses (an empty
 * title, a card deleted meanwhile) is reported through `onRejected` and changes nothing.
 */
export function createBoardActions(
  doc: Y.Doc,
  userId: string,
  onRejected: (message: string) => void,
): BoardActions {
  const run = (change: () => void) => {
    try {
      change();
    } catch (error) {
      if (!(error instanceof BoardInputError)) throw error;
      onRejected(error.message);
    }
  };
  return {
    addCard: (laneId, title) => run(() => createCard(doc, { laneId, title, by: userId }, UI_ORIGIN)),
    renameCard: (cardId, title) => run(() => renameCard(doc, cardId, title, UI_ORIGIN)),
    setDescription: (cardId, value) => run(() => setCardDescription(doc, cardId, value, UI_ORIGIN)),
    archiveCard: (cardId) => run(() => archiveCard(doc, cardId, UI_ORIGIN)),
    restoreCard: (cardId) => run(() => restoreCard(doc, cardId, UI_ORIGIN)),
    applyMove: (move, fields) =>
      run(() =>
        move.kind === "card"
          ? moveCard(
              doc,
              { cardId: move.cardId, laneId: move.laneId, index: move.index, by: userId, fields },
              UI_ORIGIN,
            )
          : moveLane(doc, move.laneId, move.index, UI_ORIGIN),
      ),
    addLane: (title) => run(() => createLane(doc, { title }, UI_ORIGIN)),
    renameLane: (laneId, title) => run(() => renameLane(doc, laneId, title, UI_ORIGIN)),
    deleteLane: (laneId) => run(() => deleteLane(doc, laneId, {}, UI_ORIGIN)),
    setWipLimit: (laneId, limit) => run(() => setLaneWipLimit(doc, laneId, limit, UI_ORIGIN)),
    renameBoard: (title) => run(() => renameBoard(doc, title, UI_ORIGIN)),
    setCardFields: (cardId, patch) => run(() => setCardFields(doc, cardId, patch, UI_ORIGIN)),
  };
}

/** Actions for someone who may only view the board: each one changes nothing and says why. */
export function readOnlyActions(onRejected: (message: string) => void): BoardActions {
  const refuse = () => onRejected("You can only view this board.");
  return {
    addCard: refuse,
    renameCard: refuse,
    setDescription: refuse,
    archiveCard: refuse,
    restoreCard: refuse,
    applyMove: refuse,
    addLane: refuse,
    renameLane: refuse,
    deleteLane: refuse,
    setWipLimit: refuse,
    renameBoard: refuse,
    setCardFields: refuse,
  };
}
