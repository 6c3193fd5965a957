import { readBoard } from "@converge/shared";
import { requireRole } from "../boards/access";
import type { RoomManager } from "../rooms/RoomManager";
import type { BoardStore, MemberStore } from "../store";
import type { ActivityStore, StoredActivity } from "./ActivityStore";
import { cumulativeFlow, type FlowDay } from "./flow";

/** Most entries the flow chart reads back (a busy board's months); older history is left out. */
const FLOW_MAX_ENTRIES = 200_000;
const FLOW_PAGE = 5_000;

/** A page of activity and the cursor for the next (older) one, or null at the start of history. */
export interface ActivityList {
  entries: StoredActivity[];
  nextBefore: number | null;
}

/** Board activity for members: the history (per board or card) and the cumulative-flow series. */
export interface ActivityService {
  list(
    userId: string,
    boardId: string,
    query: { cardId?: string | undefined; before?: number | undefined; limit: number },
  ): Promise<ActivityList>;
  flow(userId: string, boardId: string, days: number): Promise<FlowDay[]>;
}

/** Builds the activity module over its store, the rooms (for current lane counts) and the membership check. */
export function createActivityService(deps: {
  activity: ActivityStore;
  boards: Pick<BoardStore, "get">;
  members: Pick<MemberStore, "get">;
  rooms: RoomManager;
}): ActivityService {
  const { activity, rooms } = deps;
  return {
    async list(userId, boardId, { cardId, before, limit }) {
      await requireRole(deps, boardId, userId, "viewer");
      const page = { limit, ...(before === undefined ? {} : { before }) };
      const entries =
        cardId === undefined
          ? await activity.listByBoard(boardId, page)
          : await activity.listByCard(boardId, cardId, page);
      return { entries, nextBefore: entries.length === limit ? (entries.at(-1)?.seq ?? null) : null };
    },

    async flow(userId, boardId, days) {
      await requireRole(deps, boardId, userId, "viewer");
      const now = Date.now();
      const room = await rooms.acquire(boardId);
      let current: Map<string, number>;
      try {
        current = new Map(readBoard(room.doc).lanes.map((lane) => [lane.id, lane.cardIds.length]));
      } finally {
        rooms.release(boardId);
      }
      const since = now - days * 24 * 60 * 60 * 1000;
      const entries: StoredActivity[] = [];
      let before: number | undefined;
      while (entries.length < FLOW_MAX_ENTRIES) {
        const page = await activity.listByBoard(boardId, {
          limit: FLOW_PAGE,
          ...(before === undefined ? {} : { before }),
        });
        entries.push(...page);
        const last = page.at(-1);
        if (page.length < FLOW_PAGE || !last || last.at < since) break;
        before = last.seq;
      }
      return cumulativeFlow(current, entries, days, now);
    },
  };
}
