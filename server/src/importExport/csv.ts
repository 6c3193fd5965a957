import type { CardFieldsPatch, CardType, Impact } from "@converge/shared";
import Papa from "papaparse";
import type { BoardFile } from "./boardFile";
import { ImportInputError } from "./ImportInputError";
import {
  checkDescription,
  checkPlanSize,
  checkTitle,
  type ImportPlan,
  type PlanCard,
  type PlanGoal,
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

/** Labels share one cell, joined by this (so a label cannot contain it). */
const LABEL_SEPARATOR = ";";

/** Cells that a spreadsheet would run as a formula; written with a leading `'`, which import strips again. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The board's cards as CSV (header row, one row per card, lanes and cards in display order, archived cards in place).
 * A lane without cards is written as a row with only its lane, so empty lanes travel too. Cells that start like a
 * formula (`=`, `+`, `-`, `@`) are prefixed with `'` so a spreadsheet shows them as text.
 */
export function exportCsv(file: BoardFile): string {
  const laneTitles = new Map(file.lanes.map((lane) => [lane.id, lane.title]));
  const goalTitles = new Map(file.goals.map((goal) => [goal.id, goal.title]));
  const text = (value: string | number | null): string => (value === null ? "" : String(value));
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
          type: text(card.type),
          team: text(card.team),
          owner: text(card.owner),
          estimate: text(card.estimate),
          reach: text(card.reach),
          impact: text(card.impact),
          confidence: text(card.confidence),
          effort: text(card.effort),
          value: text(card.value),
          goal: card.goalId === null ? "" : (goalTitles.get(card.goalId) ?? ""),
          target: text(card.target),
          labels: card.labels.join(LABEL_SEPARATOR),
          "due date": text(card.dueDate),
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
  const goals: PlanGoal[] = [];
  const goalIndex = new Map<string, number>();
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
    let goal: number | null = null;
    const goalTitle = get("goal").trim();
    if (goalTitle !== "") {
      const title = checkTitle(goalTitle, `${at}: goal`, "invalid_csv");
      goal = goalIndex.get(title.toLowerCase()) ?? null;
      if (goal === null) {
        goal = goals.length;
        goalIndex.set(title.toLowerCase(), goal);
        goals.push({ title, description: "", archived: false });
      }
    }
    cards.push({
      where: at,
      lane,
      title: checkTitle(get("title"), `${at}: title`, "invalid_csv"),
      description: checkDescription(get("description"), `${at}: description`, "invalid_csv"),
      archived: flag(get("archived"), `${at}: archived`),
      fields: fieldsOf(get, at),
      goal,
      checklist: [],
      comments: [],
    });
  });
  const teams = [
    ...new Set(cards.flatMap((card) => (typeof card.fields.team === "string" ? [card.fields.team] : []))),
  ];
  return checkPlanSize({ lanes, cards, goals, evidence: [], teams });
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

/** A row's planning fields as a setCardFields patch; shared/ checks each value in the dry run (naming the row). */
function fieldsOf(get: (column: CsvColumn) => string, at: string): Omit<CardFieldsPatch, "goalId"> {
  const patch: { -readonly [K in keyof Omit<CardFieldsPatch, "goalId">]: CardFieldsPatch[K] } = {};
  const textOf = (column: CsvColumn): string | undefined => {
    const value = get(column).trim();
    return value === "" ? undefined : value;
  };
  const numberOf = (column: CsvColumn): number | undefined => {
    const value = textOf(column);
    if (value === undefined) return undefined;
    const number = Number(value);
    if (!Number.isFinite(number)) {
      throw new ImportInputError("invalid_csv", `${at}: ${column} is "${value}"; expected a number`);
    }
    return number;
  };
  const type = textOf("type");
  if (type !== undefined) patch.type = type as CardType;
  const team = textOf("team");
  if (team !== undefined) patch.team = team;
  const owner = textOf("owner");
  if (owner !== undefined) patch.owner = owner;
  for (const column of ["estimate", "reach", "confidence", "effort", "value"] as const) {
    const value = numberOf(column);
    if (value !== undefined) patch[column] = value;
  }
  const impact = numberOf("impact");
  if (impact !== undefined) patch.impact = impact as Impact;
  const target = textOf("target");
  if (target !== undefined) patch.target = target;
  const dueDate = textOf("due date");
  if (dueDate !== undefined) patch.dueDate = dueDate;
  const labels = get("labels")
    .split(LABEL_SEPARATOR)
    .map((label) => label.trim())
    .filter((label) => label !== "");
  if (labels.length > 0) patch.labels = labels;
  return patch;
}
