import {
  CARD_TYPES,
  type CardPlanning,
  EVIDENCE_SOURCES,
  LANE_KINDS,
  MAX_CHECKLIST_ITEMS,
  MAX_DESCRIPTION_LENGTH,
  MAX_LABELS,
  SCORING_MODELS,
  type ScoringModel,
} from "@converge/shared";
import * as z from "zod";
import { MAX_IMPORT_CARDS, MAX_IMPORT_LANES } from "./limits";

/** The `format` tag of a Converge board file. */
export const BOARD_FILE_FORMAT = "converge.board";

/** Any JSON value. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** A lane in a board file, in display order. */
export interface BoardFileLane {
  id: string;
  title: string;
  kind: (typeof LANE_KINDS)[number];
  wipLimit: number | null;
}

/** A comment in a board file, oldest first. */
export interface BoardFileComment {
  id: string;
  authorId: string;
  body: string;
  createdAt: number;
  editedAt: number | null;
}

/** A card in a board file: in display order within its lane (archived cards keep their place). */
export type BoardFileCard = {
  id: string;
  laneId: string;
  title: string;
  description: string;
  archived: boolean;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  checklist: { text: string; done: boolean }[];
  comments: BoardFileComment[];
} & { -readonly [K in keyof CardPlanning]: K extends "labels" ? string[] : CardPlanning[K] };

/** A product goal in a board file, in order. */
export interface BoardFileGoal {
  id: string;
  title: string;
  description: string;
  archived: boolean;
  createdBy: string;
  createdAt: number;
}

/** A piece of customer evidence in a board file. */
export interface BoardFileEvidence {
  id: string;
  quote: string;
  source: (typeof EVIDENCE_SOURCES)[number];
  customer: string;
  date: string | null;
  cardIds: string[];
  createdBy: string;
  createdAt: number;
}

/**
 * A whole board as plain data (`GET /export?format=json`), and what `POST /import?format=json` reads back. Ids and
 * timestamps are the source board's; an import gives everything new ids and times.
 */
export interface BoardFile {
  format: typeof BOARD_FILE_FORMAT;
  /** The board document's schema version (DESIGN §4) the file was written from. */
  schemaVersion: number;
  exportedAt: string;
  board: {
    id: string;
    title: string;
    settings: { teams: string[]; scoringModel: ScoringModel; voteBudget: number | null };
  };
  lanes: BoardFileLane[];
  cards: BoardFileCard[];
  goals: BoardFileGoal[];
  evidence: BoardFileEvidence[];
  /** The decision log as stored (exported for the record; import does not replay it). */
  decisions: Json[];
}

// Titles and field values are checked when the plan is built and by shared/'s operations in the dry run, which
// give the precise message; the schema checks shapes and bounds sizes.
const id = z.string().min(1).max(200);
const text = z.string();
const optionalNumber = z.number().nullable().default(null);
const optionalString = z.string().nullable().default(null);

const cardSchema = z.object({
  id: id.optional(),
  laneId: id,
  title: text,
  description: z.string().max(MAX_DESCRIPTION_LENGTH).default(""),
  archived: z.boolean().default(false),
  type: z.enum(CARD_TYPES).nullable().default(null),
  team: optionalString,
  owner: optionalString,
  estimate: optionalNumber,
  reach: optionalNumber,
  impact: optionalNumber,
  confidence: optionalNumber,
  effort: optionalNumber,
  value: optionalNumber,
  businessValue: optionalNumber,
  timeCriticality: optionalNumber,
  riskReduction: optionalNumber,
  goalId: optionalString,
  target: optionalString,
  dueDate: optionalString,
  labels: z.array(z.string()).max(MAX_LABELS).default([]),
  checklist: z
    .array(z.object({ text, done: z.boolean().default(false) }))
    .max(MAX_CHECKLIST_ITEMS)
    .default([]),
  comments: z
    .array(z.object({ body: text }))
    .max(1_000)
    .default([]),
});

/** The zod schema an imported board file must match (generous on what it ignores, strict on what it adds). */
export const boardFileSchema = z.object({
  format: z.literal(BOARD_FILE_FORMAT),
  schemaVersion: z.number().int().min(1),
  board: z
    .object({
      title: z.string().optional(),
      settings: z
        .object({
          teams: z.array(z.string()).max(50).default([]),
          scoringModel: z.enum(SCORING_MODELS).optional(),
          voteBudget: z.number().nullable().default(null),
        })
        .optional(),
    })
    .optional(),
  lanes: z
    .array(
      z.object({
        id,
        title: text,
        kind: z.enum(LANE_KINDS).default("active"),
        wipLimit: z.number().int().min(1).max(999).nullable().default(null),
      }),
    )
    .max(MAX_IMPORT_LANES),
  cards: z.array(cardSchema).max(MAX_IMPORT_CARDS),
  goals: z
    .array(
      z.object({
        id,
        title: text,
        description: z.string().max(MAX_DESCRIPTION_LENGTH).default(""),
        archived: z.boolean().default(false),
      }),
    )
    .max(500)
    .default([]),
  evidence: z
    .array(
      z.object({
        quote: text,
        source: z.enum(EVIDENCE_SOURCES),
        customer: z.string().default(""),
        date: optionalString,
        cardIds: z.array(id).max(MAX_IMPORT_CARDS).default([]),
      }),
    )
    .max(10_000)
    .default([]),
});

/** A board file as validated for import. */
export type BoardFileInput = z.output<typeof boardFileSchema>;
