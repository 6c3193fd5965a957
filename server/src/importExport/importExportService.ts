import { BoardInputError } from "@converge/shared";
import { ApiError } from "../ApiError";
import { requireRole } from "../boards/access";
import type { Logger } from "../logger";
import { SERVER_ORIGIN } from "../rooms/Room";
import type { RoomManager } from "../rooms/RoomManager";
import type { BoardStore, MemberStore } from "../store";
import { applyImport, dryRun } from "./applyImport";
import { ImportInputError } from "./ImportInputError";
import type { ImportPlan } from "./ImportPlan";

/** The formats a board exports to. */
export const EXPORT_FORMATS = ["json", "csv"] as const;
/** The formats a board imports from. */
export const IMPORT_FORMATS = ["json", "csv", "trello"] as const;

/** An export ready to send: its body, media type and a file name for Content-Disposition. */
export interface ExportedFile {
  body: string;
  contentType: string;
  filename: string;
}

/** What an import added. */
export interface ImportSummary {
  lanesCreated: number;
  lanesMatched: number;
  cardsCreated: number;
  goalsCreated: number;
  evidenceCreated: number;
}

/** What an import added, for activity. */
export interface ImportedEvent {
  boardId: string;
  userId: string;
  format: (typeof IMPORT_FORMATS)[number];
  lanesCreated: number;
  cards: { cardId: string; laneId: string; title: string; archived: boolean }[];
}

/** Export (members) and import (editors and owners) of a board's content. */
export interface ImportExportService {
  export(userId: string, boardId: string, format: (typeof EXPORT_FORMATS)[number]): Promise<ExportedFile>;
  import(
    userId: string,
    boardId: string,
    format: (typeof IMPORT_FORMATS)[number],
    text: string,
  ): Promise<ImportSummary>;
}

/** What the import/export module works with. */
export interface ImportExportDeps {
  boards: Pick<BoardStore, "get">;
  members: Pick<MemberStore, "get">;
  rooms: RoomManager;
  logger: Logger;
  /** The room's document limit: an import that would pass it is refused (413). */
  maxDocBytes: number;
  /** Told what an import added, once it is stored (e.g. to record activity); must not throw. */
  onImported?: (event: ImportedEvent) => void;
}

/**
 * Each format's module loads on its first import or export instead of at start-up: the JSON and Trello parsers hold
 * ~50 zod schemas and the CSV one papaparse, none of which serving boards needs.
 */
const loadBoardFile = () => import("./importBoardFile");
const loadTrello = () => import("./importTrello");
const loadCsv = () => import("./csv");
const loadExport = () => import("./exportBoard");

/** Builds the import/export module: reads go through the live room, imports are applied to it as one change. */
export function createImportExportService(deps: ImportExportDeps): ImportExportService {
  const { rooms } = deps;

  const parse = async (format: (typeof IMPORT_FORMATS)[number], text: string): Promise<ImportPlan> => {
    switch (format) {
      case "json":
        return (await loadBoardFile()).importBoardFile(text);
      case "csv":
        return (await loadCsv()).importCsv(text);
      case "trello":
        return (await loadTrello()).importTrello(text);
    }
  };

  return {
    async export(userId, boardId, format) {
      await requireRole(deps, boardId, userId, "viewer");
      const room = await rooms.acquire(boardId);
      try {
        const file = (await loadExport()).exportBoard(room.doc, boardId);
        const base = fileBase(file.board.title);
        return format === "json"
          ? { body: JSON.stringify(file, null, 2), contentType: "application/json", filename: `${base}.json` }
          : {
              body: (await loadCsv()).exportCsv(file),
              contentType: "text/csv; charset=utf-8",
              filename: `${base}.csv`,
            };
      } finally {
        rooms.release(boardId);
      }
    },

    async import(userId, boardId, format, text) {
      await requireRole(deps, boardId, userId, "editor");
      let plan: ImportPlan;
      try {
        plan = await parse(format, text);
      } catch (error) {
        if (error instanceof ImportInputError) throw new ApiError(400, error.code, error.message);
        throw error;
      }
      let summary: ImportSummary | undefined;
      let imported: ImportedEvent | undefined;
      await rooms.change(boardId, (room) => {
        try {
          const bytes = dryRun(room.doc, plan, userId);
          if (room.docBytes + bytes > deps.maxDocBytes) {
            throw new ApiError(
              413,
              "document_too_large",
              `This import would make the board larger than ${deps.maxDocBytes} bytes.`,
            );
          }
        } catch (error) {
          if (error instanceof BoardInputError) throw new ApiError(400, error.code, error.message);
          if (error instanceof ImportInputError) throw new ApiError(400, error.code, error.message);
          throw error;
        }
        const result = applyImport(room.doc, plan, userId, SERVER_ORIGIN);
        summary = {
          lanesCreated: result.lanesCreated,
          lanesMatched: result.lanesMatched,
          cardsCreated: result.cardIds.length,
          goalsCreated: result.goalsCreated,
          evidenceCreated: result.evidenceCreated,
        };
        imported = {
          boardId,
          userId,
          format,
          lanesCreated: result.lanesCreated,
          cards: plan.cards.map((card, i) => ({
            cardId: result.cardIds[i] as string,
            laneId: result.laneIds[card.lane] as string,
            title: card.title,
            archived: card.archived,
          })),
        };
      });
      if (!summary || !imported) throw new Error("import change did not run");
      deps.onImported?.(imported);
      return summary;
    },
  };
}

/** A safe file name from a board title. */
function fileBase(title: string): string {
  const base = title
    .normalize("NFKD")
    .replace(/[^\w\s-]/g, "")
    .trim()
    .replace(/\s+/g, "-")
    .toLowerCase()
    .slice(0, 60);
  return base === "" ? "board" : base;
}
