import Papa from "papaparse";
import type { BoardFile } from "./boardFile";
import { ImportInputError } from "./ImportInputError";
import {
  checkDescription,
  checkPlanSize,
  checkTitle,
  type ImportPlan,
  type PlanCard,
  type PlanLane,
} from "./ImportPlan";

/** The CSV columns, in order: one row per card. */
export const CSV_COLUMNS = [
  "lane",
  "title",
  "description",
  "type",
  "team",
  "owner",
  "estimate",
  "reach",
  "impact",
  "confidence",
  "effort",
  "value",
  "goal",
  "target",
  "labels",
  "due date",
  "archived",
] as const;

/** One CSV column name. */
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Cells that a spreadsheet would run as a formula; written with a leading `'`, which import strips again. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The board's cards as CSV (header row, one row per card, lanes and cards in display order, archived cards in place).
 * A lane without cards is written as a row with only its lane, so empty lanes travel too. Cells that start like a
 * formula (`=`, `+`, `-`, `@`) are prefixed with `'` so a spreadsheet shows them as text.
 */
export function exportCsv(file: BoardFile): string {
  const laneTitles = new Map(file.lanes.map((lane) => [lane.id, lane.title]));
  const rows: string[][] = [];
  const lanesWithCards = new Set(file.cards.map((card) => card.laneId));
  for (const lane of file.lanes) {
    if (!lanesWithCards.has(lane.id)) rows.push(row({ lane: lane.title }));
    for (const card of file.cards) {
      if (card.laneId !== lane.id) continue;
      rows.push(
        row({
          lane: laneTitles.get(card.laneId) ?? "",
          title: card.title,
          description: card.description,
          archived: card.archived ? "true" : "false",
        }),
      );
    }
  }
  return Papa.unparse(
    { fields: [...CSV_COLUMNS], data: rows },
    { escapeFormulae: FORMULA_START, newline: "\r\n" },
  );
}

function row(cells: Partial<Record<CsvColumn, string>>): string[] {
  return CSV_COLUMNS.map((column) => cells[column] ?? "");
}

/** Undoes exportCsv's formula guard. */
function cell(value: string | undefined): string {
  if (value === undefined) return "";
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

const TRUE = new Set(["true", "yes", "1", "y", "x"]);
const FALSE = new Set(["false", "no", "0", "n", ""]);

/**
 * Reads a CSV with a header row naming some of CSV_COLUMNS (`lane` and `title` required, any order, case-insensitive)
 * into an import plan. Rows are numbered as a spreadsheet shows them (the header is row 1).
 */
export function importCsv(text: string): ImportPlan {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), {
    header: false,
    skipEmptyLines: "greedy",
    delimiter: ",",
  });
  const syntax = parsed.errors[0];
  if (syntax) {
    const where = syntax.row === undefined ? "" : `row ${syntax.row + 1}: `;
    throw new ImportInputError("invalid_csv", `${where}${syntax.message}`);
  }
  const [header, ...records] = parsed.data;
  if (!header)
    throw new ImportInputError("invalid_csv", "The CSV is empty; its first row must name the columns.");
  const columns = readHeader(header);
  const lanes: PlanLane[] = [];
  const laneIndex = new Map<string, number>();
  const cards: PlanCard[] = [];
  records.forEach((record, i) => {
    const at = `row ${i + 2}`;
    if (record.length !== header.length) {
      throw new ImportInputError(
        "invalid_csv",
        `${at}: has ${record.length} fields; the header has ${header.length}`,
      );
    }
    const get = (column: CsvColumn): string => {
      const index = columns.get(column);
      return index === undefined ? "" : cell(record[index]);
    };
    const laneTitle = checkTitle(get("lane"), `${at}: lane`, "invalid_csv");
    let lane = laneIndex.get(laneTitle);
    if (lane === undefined) {
      lane = lanes.length;
      laneIndex.set(laneTitle, lane);
      lanes.push({ title: laneTitle, kind: "active", wipLimit: null });
    }
    const rest = CSV_COLUMNS.filter((column) => column !== "lane").map(get);
    if (rest.every((value) => value.trim() === "")) return; // Declares an empty lane.
    cards.push({
      lane,
      title: checkTitle(get("title"), `${at}: title`, "invalid_csv"),
      description: checkDescription(get("description"), `${at}: description`, "invalid_csv"),
      archived: flag(get("archived"), `${at}: archived`),
    });
  });
  return checkPlanSize({ lanes, cards });
}

function readHeader(header: readonly string[]): Map<CsvColumn, number> {
  const known = new Set<string>(CSV_COLUMNS);
  const columns = new Map<CsvColumn, number>();
  header.forEach((raw, index) => {
    const name = raw.trim().toLowerCase();
    if (!known.has(name)) {
      throw new ImportInputError(
        "invalid_csv",
        `row 1: unknown column "${raw}"; the columns are ${CSV_COLUMNS.join(", ")}`,
      );
    }
    if (columns.has(name as CsvColumn)) {
      throw new ImportInputError("invalid_csv", `row 1: column "${name}" appears twice`);
    }
    columns.set(name as CsvColumn, index);
  });
  for (const required of ["lane", "title"] as const) {
    if (!columns.has(required)) {
      throw new ImportInputError("invalid_csv", `row 1: the header has no "${required}" column`);
    }
  }
  return columns;
}

function flag(value: string, where: string): boolean {
  const normal = value.trim().toLowerCase();
  if (TRUE.has(normal)) return true;
  if (FALSE.has(normal)) return false;
  throw new ImportInputError("invalid_csv", `${where} is "${value}"; expected true or false`);
}
