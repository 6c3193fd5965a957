import { BoardInputError, initBoard, normaliseTitle, renameBoard } from "@converge/shared";
import * as Y from "yjs";
import { ApiError } from "../ApiError";
import { CloseCode } from "../protocol";
import type { Role } from "../roles";
import { SERVER_ORIGIN } from "../rooms/Room";
import type { BoardRecord } from "../store";
import { boardNotFound, requireRole } from "./access";
import type { BoardDeps } from "./BoardDeps";
import { listMembers, type MemberView } from "./memberService";

/** A board as the caller sees it: the record, their role and who is in it. */
export interface BoardView extends BoardRecord {
  role: Role;
  members: MemberView[];
}

/** Boards: create (seeded document, creator owns it), list mine, read, rename, delete. */
export interface BoardService {
  create(userId: string, input: { title: string; template: string }): Promise<BoardView>;
  listFor(userId: string): Promise<BoardView[]>;
  get(userId: string, boardId: string): Promise<BoardView>;
  rename(userId: string, boardId: string, title: string): Promise<BoardView>;
  /**
   * Deletes the record, document, invitations, voting rounds and ballots, activity history and members; closes the
   * board's sockets (4404) and unloads it.
   */
  remove(userId: string, boardId: string): Promise<void>;
}

/** Builds the board module over its stores, the rooms and the socket registry. */
export function createBoardService(deps: BoardDeps): BoardService {
  const { boards, docs, members, invites, votes, history, rooms, sockets, logger } = deps;

  const view = async (board: BoardRecord, role: Role): Promise<BoardView> => ({
    ...board,
    role,
    members: await listMembers(deps, board.id),
  });

  return {
    async create(userId, { title, template }) {
      const record: BoardRecord = {
        id: crypto.randomUUID(),
        title: boardTitle(title),
        createdAt: Date.now(),
      };
      const doc = new Y.Doc();
      initBoard(doc, { title: record.title, template, by: userId }, SERVER_ORIGIN);
      // The document first: a board record must never point at a document that was not seeded.
      await docs.append(record.id, Y.encodeStateAsUpdate(doc));
      doc.destroy();
      try {
        await boards.create(record);
        await members.join({ boardId: record.id, userId, role: "owner", joinedAt: record.createdAt });
      } catch (error) {
        await Promise.all([docs.remove(record.id), boards.remove(record.id)]).catch((cleanup: unknown) => {
          logger.error({ err: cleanup, boardId: record.id }, "could not clean up a board not created");
        });
        throw error;
      }
      return view(record, "owner");
    },

    async listFor(userId) {
      const memberships = await members.listByUser(userId);
      const views: BoardView[] = [];
      for (const membership of memberships) {
        const board = await boards.get(membership.boardId);
        if (board) views.push(await view(board, membership.role));
      }
      return views;
    },

    async get(userId, boardId) {
      const { board, member } = await requireRole(deps, boardId, userId, "viewer");
      return view(board, member.role);
    },

    async rename(userId, boardId, title) {
      const normalised = boardTitle(title);
      const { member } = await requireRole(deps, boardId, userId, "editor");
      // The document's meta.title is what clients show, so it changes with the record (through the live room).
      await rooms.change(boardId, (room) => renameBoard(room.doc, normalised, SERVER_ORIGIN));
      if (!(await boards.rename(boardId, normalised))) throw boardNotFound();
      const board = await boards.get(boardId);
      if (!board) throw boardNotFound();
      return view(board, member.role);
    },

    async remove(userId, boardId) {
      await requireRole(deps, boardId, userId, "owner");
      // The record goes first, so no new socket is authorized; then the open ones close and the room unloads, and
      // only then is the document removed (an unload flushes, and a flush after removal would bring rows back).
      await boards.remove(boardId);
      sockets.closeBoard(boardId, CloseCode.unknownBoard, "board deleted");
      await rooms.unload(boardId);
      await docs.remove(boardId);
      await invites.removeBoard(boardId);
      await members.removeBoard(boardId);
      await votes.removeBoard(boardId);
      await history.removeBoard(boardId);
    },
  };
}

/** The title as shared/ normalises it (collapsed whitespace, length-checked), or a 400. */
function boardTitle(title: string): string {
  try {
    return normaliseTitle(title, "board title");
  } catch (error) {
    if (error instanceof BoardInputError) throw new ApiError(400, error.code, error.message);
    throw error;
  }
}
