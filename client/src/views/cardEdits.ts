import {
  BoardInputError,
  type CardFieldsPatch,
  rerankCards,
  type ScoringModel,
  setCardFields,
  setScoringModel,
} from "@converge/shared";
import type * as Y from "yjs";
import { UI_ORIGIN } from "../boardActions";

/** The outcome of an edit a view asked for: done, or refused with the operation's own words. */
export type EditResult = { readonly ok: true } | { readonly ok: false; readonly message: string };

const OK: EditResult = { ok: true };

function attempt(change: () => void): EditResult {
  try {
    change();
    return OK;
  } catch (error) {
    if (!(error instanceof BoardInputError)) throw error;
    return { ok: false, message: error.message };
  }
}

/** Writes a patch of planning fields with one setCardFields; a refused value writes nothing and returns its message. */
export function commitCardFields(doc: Y.Doc, cardId: string, patch: CardFieldsPatch): EditResult {
  return attempt(() => setCardFields(doc, cardId, patch, UI_ORIGIN));
}

/** Chooses the board's scoring model (a board setting everyone shares) with one setScoringModel. */
export function commitScoringModel(doc: Y.Doc, model: ScoringModel): EditResult {
  return attempt(() => setScoringModel(doc, model, UI_ORIGIN));
}

/**
 * Puts a lane's cards in `order` (the slots they hold now) with one rerankCards: one transaction, so one undo step
 * and one update for peers, who never see the lane half re-ranked. A refusal returns its message.
 */
export function applyLaneOrder(doc: Y.Doc, laneId: string, order: readonly string[]): EditResult {
  return attempt(() => rerankCards(doc, laneId, order, UI_ORIGIN));
}

/** One step of a reorder: put this card at this index (counted without the card itself, as moveCard does). */
export interface OrderMove {
  readonly cardId: string;
  readonly index: number;
}

/** The fewest front-to-back moveCard steps that turn `current` into `order` (same ids, another order). */
export function movesToOrder(current: readonly string[], order: readonly string[]): OrderMove[] {
  const working = [...current];
  const moves: OrderMove[] = [];
  order.forEach((cardId, index) => {
    if (working[index] === cardId) return;
    const from = working.indexOf(cardId);
    if (from < 0) return;
    working.splice(from, 1);
    working.splice(index, 0, cardId);
    moves.push({ cardId, index });
  });
  return moves;
}
