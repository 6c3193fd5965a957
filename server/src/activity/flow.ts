import type { ActivityEntry } from "./ActivityStore";

/** Live cards per lane at the end of one UTC day. */
export interface FlowDay {
  /** "YYYY-MM-DD" (UTC). */
  date: string;
  lanes: Record<string, number>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function str(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

/**
 * Reconstructs a cumulative-flow series: the board's live cards per lane at the end of each of the last `days` UTC
 * days (today counts up to `now`), oldest first. It starts from the current counts and undoes the recorded history
 * backwards (created, moved, archived, restored, deleted). Before the history began the board is taken as it was at
 * its first entry; counts never go below zero. Lanes of the current board always appear; lanes since deleted appear
 * on the days they held cards.
 */
export function cumulativeFlow(
  current: ReadonlyMap<string, number>,
  newestFirst: readonly ActivityEntry[],
  days: number,
  now: number,
): FlowDay[] {
  const counts = new Map(current);
  const bump = (laneId: string | null, by: number): void => {
    if (laneId !== null) counts.set(laneId, (counts.get(laneId) ?? 0) + by);
  };
  const undo = (entry: ActivityEntry): void => {
    const data = entry.data;
    switch (entry.kind) {
      case "card.created":
        if (data.archived !== true) bump(entry.laneId, -1);
        break;
      case "card.moved":
        bump(str(data.toLaneId), -1);
        bump(str(data.fromLaneId), +1);
        break;
      case "card.archived":
        bump(entry.laneId, +1);
        break;
      case "card.restored":
        bump(entry.laneId, -1);
        break;
      case "card.deleted":
        if (data.archived !== true) bump(entry.laneId, +1);
        break;
      default:
        break;
    }
  };
  const today = Math.floor(now / DAY_MS);
  const series: FlowDay[] = [];
  let next = 0;
  for (let day = today; day > today - days; day--) {
    const end = day === today ? now : (day + 1) * DAY_MS - 1;
    while (next < newestFirst.length && (newestFirst[next] as ActivityEntry).at > end) {
      undo(newestFirst[next] as ActivityEntry);
      next++;
    }
    const lanes: Record<string, number> = {};
    for (const [laneId, count] of counts) {
      if (current.has(laneId) || count > 0) lanes[laneId] = Math.max(0, count);
    }
    series.push({ date: new Date(day * DAY_MS).toISOString().slice(0, 10), lanes });
  }
  return series.reverse();
}
