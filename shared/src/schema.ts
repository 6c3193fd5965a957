import type * as Y from "yjs";
import type { CardFields } from "./cardFields";
import type { ChecklistItem } from "./checklist";
import type { Evidence } from "./evidence";
import type { Goal } from "./goals";
import type { ScoringModel } from "./scoring";
import type { EstimateSpread } from "./voting";

/**
 * The document schema version this code reads and writes (DESIGN §4). Still 1: the planning fields,
 * board settings, goals, evidence and comments only add optional keys to maps the v1 contract already
 * names (every reader defaults them when absent), so a v1 document needs no migration.
 */
export const SCHEMA_VERSION = 1;

/** Names of the board document's root types: a public contract that importers and bots rely on. */
export const ROOT = {
  meta: "meta",
  lanes: "lanes",
  cards: "cards",
  goals: "goals",
  feedback: "feedback",
  comments: "comments",
  session: "session",
  decisions: "decisions",
} as const;

/** The kinds of lane a board can have; `backlog` and `done` let views tell open work from finished work. */
export const LANE_KINDS = ["backlog", "active", "done"] as const;
/** One of LANE_KINDS. */
export type LaneKind = (typeof LANE_KINDS)[number];

/** Longest title of a board, lane or card, in characters. */
export const MAX_TITLE_LENGTH = 500;
/** Longest card description, in characters. */
export const MAX_DESCRIPTION_LENGTH = 20_000;

/** A Y.Map holding one lane or card; its values are primitives or Y types. */
export type ItemMap = Y.Map<unknown>;

/** The typed root types of one board document. */
export interface BoardRoots {
  meta: Y.Map<unknown>;
  lanes: Y.Map<ItemMap>;
  cards: Y.Map<ItemMap>;
  goals: Y.Map<ItemMap>;
  feedback: Y.Map<ItemMap>;
  comments: Y.Map<Y.Array<unknown>>;
  session: Y.Map<unknown>;
  decisions: Y.Array<unknown>;
}

/** Returns the board's root types, defining them locally so they read consistently on every peer. */
export function getRoots(doc: Y.Doc): BoardRoots {
  return {
    meta: doc.getMap(ROOT.meta),
    lanes: doc.getMap<ItemMap>(ROOT.lanes),
    cards: doc.getMap<ItemMap>(ROOT.cards),
    goals: doc.getMap<ItemMap>(ROOT.goals),
    feedback: doc.getMap<ItemMap>(ROOT.feedback),
    comments: doc.getMap<Y.Array<unknown>>(ROOT.comments),
    session: doc.getMap(ROOT.session),
    decisions: doc.getArray(ROOT.decisions),
  };
}

/** A lane as the views read it: plain, readonly, with its cards in display order. */
export interface Lane {
  readonly id: string;
  readonly title: string;
  readonly rank: string;
  readonly kind: LaneKind;
  readonly wipLimit: number | null;
  /** Ids of the lane's live (not archived) cards, in display order. */
  readonly cardIds: readonly string[];
}

/**
 * A card's planning fields as read: each scalar is null when unset (or holds a value no valid write
 * could produce), labels are [] when none.
 */
export type CardPlanning = { readonly [K in Exclude<keyof CardFields, "labels">]: CardFields[K] | null } & {
  readonly labels: readonly string[];
};

/** A card as the views read it: plain and readonly. */
export interface Card extends CardPlanning {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** The lane the card shows in: its stored lane, or the first lane when that lane was deleted concurrently. */
  readonly laneId: string;
  readonly rank: string;
  readonly createdBy: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly archived: boolean;
  /** The checklist in display order. */
  readonly checklist: readonly ChecklistItem[];
  /** Pieces of customer evidence linked to the card. */
  readonly evidenceCount: number;
  /** Distinct named customers among the linked evidence (feeds RICE reach, see effectiveReach). */
  readonly evidenceCustomerCount: number;
  /** Dots the card got in the last revealed dot-voting round (DESIGN §5), or null. */
  readonly votes: number | null;
  /** The spread of estimates from the last revealed planning-poker round, or null. */
  readonly estimateSpread: EstimateSpread | null;
}

/** The whole board as plain readonly data, the one thing React renders from. */
export interface Board {
  readonly title: string;
  readonly schemaVersion: number;
  readonly lanes: readonly Lane[];
  readonly cards: ReadonlyMap<string, Card>;
  /** Archived cards, most recently changed first. */
  readonly archived: readonly Card[];
  /** Live cards with no lane to show in: only when every lane was deleted concurrently. Views offer to restore them. */
  readonly unplaced: readonly Card[];
  /** The board's team list (meta.teams), in order. */
  readonly teams: readonly string[];
  /** How the Priorities view scores cards (meta.scoringModel). */
  readonly scoringModel: ScoringModel;
  /** Dot votes per person per round (meta.voteBudget), or null when unset. */
  readonly voteBudget: number | null;
  /** Product goals in order, archived ones included (views may hide them). */
  readonly goals: readonly Goal[];
  /** Customer evidence, newest first. */
  readonly evidence: readonly Evidence[];
}
