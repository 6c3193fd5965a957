import * as Y from "yjs";
import { BoardInputError } from "./errors";
import { ensureArray } from "./lookup";
import { getRoots } from "./schema";
import { SCORING_MODELS, type ScoringModel } from "./scoring";

/** The teams a board starts with; a board that never edited its teams reads these. */
export const DEFAULT_TEAMS = ["Engineering", "Design", "Marketing", "Support"] as const;
/** Longest team name, in characters. */
export const MAX_TEAM_NAME_LENGTH = 60;
/** Most teams one board lists. */
export const MAX_TEAMS = 50;
/** The scoring model of a board that never chose one. */
export const DEFAULT_SCORING_MODEL: ScoringModel = "rice";
/** Most votes a person may place in one dot-voting round. */
export const MAX_VOTE_BUDGET = 100;

/**
 * The board's team list in order (meta.teams, a Y.Array<string>): DEFAULT_TEAMS when the board never
 * stored one; invalid entries and duplicates (two people adding the same name at once) are skipped.
 */
export function readTeams(meta: Y.Map<unknown>): readonly string[] {
  const stored = meta.get("teams");
  if (!(stored instanceof Y.Array)) return DEFAULT_TEAMS;
  const teams = new Set<string>();
  for (const team of stored) if (isTeamName(team)) teams.add(team);
  return [...teams];
}

/** The board's scoring model (meta.scoringModel), DEFAULT_SCORING_MODEL when unset or unknown. */
export function readScoringModel(meta: Y.Map<unknown>): ScoringModel {
  const model = meta.get("scoringModel");
  return SCORING_MODELS.includes(model as ScoringModel) ? (model as ScoringModel) : DEFAULT_SCORING_MODEL;
}

/** The board's dot-voting budget per person (meta.voteBudget), or null when unset. */
export function readVoteBudget(meta: Y.Map<unknown>): number | null {
  const budget = meta.get("voteBudget");
  return isVoteBudget(budget) ? budget : null;
}

function isTeamName(value: unknown): value is string {
  return (
    typeof value === "string" &&
    value.trim() === value &&
    value.length > 0 &&
    value.length <= MAX_TEAM_NAME_LENGTH
  );
}

function isVoteBudget(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= MAX_VOTE_BUDGET;
}

function normaliseTeamName(name: string): string {
  const trimmed = name.replace(/\s+/g, " ").trim();
  if (!isTeamName(trimmed)) {
    throw new BoardInputError("team_name_invalid", `A team name is 1–${MAX_TEAM_NAME_LENGTH} characters.`);
  }
  return trimmed;
}

function sameName(a: string, b: string): boolean {
  return a.toLocaleLowerCase() === b.toLocaleLowerCase();
}

function teamsArray(doc: Y.Doc): Y.Array<string> {
  return ensureArray<string>(getRoots(doc).meta, "teams", DEFAULT_TEAMS);
}

function requireTeam(teams: readonly string[], name: string): void {
  if (!teams.includes(name))
    throw new BoardInputError("team_not_found", `There is no team ${name} on this board.`);
}

/** Stores the default team list and scoring model on a new board, so later edits never race to create them. */
export function seedBoardSettings(meta: Y.Map<unknown>): void {
  if (!(meta.get("teams") instanceof Y.Array)) meta.set("teams", Y.Array.from([...DEFAULT_TEAMS]));
  if (!meta.has("scoringModel")) meta.set("scoringModel", DEFAULT_SCORING_MODEL);
}

/** Adds a team at the end of the board's team list. */
export function addTeam(doc: Y.Doc, name: string, origin?: unknown): void {
  const team = normaliseTeamName(name);
  doc.transact(() => {
    const current = readTeams(getRoots(doc).meta);
    if (current.some((existing) => sameName(existing, team))) {
      throw new BoardInputError("team_exists", `There is already a team called ${team}.`);
    }
    if (current.length >= MAX_TEAMS) {
      throw new BoardInputError("too_many_teams", `A board lists at most ${MAX_TEAMS} teams.`);
    }
    teamsArray(doc).push([team]);
  }, origin);
}

/** Renames a team in place and moves every card of that team to the new name, in one transaction. */
export function renameTeam(doc: Y.Doc, from: string, to: string, origin?: unknown): void {
  const team = normaliseTeamName(to);
  doc.transact(() => {
    const { meta, cards } = getRoots(doc);
    const current = readTeams(meta);
    requireTeam(current, from);
    if (from === team) return;
    if (current.some((existing) => existing !== from && sameName(existing, team))) {
      throw new BoardInputError("team_exists", `There is already a team called ${team}.`);
    }
    const teams = teamsArray(doc);
    for (let i = teams.length - 1; i >= 0; i--) {
      if (teams.get(i) !== from) continue;
      teams.delete(i);
      teams.insert(i, [team]);
    }
    cards.forEach((card) => {
      if (card instanceof Y.Map && card.get("team") === from) card.set("team", team);
    });
  }, origin);
}

/** Removes a team from the list; its cards keep their work but lose the team. */
export function removeTeam(doc: Y.Doc, name: string, origin?: unknown): void {
  doc.transact(() => {
    const { meta, cards } = getRoots(doc);
    requireTeam(readTeams(meta), name);
    const teams = teamsArray(doc);
    for (let i = teams.length - 1; i >= 0; i--) if (teams.get(i) === name) teams.delete(i);
    cards.forEach((card) => {
      if (card instanceof Y.Map && card.get("team") === name) card.delete("team");
    });
  }, origin);
}

/** Chooses how the Priorities view scores cards: "rice", "value-effort" or "wsjf". */
export function setScoringModel(doc: Y.Doc, model: ScoringModel, origin?: unknown): void {
  if (!SCORING_MODELS.includes(model)) {
    throw new BoardInputError(
      "scoring_model_invalid",
      `The scoring model must be one of ${SCORING_MODELS.join(", ")}.`,
    );
  }
  doc.transact(() => getRoots(doc).meta.set("scoringModel", model), origin);
}

/** Sets or clears (null) how many dot votes each person gets per round (enforced by the server). */
export function setVoteBudget(doc: Y.Doc, budget: number | null, origin?: unknown): void {
  if (budget !== null && !isVoteBudget(budget)) {
    throw new BoardInputError(
      "vote_budget_invalid",
      `A vote budget is a whole number from 1 to ${MAX_VOTE_BUDGET}.`,
    );
  }
  doc.transact(() => {
    const { meta } = getRoots(doc);
    if (budget === null) meta.delete("voteBudget");
    else meta.set("voteBudget", budget);
  }, origin);
}
