import type { CardFieldsPatch, CardType, Impact } from "@converge/shared";
import { type BoardFileInput, boardFileSchema } from "./boardFile";
import { ImportInputError } from "./ImportInputError";
import {
  checkDescription,
  checkPlanSize,
  checkTitle,
  type ImportPlan,
  type PlanCard,
  type PlanGoal,
} from "./ImportPlan";
import { parseJson } from "./parseJson";

/** Reads a Converge board file (as `exportBoard` writes it) into an import plan, naming the first problems found. */
export function importBoardFile(text: string): ImportPlan {
  const file = parseJson(text, boardFileSchema, "board file");
  const laneIndex = indexIds(file.lanes, "lanes");
  const goalIndex = indexIds(file.goals, "goals");
  const lanes = file.lanes.map((lane, i) => ({
    title: checkTitle(lane.title, `lanes[${i}].title`),
    kind: lane.kind,
    wipLimit: lane.wipLimit,
  }));
  const goals = file.goals.map(
    (goal, i): PlanGoal => ({
      title: checkTitle(goal.title, `goals[${i}].title`),
      description: goal.description,
      archived: goal.archived,
    }),
  );
  const cardIndex = new Map<string, number>();
  const cards = file.cards.map((card, i): PlanCard => {
    const lane = laneIndex.get(card.laneId);
    if (lane === undefined) {
      throw new ImportInputError(
        "invalid_file",
        `cards[${i}].laneId: no lane in the file has id ${card.laneId}`,
      );
    }
    let goal: number | null = null;
    if (card.goalId !== null) {
      goal = goalIndex.get(card.goalId) ?? null;
      if (goal === null) {
        throw new ImportInputError(
          "invalid_file",
          `cards[${i}].goalId: no goal in the file has id ${card.goalId}`,
        );
      }
    }
    if (card.id !== undefined) cardIndex.set(card.id, i);
    return {
      where: `cards[${i}]`,
      lane,
      title: checkTitle(card.title, `cards[${i}].title`),
      description: checkDescription(card.description, `cards[${i}].description`),
      archived: card.archived,
      fields: fieldsOf(card),
      goal,
      checklist: card.checklist,
      comments: card.comments.map((comment) => comment.body),
    };
  });
  const evidence = file.evidence.map((piece, i) => ({
    quote: piece.quote,
    source: piece.source,
    customer: piece.customer,
    date: piece.date,
    cards: piece.cardIds.map((cardId, j) => {
      const index = cardIndex.get(cardId);
      if (index === undefined) {
        throw new ImportInputError(
          "invalid_file",
          `evidence[${i}].cardIds[${j}]: no card in the file has id ${cardId}`,
        );
      }
      return index;
    }),
  }));
  const settings = file.board?.settings;
  const teams = [
    ...new Set([
      ...(settings?.teams ?? []),
      ...cards.flatMap((card) => (typeof card.fields.team === "string" ? [card.fields.team] : [])),
    ]),
  ];
  return checkPlanSize({
    lanes,
    cards,
    goals,
    evidence,
    teams,
    ...(settings?.scoringModel
      ? { settings: { scoringModel: settings.scoringModel, voteBudget: settings.voteBudget } }
      : {}),
  });
}

function indexIds(items: readonly { id: string }[], what: string): Map<string, number> {
  const index = new Map<string, number>();
  items.forEach((item, i) => {
    if (index.has(item.id))
      throw new ImportInputError("invalid_file", `${what}[${i}].id: ${item.id} is used twice`);
    index.set(item.id, i);
  });
  return index;
}

type FileCard = BoardFileInput["cards"][number];

/** The card's planning fields that are set, as a patch for setCardFields (which checks each value). */
function fieldsOf(card: FileCard): Omit<CardFieldsPatch, "goalId"> {
  const patch: { -readonly [K in keyof Omit<CardFieldsPatch, "goalId">]: CardFieldsPatch[K] } = {};
  if (card.type !== null) patch.type = card.type as CardType;
  if (card.team !== null) patch.team = card.team;
  if (card.owner !== null) patch.owner = card.owner;
  if (card.estimate !== null) patch.estimate = card.estimate;
  if (card.reach !== null) patch.reach = card.reach;
  if (card.impact !== null) patch.impact = card.impact as Impact;
  if (card.confidence !== null) patch.confidence = card.confidence;
  if (card.effort !== null) patch.effort = card.effort;
  if (card.value !== null) patch.value = card.value;
  if (card.businessValue !== null) patch.businessValue = card.businessValue;
  if (card.timeCriticality !== null) patch.timeCriticality = card.timeCriticality;
  if (card.riskReduction !== null) patch.riskReduction = card.riskReduction;
  if (card.target !== null) patch.target = card.target;
  if (card.dueDate !== null) patch.dueDate = card.dueDate;
  if (card.labels.length > 0) patch.labels = card.labels;
  return patch;
}
