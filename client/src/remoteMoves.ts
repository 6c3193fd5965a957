import * as Y from "yjs";

/** A card another person moved to another lane. */
export interface RemoteMove {
  readonly cardId: string;
  readonly title: string;
  readonly laneId: string;
}

/**
 * Finds the lane changes in one transaction on the `cards` root that came from elsewhere
 * (`!transaction.local`). New cards arriving and cards loaded from the device are not moves.
 */
export function findRemoteMoves(
  events: readonly Y.YEvent<Y.AbstractType<unknown>>[],
  transaction: Y.Transaction,
): RemoteMove[] {
  if (transaction.local) return [];
  const moves: RemoteMove[] = [];
  for (const event of events) {
    if (!(event instanceof Y.YMapEvent) || event.path.length !== 1) continue;
    const change = event.changes.keys.get("laneId");
    if (change?.action !== "update") continue;
    const card = event.target as Y.Map<unknown>;
    const laneId = card.get("laneId");
    const title = card.get("title");
    const cardId = event.path[0];
    if (typeof laneId !== "string" || laneId === change.oldValue || typeof cardId !== "string") continue;
    moves.push({ cardId, laneId, title: typeof title === "string" ? title : "a card" });
  }
  return moves;
}
