import {
  BoardInputError,
  type LaneKind,
  MAX_DESCRIPTION_LENGTH,
  MAX_TITLE_LENGTH,
  normaliseTitle,
} from "@converge/shared";
import { ImportInputError } from "./ImportInputError";
import { MAX_IMPORT_CARDS, MAX_IMPORT_LANES } from "./limits";

/** A lane to add (or to match by title on the target board). */
export interface PlanLane {
  readonly title: string;
  readonly kind: LaneKind;
  readonly wipLimit: number | null;
}

/** A card to add, in display order within its lane. */
export interface PlanCard {
  /** Index into `ImportPlan.lanes`. */
  readonly lane: number;
  readonly title: string;
  readonly description: string;
  readonly archived: boolean;
}

/**
 * What an import adds to a board, whatever file it came from: validated plain data, applied through shared operations
 * only once every part of it has been checked (so a bad file leaves the board untouched).
 */
export interface ImportPlan {
  readonly lanes: readonly PlanLane[];
  readonly cards: readonly PlanCard[];
}

/** The title as shared/ will store it, or an ImportInputError naming `where` ("cards[3].title", "row 7: title"). */
export function checkTitle(raw: string, where: string, code = "invalid_file"): string {
  try {
    return normaliseTitle(raw);
  } catch (error) {
    if (!(error instanceof BoardInputError)) throw error;
    const problem =
      error.code === "title_empty" ? "is empty" : `is longer than ${MAX_TITLE_LENGTH} characters`;
    throw new ImportInputError(code, `${where} ${problem}`);
  }
}

/** Throws unless `description` fits a card. */
export function checkDescription(description: string, where: string, code = "invalid_file"): string {
  if (description.length > MAX_DESCRIPTION_LENGTH) {
    throw new ImportInputError(code, `${where} is longer than ${MAX_DESCRIPTION_LENGTH} characters`);
  }
  return description;
}

/** Throws unless the plan's totals are within the import limits. */
export function checkPlanSize(plan: ImportPlan): ImportPlan {
  if (plan.cards.length > MAX_IMPORT_CARDS) {
    throw new ImportInputError(
      "too_many_cards",
      `The file has ${plan.cards.length} cards; one import adds at most ${MAX_IMPORT_CARDS}.`,
    );
  }
  if (plan.lanes.length > MAX_IMPORT_LANES) {
    throw new ImportInputError(
      "too_many_lanes",
      `The file has ${plan.lanes.length} lanes; one import adds at most ${MAX_IMPORT_LANES}.`,
    );
  }
  return plan;
}
