import type { Board } from "@converge/shared";
import type * as Y from "yjs";

/** A board member as the views show them (an owner, editor or viewer of the board). */
export interface ViewMember {
  readonly id: string;
  readonly name: string;
  readonly role: string;
}

/**
 * What every board view (Board, Roadmap, Priorities, Matrix, Insights) receives from the board page.
 * Views read `board` (plain readonly data, renewed per document update) and write through the named
 * operations in @converge/shared on `doc`; they never keep a second copy of the board.
 */
export interface ViewProps {
  /** The board's live document: pass it to shared operations (setCardFields, moveCard, …). */
  readonly doc: Y.Doc;
  readonly boardId: string;
  /** The whole board as read by readBoard, unfiltered. */
  readonly board: Board;
  /** Ids of the cards that pass the shared filter bar; a view shows only these (all live cards when no filter). */
  readonly visibleCardIds: ReadonlySet<string>;
  /** True for viewers (or while access is unknown): show everything, change nothing. */
  readonly readOnly: boolean;
  /** The signed-in person, for authorship (comments, votes). */
  readonly me: { readonly id: string; readonly name: string };
  /** The board's members, for owner pickers and @mentions. */
  readonly members: readonly ViewMember[];
  /** Opens the card details dialog for a card. */
  onOpenCard(cardId: string): void;
}
