import { MAX_LABEL_LENGTH } from "@converge/shared";
import * as z from "zod";
import {
  checkDescription,
  checkPlanSize,
  checkTitle,
  type ImportPlan,
  type PlanCard,
  type PlanLane,
} from "./ImportPlan";
import { parseJson } from "./parseJson";

const id = z.string().min(1).max(100);
const pos = z.number();

/** The parts of a Trello board export (Board menu → Print, export and share → Export as JSON) an import reads. */
const trelloSchema = z.object({
  lists: z.array(z.object({ id, name: z.string(), closed: z.boolean().default(false), pos })),
  cards: z.array(
    z.object({
      id,
      name: z.string(),
      desc: z.string().default(""),
      idList: id,
      closed: z.boolean().default(false),
      pos,
      due: z.string().nullable().default(null),
      idLabels: z.array(id).default([]),
    }),
  ),
  labels: z
    .array(z.object({ id, name: z.string().default(""), color: z.string().nullable().default(null) }))
    .default([]),
  checklists: z
    .array(
      z.object({
        id,
        idCard: id,
        name: z.string().default(""),
        pos,
        checkItems: z
          .array(z.object({ name: z.string(), state: z.enum(["complete", "incomplete"]), pos }))
          .default([]),
      }),
    )
    .default([]),
  actions: z
    .array(
      z.object({
        type: z.string(),
        date: z.string().default(""),
        data: z.object({ text: z.string().optional(), card: z.object({ id }).optional() }).default({}),
        memberCreator: z.object({ fullName: z.string().default("") }).optional(),
      }),
    )
    .default([]),
});

type TrelloBoard = z.output<typeof trelloSchema>;

/** Trello order: by `pos`, ties by id (as Trello itself shows them). */
function byPos<T extends { pos: number; id?: string }>(a: T, b: T): number {
  return a.pos - b.pos || ((a.id ?? "") < (b.id ?? "") ? -1 : (a.id ?? "") > (b.id ?? "") ? 1 : 0);
}

/**
 * Reads a real Trello board export into an import plan:
 * - open lists in `pos` order become lanes (kind "active"); archived (`closed`) lists, archived cards and the cards of
 *   archived lists are left out, as Trello's board view leaves them out;
 * - open cards, in `pos` order within their list: `name` → title, `desc` → description, `due` → due date (its UTC
 *   day), label names → labels (a colour-only label is named by its colour; names cut to the label length limit);
 * - a card's checklists in `pos` order become its one checklist, items in `pos` order with their complete state
 *   (when a card has several checklists, each item is prefixed "Checklist name: ");
 * - `commentCard` actions become comments, oldest first, prefixed with their author's name and day (the import's
 *   comments are authored by the person importing). Trello exports only the latest 1,000 actions.
 * The board's own name, members, attachments, custom fields and power-ups are not imported.
 */
export function importTrello(text: string): ImportPlan {
  const board = parseJson(text, trelloSchema, "Trello export");
  const openLists = board.lists.filter((list) => !list.closed).sort(byPos);
  const laneOf = new Map<string, number>();
  const lanes: PlanLane[] = openLists.map((list) => {
    const where = `lists[${board.lists.indexOf(list)}].name`;
    laneOf.set(list.id, laneOf.size);
    return { title: checkTitle(list.name, where), kind: "active", wipLimit: null };
  });
  const labelNames = new Map(board.labels.map((label) => [label.id, labelName(label)]));
  const checklists = checklistsByCard(board);
  const comments = commentsByCard(board);
  const cards: PlanCard[] = board.cards
    .map((card, index) => ({ card, index }))
    .filter(({ card }) => !card.closed && laneOf.has(card.idList))
    .sort(
      (a, b) =>
        (laneOf.get(a.card.idList) as number) - (laneOf.get(b.card.idList) as number) ||
        byPos(a.card, b.card),
    )
    .map(({ card, index }) => {
      const where = `cards[${index}]`;
      const labels = [
        ...new Set(
          card.idLabels.flatMap((labelId) => {
            const name = labelNames.get(labelId);
            return name ? [name] : [];
          }),
        ),
      ];
      const dueDate = card.due ? dayOf(card.due) : null;
      return {
        where,
        lane: laneOf.get(card.idList) as number,
        title: checkTitle(card.name, `${where}.name`),
        description: checkDescription(card.desc, `${where}.desc`),
        archived: false,
        fields: { ...(labels.length > 0 ? { labels } : {}), ...(dueDate ? { dueDate } : {}) },
        goal: null,
        checklist: checklists.get(card.id) ?? [],
        comments: comments.get(card.id) ?? [],
      };
    });
  return checkPlanSize({ lanes, cards, goals: [], evidence: [], teams: [] });
}

function labelName(label: { name: string; color: string | null }): string | null {
  const name = label.name.replace(/\s+/g, " ").trim() || (label.color ?? "");
  return name === "" ? null : name.slice(0, MAX_LABEL_LENGTH).trim();
}

/** The UTC calendar day of a Trello timestamp, or null when it is not one. */
function dayOf(timestamp: string): string | null {
  const time = Date.parse(timestamp);
  return Number.isNaN(time) ? null : new Date(time).toISOString().slice(0, 10);
}

function checklistsByCard(board: TrelloBoard): Map<string, { text: string; done: boolean }[]> {
  const lists = new Map<string, TrelloBoard["checklists"]>();
  for (const checklist of board.checklists)
    lists.set(checklist.idCard, [...(lists.get(checklist.idCard) ?? []), checklist]);
  const result = new Map<string, { text: string; done: boolean }[]>();
  for (const [cardId, ofCard] of lists) {
    const several = ofCard.length > 1;
    result.set(
      cardId,
      [...ofCard].sort(byPos).flatMap((checklist) =>
        [...checklist.checkItems].sort(byPos).map((item) => ({
          text:
            several && checklist.name.trim() !== "" ? `${checklist.name.trim()}: ${item.name}` : item.name,
          done: item.state === "complete",
        })),
      ),
    );
  }
  return result;
}

function commentsByCard(board: TrelloBoard): Map<string, string[]> {
  const result = new Map<string, string[]>();
  const comments = board.actions
    .filter((action) => action.type === "commentCard" && action.data.card && action.data.text?.trim())
    .sort((a, b) => Date.parse(a.date) - Date.parse(b.date));
  for (const action of comments) {
    const cardId = action.data.card?.id as string;
    const author = action.memberCreator?.fullName.trim() || "Someone";
    const day = dayOf(action.date);
    const body = `${author}${day ? ` (${day})` : ""}: ${action.data.text?.trim()}`;
    result.set(cardId, [...(result.get(cardId) ?? []), body]);
  }
  return result;
}
