import { LANE_KINDS, MAX_DESCRIPTION_LENGTH } from "@converge/shared";
import { z } from "zod";
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

/** A card in a board file: in display order within its lane (archived cards keep their place). */
export interface BoardFileCard {
  id: string;
  laneId: string;
  title: string;
  description: string;
  archived: boolean;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
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
  board: { id: string; title: string; settings: { [key: string]: Json } };
  lanes: BoardFileLane[];
  cards: BoardFileCard[];
}

// Titles are checked (after shared/'s whitespace normalisation) when the plan is built, for a precise message.
const title = z.string();
const id = z.string().min(1).max(200);

/** The zod schema an imported board file must match (generous on what it ignores, strict on what it adds). */
export const boardFileSchema = z.object({
  format: z.literal(BOARD_FILE_FORMAT),
  schemaVersion: z.number().int().min(1),
  board: z.object({ title: z.string() }).optional(),
  lanes: z
    .array(
      z.object({
        id,
        title,
        kind: z.enum(LANE_KINDS).default("active"),
        wipLimit: z.number().int().min(1).max(999).nullable().default(null),
      }),
    )
    .max(MAX_IMPORT_LANES),
  cards: z
    .array(
      z.object({
        laneId: id,
        title,
        description: z.string().max(MAX_DESCRIPTION_LENGTH).default(""),
        archived: z.boolean().default(false),
      }),
    )
    .max(MAX_IMPORT_CARDS),
});

/** A board file as validated for import. */
export type BoardFileInput = z.output<typeof boardFileSchema>;
