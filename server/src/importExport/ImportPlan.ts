import {
  BoardInputError,
  type CardFieldsPatch,
  type EvidenceSource,
  type LaneKind,
  MAX_DESCRIPTION_LENGTH,
  MAX_TITLE_LENGTH,
  normaliseTitle,
  type ScoringModel,
} from "@converge/shared";
import { ImportInputError } from "./ImportInputError";
import { MAX_IMPORT_CARDS, MAX_IMPORT_LANES } from "./limits";

/** A lane to add (or to match by title on the target board). */
export interface PlanLane {
  readonly title: string;
  readonly kind: LaneKind;
  readonly wipLimit: number | null;
}

/** A goal to add (or to match by title among the board's goals). */
export interface PlanGoal {
  readonly title: string;
  readonly description: string;
  readonly archived: boolean;
}

/** A card to add, in display order within its lane. */
export interface PlanCard {
  /** Where the card is in the file, for messages: "cards[3]", "row 7". */
  readonly where: string;
  /** Index into `ImportPlan.lanes`. */
  readonly lane: number;
  readonly title: string;
  readonly description: string;
  readonly archived: boolean;
  /** Planning fields (checked by shared/'s setCardFields in the dry run); the goal is `goal`, not `goalId`. */
  readonly fields: Omit<CardFieldsPatch, "goalId">;
  /** Index into `ImportPlan.goals`, or null. */
  readonly goal: number | null;
  readonly checklist: readonly { readonly text: string; readonly done: boolean }[];
  /** Comment bodies, oldest first (they are re-authored by the person importing). */
  readonly comments: readonly string[];
}

/** A piece of customer evidence to add, linked to plan cards. */
export interface PlanEvidence {
  readonly quote: string;
  readonly source: EvidenceSource;
  readonly customer: string;
  readonly date: string | null;
  /** Indexes into `ImportPlan.cards`. */
  readonly cards: readonly number[];
}

/**
 * What an import adds to a board, whatever file it came from: validated plain data, applied through shared operations
 * only once every part of it has been checked (so a bad file leaves the board untouched).
 */
export interface ImportPlan {
  readonly lanes: readonly PlanLane[];
  readonly cards: readonly PlanCard[];
  readonly goals: readonly PlanGoal[];
  readonly evidence: readonly PlanEvidence[];
  /** Teams the cards need; those the board lacks are added to its team list. */
  readonly teams: readonly string[];
  /** Board settings the file carries (a board file's), applied when present. */
  readonly settings?: { readonly scoringModel: ScoringModel; readonly voteBudget: number | null };
}

/** A card with no planning data beyond its title, description and archived state. */
export function plainCard(
  card: Pick<PlanCard, "where" | "lane" | "title" | "description" | "archived">,
): PlanCard {
  return { ...card, fields: {}, goal: null, checklist: [], comments: [] };
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
