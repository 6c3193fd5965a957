import { boardFileSchema } from "./boardFile";
import { ImportInputError } from "./ImportInputError";
import { checkDescription, checkPlanSize, checkTitle, type ImportPlan, type PlanCard } from "./ImportPlan";
import { parseJson } from "./parseJson";

/** Reads a Converge board file (as `exportBoard` writes it) into an import plan, naming the first problems found. */
export function importBoardFile(text: string): ImportPlan {
  const file = parseJson(text, boardFileSchema, "board file");
  const laneIndex = new Map<string, number>();
  const lanes = file.lanes.map((lane, i) => {
    if (laneIndex.has(lane.id))
      throw new ImportInputError("invalid_file", `lanes[${i}].id: ${lane.id} is used twice`);
    laneIndex.set(lane.id, i);
    return { title: checkTitle(lane.title, `lanes[${i}].title`), kind: lane.kind, wipLimit: lane.wipLimit };
  });
  const cards = file.cards.map((card, i): PlanCard => {
    const lane = laneIndex.get(card.laneId);
    if (lane === undefined) {
      throw new ImportInputError(
        "invalid_file",
        `cards[${i}].laneId: no lane in the file has id ${card.laneId}`,
      );
    }
    return {
      lane,
      title: checkTitle(card.title, `cards[${i}].title`),
      description: checkDescription(card.description, `cards[${i}].description`),
      archived: card.archived,
    };
  });
  return checkPlanSize({ lanes, cards });
}
