import { BoardInputError, initBoard, normaliseTitle, renameBoard } from "@converge/shared";
import { Hono } from "hono";
import * as Y from "yjs";
import { z } from "zod";
import { ApiError } from "../ApiError";
import type { Logger } from "../logger";
import { SERVER_ORIGIN } from "../rooms/Room";
import type { RoomManager } from "../rooms/RoomManager";
import type { BoardRecord, BoardStore, DocStore } from "../store";

const titleBody = z.object({ title: z.string() });

/** The boards REST routes' dependencies. */
export interface BoardsRoutesDeps {
  boards: BoardStore;
  docs: DocStore;
  rooms: RoomManager;
  logger: Logger;
}

/** `/api/boards`: create (record plus seeded document), list, read and rename boards. */
export function createBoardsRoutes({ boards, docs, rooms, logger }: BoardsRoutesDeps): Hono {
  const app = new Hono();

  app.post("/", async (c) => {
    const title = boardTitle(await parseBody(c.req.raw, titleBody));
    const record: BoardRecord = { id: crypto.randomUUID(), title, createdAt: Date.now() };
    const doc = new Y.Doc();
    initBoard(doc, { title }, SERVER_ORIGIN);
    // The document first: a board record must never point at a document that was not seeded.
    await docs.append(record.id, Y.encodeStateAsUpdate(doc));
    doc.destroy();
    try {
      await boards.create(record);
    } catch (error) {
      await docs.remove(record.id).catch((cleanup: unknown) => {
        logger.error(
          { err: cleanup, boardId: record.id },
          "could not remove the document of a board not created",
        );
      });
      throw error;
    }
    return c.json(record, 201);
  });

  app.get("/", async (c) => c.json(await boards.list()));

  app.get("/:id", async (c) => c.json(await findBoard(boards, c.req.param("id"))));

  app.patch("/:id", async (c) => {
    const id = c.req.param("id");
    const title = boardTitle(await parseBody(c.req.raw, titleBody));
    await findBoard(boards, id);
    // The document's meta.title is what clients show, so it changes with the record (through the live room).
    await rooms.change(id, (room) => renameBoard(room.doc, title, SERVER_ORIGIN));
    if (!(await boards.rename(id, title))) throw notFound();
    return c.json(await findBoard(boards, id));
  });

  return app;
}

async function findBoard(boards: BoardStore, id: string): Promise<BoardRecord> {
  const board = await boards.get(id);
  if (!board) throw notFound();
  return board;
}

function notFound(): ApiError {
  return new ApiError(404, "board_not_found", "No board has this id.");
}

async function parseBody<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  let json: unknown;
  try {
    json = await request.json();
  } catch (error) {
    // Anything but a parse error (e.g. the body limit's) belongs to its own handler.
    if (error instanceof SyntaxError)
      throw new ApiError(400, "invalid_json", "The request body must be JSON.");
    throw error;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const message = parsed.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`);
    throw new ApiError(400, "invalid_input", message.join("; "));
  }
  return parsed.data;
}

/** The title as shared/ normalises it (collapsed whitespace, length-checked), or a 400. */
function boardTitle({ title }: { title: string }): string {
  try {
    return normaliseTitle(title, "board title");
  } catch (error) {
    if (error instanceof BoardInputError) throw new ApiError(400, error.code, error.message);
    throw error;
  }
}
