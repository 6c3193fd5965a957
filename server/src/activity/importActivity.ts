import type { ImportedEvent } from "../importExport/importExportService";
import type { ActivityEntry } from "./ActivityStore";

/** The activity of an import: one `board.imported` entry, then `card.created` for each card it added (for the flow). */
export function importActivity(event: ImportedEvent, actorName: string, at: number): ActivityEntry[] {
  const base = { boardId: event.boardId, at, actorId: event.userId, actorName };
  return [
    {
      ...base,
      kind: "board.imported",
      cardId: null,
      laneId: null,
      data: { format: event.format, cards: event.cards.length, lanesCreated: event.lanesCreated },
    },
    ...event.cards.map(
      (card): ActivityEntry => ({
        ...base,
        kind: "card.created",
        cardId: card.cardId,
        laneId: card.laneId,
        data: { title: card.title, archived: card.archived, via: "import" },
      }),
    ),
  ];
}
