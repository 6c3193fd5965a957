import * as Y from "yjs";
import { BoardInputError } from "./errors";
import { newId } from "./ids";
import { spliceText } from "./lookup";
import { compareRanked, placeAt, type Ranked, rankAfterLast } from "./rank";
import { getRoots, type ItemMap, MAX_DESCRIPTION_LENGTH } from "./schema";
import { normaliseTitle } from "./text";

/** A product goal (the `goals` root) as the views read it, with the live cards aligned to it. */
export interface Goal {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly rank: string;
  readonly archived: boolean;
  readonly createdBy: string;
  readonly createdAt: number;
  /** Live cards whose goalId is this goal, in board order (lane by lane). */
  readonly cardIds: readonly string[];
}

/** A goal's own fields, before the aligned cards are gathered. */
export type GoalFields = Omit<Goal, "cardIds">;

/** Reads a goal's own fields defensively (unknown values read as defaults, never throws). */
export function readGoalFields(id: string, map: ItemMap): GoalFields {
  const title = map.get("title");
  const description = map.get("description");
  const rank = map.get("rank");
  const createdBy = map.get("createdBy");
  const createdAt = map.get("createdAt");
  return {
    id,
    title: typeof title === "string" ? title : "",
    description: description instanceof Y.Text ? description.toString() : "",
    rank: typeof rank === "string" ? rank : "",
    archived: map.get("archived") === true,
    createdBy: typeof createdBy === "string" ? createdBy : "",
    createdAt: typeof createdAt === "number" && Number.isFinite(createdAt) ? createdAt : 0,
  };
}

function goalsInOrder(doc: Y.Doc): Ranked[] {
  const ranked: Ranked[] = [];
  getRoots(doc).goals.forEach((goal, id) => {
    const rank = goal instanceof Y.Map ? goal.get("rank") : "";
    ranked.push({ id, rank: typeof rank === "string" ? rank : "" });
  });
  return ranked.sort(compareRanked);
}

function requireGoal(doc: Y.Doc, goalId: string): ItemMap {
  const goal = getRoots(doc).goals.get(goalId);
  if (!(goal instanceof Y.Map))
    throw new BoardInputError("goal_not_found", `There is no goal ${goalId} on this board.`);
  return goal;
}

function checkDescription(description: string): void {
  if (description.length > MAX_DESCRIPTION_LENGTH) {
    throw new BoardInputError(
      "description_too_long",
      `A description is at most ${MAX_DESCRIPTION_LENGTH} characters.`,
    );
  }
}

/** Adds a goal after the existing ones and returns its id. */
export function createGoal(
  doc: Y.Doc,
  { title, description = "", by }: { title: string; description?: string; by: string },
  origin?: unknown,
): string {
  const goalTitle = normaliseTitle(title, "goal title");
  checkDescription(description);
  const id = newId();
  doc.transact(() => {
    getRoots(doc).goals.set(
      id,
      new Y.Map<unknown>([
        ["id", id],
        ["title", goalTitle],
        ["description", new Y.Text(description)],
        ["rank", rankAfterLast(goalsInOrder(doc))],
        ["archived", false],
        ["createdBy", by],
        ["createdAt", Date.now()],
      ]),
    );
  }, origin);
  return id;
}

/** Renames a goal. */
export function renameGoal(doc: Y.Doc, goalId: string, title: string, origin?: unknown): void {
  const goalTitle = normaliseTitle(title, "goal title");
  doc.transact(() => {
    const goal = requireGoal(doc, goalId);
    if (goal.get("title") !== goalTitle) goal.set("title", goalTitle);
  }, origin);
}

/** Makes a goal's description read `value`, changing only the span that differs (like a card's). */
export function setGoalDescription(doc: Y.Doc, goalId: string, value: string, origin?: unknown): void {
  checkDescription(value);
  doc.transact(() => {
    spliceText(requireGoal(doc, goalId), "description", value);
  }, origin);
}

/** Moves a goal to position `index` among the goals (0 = first). */
export function moveGoal(doc: Y.Doc, goalId: string, index: number, origin?: unknown): void {
  doc.transact(() => {
    const goal = requireGoal(doc, goalId);
    const { rank, respaced } = placeAt(goalsInOrder(doc), index, goalId);
    const { goals } = getRoots(doc);
    for (const [id, otherRank] of respaced) goals.get(id)?.set("rank", otherRank);
    goal.set("rank", rank);
  }, origin);
}

/**
 * Archives a goal (or restores it with `archived = false`). Goals are never deleted, so a card's
 * goalId always names a goal; an archived goal keeps its cards but takes no new ones.
 */
export function archiveGoal(doc: Y.Doc, goalId: string, archived = true, origin?: unknown): void {
  doc.transact(() => {
    const goal = requireGoal(doc, goalId);
    if (goal.get("archived") !== archived) goal.set("archived", archived);
  }, origin);
}
