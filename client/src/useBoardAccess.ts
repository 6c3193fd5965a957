import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "./api";
import { type BoardSummary, getBoard, type Role } from "./boardsApi";
import { localDocName } from "./localBoards";

/** Why this board is not shown: never there, not mine, taken away while open, or deleted. */
export type LostAccess = "notFound" | "noAccess" | "removed" | "deleted";

/** My standing on one board as the page uses it. */
export interface BoardAccess {
  /** My role; null until the server (or this device's memory of it, offline) has said. */
  readonly role: Role | null;
  /** The board's record as last fetched, for the title and members. */
  readonly board: BoardSummary | null;
  readonly lost: LostAccess | null;
  /**
   * Asks the server again. Resolves with my role, "lost" when the board is gone or no longer mine,
   * or "unknown" when the server could not be asked (what is known stays).
   */
  refresh(): Promise<Role | "lost" | "unknown">;
  /** The server said I may not write: read-only at once, before a refresh confirms it. */
  assumeViewer(): void;
  /** The board was taken away while open (a socket close code said so). */
  markLost(kind: LostAccess): void;
}

function roleKey(userId: string, boardId: string): string {
  return `converge.role.${userId}.${boardId}`;
}

function cachedRole(userId: string, boardId: string): Role | null {
  const value = window.localStorage.getItem(roleKey(userId, boardId));
  return value === "owner" || value === "editor" || value === "viewer" ? value : null;
}

function forgetLocalCopy(userId: string, boardId: string): void {
  window.localStorage.removeItem(roleKey(userId, boardId));
  if (typeof indexedDB !== "undefined") indexedDB.deleteDatabase(localDocName(userId, boardId));
}

/**
 * Fetches my role on a board and keeps it current. The last known role is remembered on this
 * device so an editor can keep working offline; a board I lost access to is forgotten here.
 */
export function useBoardAccess(boardId: string, userId: string): BoardAccess {
  const [role, setRole] = useState<Role | null>(() => cachedRole(userId, boardId));
  const [board, setBoard] = useState<BoardSummary | null>(null);
  const [lost, setLost] = useState<LostAccess | null>(null);
  const hadAccess = useRef(false);
  const active = useRef(true);

  const markLost = useCallback(
    (kind: LostAccess) => {
      if (!active.current) return;
      forgetLocalCopy(userId, boardId);
      setLost(kind);
    },
    [boardId, userId],
  );

  const refresh = useCallback(async (): Promise<Role | "lost" | "unknown"> => {
    try {
      const record = await getBoard(boardId);
      if (!active.current) return "unknown";
      hadAccess.current = true;
      window.localStorage.setItem(roleKey(userId, boardId), record.role);
      setBoard(record);
      setRole(record.role);
      return record.role;
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        markLost(hadAccess.current ? "deleted" : "notFound");
        return "lost";
      }
      if (error instanceof ApiError && error.status === 403) {
        markLost(hadAccess.current ? "removed" : "noAccess");
        return "lost";
      }
      // A 401 has already signed the app out; anything else leaves the known role in place.
      console.warn("Could not check my role on this board; keeping what is known", error);
      return "unknown";
    }
  }, [boardId, userId, markLost]);

  useEffect(() => {
    active.current = true;
    void refresh();
    return () => {
      active.current = false;
    };
  }, [refresh]);

  const assumeViewer = useCallback(() => setRole("viewer"), []);
  return { role, board, lost, refresh, assumeViewer, markLost };
}
