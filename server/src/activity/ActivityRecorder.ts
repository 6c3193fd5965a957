import { getRoots } from "@converge/shared";
import * as Y from "yjs";
import type { Logger } from "../logger";
import type { Principal, Room } from "../rooms/Room";
import type { ActivityData, ActivityEntry, ActivityKind, ActivityStore } from "./ActivityStore";

/** Description edits by one person on one card within this window make one entry (typing is not a history). */
export const DESCRIPTION_COALESCE_MS = 60_000;

/** Card keys that change with every move or edit and say nothing by themselves. */
const BOOKKEEPING = new Set(["id", "rank", "updatedAt", "createdAt", "createdBy"]);

/** What a watched room tells its watcher; both never throw. */
export interface RoomWatch {
  /** The room has stored (and broadcast) what it applied so far: entries derived until now may be written. */
  stored(): void;
  /** The room is going away: write what is left and stop observing. */
  detach(): void;
}

interface CardState {
  title: string;
  laneId: string;
  archived: boolean;
}

/** A transaction origin that is a connected socket: it carries the principal `authorize` gave it. */
function principalOf(origin: unknown): Principal | null {
  if (typeof origin !== "object" || origin === null || !("principal" in origin)) return null;
  const principal = (origin as { principal: unknown }).principal;
  if (typeof principal !== "object" || principal === null) return null;
  const { userId, name } = principal as { userId?: unknown; name?: unknown };
  return typeof userId === "string" && typeof name === "string" ? (principal as Principal) : null;
}

function str(map: unknown, key: string): string {
  const value = map instanceof Y.Map ? map.get(key) : undefined;
  return typeof value === "string" ? value : "";
}

/**
 * Records who changed what on the boards' live documents. For each applied transaction whose origin is a connected
 * socket it derives entries from the Yjs events (card created / renamed / moved between lanes / archived / restored /
 * deleted / fields changed / description edited, lane created / renamed / deleted); changes made by the server or
 * relayed from another instance are not attributed here. Entries wait in memory until the room reports the change
 * stored, then are appended in one batch off the sync path; a failed append is logged and dropped, never retried into
 * the sync path and never thrown.
 */
export class ActivityRecorder {
  readonly #store: ActivityStore;
  readonly #log: Logger;
  readonly #now: () => number;
  /** Last description entry time per `${boardId}:${cardId}:${userId}`. */
  readonly #lastDescription = new Map<string, number>();
  #writing: Promise<void> = Promise.resolve();

  constructor({
    store,
    logger,
    now = Date.now,
  }: { store: ActivityStore; logger: Logger; now?: () => number }) {
    this.#store = store;
    this.#log = logger.child({ module: "activity" });
    this.#now = now;
  }

  /** Appends entries made elsewhere (e.g. an import) in the background; failures are logged. */
  record(entries: readonly ActivityEntry[]): void {
    if (entries.length === 0) return;
    this.#writing = this.#writing
      .then(() => this.#store.append(entries))
      .catch((error: unknown) => {
        this.#log.error(
          { err: error, entries: entries.length },
          "could not record activity; entries dropped",
        );
      });
  }

  /**
   * Deletes a board's history (the board is being deleted), after every batch handed over so far, so no entry of
   * it is written back afterwards. Rejects if the store fails.
   */
  removeBoard(boardId: string): Promise<void> {
    const removed = this.#writing.then(() => this.#store.removeBoard(boardId));
    this.#writing = removed.catch(() => undefined);
    return removed;
  }

  /** Resolves once every batch handed over so far is written (or has failed); for shutdown and tests. */
  settled(): Promise<void> {
    return this.#writing;
  }

  /** Starts observing a loaded room's document; a document it cannot read as a board is left unobserved (logged). */
  watch(room: Room): RoomWatch {
    try {
      return this.#watch(room);
    } catch (error) {
      this.#log.error(
        { err: error, boardId: room.boardId },
        "cannot observe this board; no activity recorded",
      );
      return { stored: () => undefined, detach: () => undefined };
    }
  }

  #watch(room: Room): RoomWatch {
    const boardId = room.boardId;
    const { lanes, cards } = getRoots(room.doc);
    const laneTitles = new Map<string, string>();
    lanes.forEach((lane, id) => {
      laneTitles.set(id, str(lane, "title"));
    });
    const cardStates = new Map<string, CardState>();
    // Anything may be in the document (any Yjs client can write); what is not a card map is not a card.
    const stateOf = (map: unknown): CardState | null =>
      map instanceof Y.Map
        ? { title: str(map, "title"), laneId: str(map, "laneId"), archived: map.get("archived") === true }
        : null;
    const cardOf = (id: string): CardState | null => stateOf(cards.get(id));
    cards.forEach((card, id) => {
      const state = stateOf(card);
      if (state) cardStates.set(id, state);
    });
    let buffer: ActivityEntry[] = [];

    const onLanes = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction): void => {
      const actor = principalOf(transaction.origin);
      const at = this.#now();
      const add = (kind: ActivityKind, laneId: string, data: ActivityData): void => {
        if (actor) buffer.push(entry(boardId, actor, at, kind, null, laneId, data));
      };
      for (const event of events) {
        if (event.target === lanes && event instanceof Y.YMapEvent) {
          for (const [laneId, change] of event.changes.keys) {
            const title = str(lanes.get(laneId), "title");
            if (change.action === "add") add("lane.created", laneId, { title });
            else if (change.action === "delete")
              add("lane.deleted", laneId, { title: laneTitles.get(laneId) ?? "" });
          }
        } else if (
          event.path.length === 1 &&
          event instanceof Y.YMapEvent &&
          event.keysChanged.has("title")
        ) {
          const laneId = String(event.path[0]);
          const to = str(lanes.get(laneId), "title");
          const from = laneTitles.get(laneId) ?? "";
          if (from !== to) add("lane.renamed", laneId, { from, to });
        }
      }
      laneTitles.clear();
      lanes.forEach((lane, id) => {
        laneTitles.set(id, str(lane, "title"));
      });
    };

    const onCards = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction): void => {
      const actor = principalOf(transaction.origin);
      const touched = new Set<string>();
      const created = new Set<string>();
      const deleted = new Set<string>();
      const fields = new Map<string, Set<string>>();
      const described = new Set<string>();
      for (const event of events) {
        if (event.target === cards && event instanceof Y.YMapEvent) {
          for (const [cardId, change] of event.changes.keys) {
            touched.add(cardId);
            if (change.action === "add") created.add(cardId);
            else if (change.action === "delete") deleted.add(cardId);
          }
          continue;
        }
        const cardId = String(event.path[0]);
        touched.add(cardId);
        const keys =
          event.path.length === 1 && event instanceof Y.YMapEvent
            ? [...event.keysChanged]
            : [String(event.path[1])];
        for (const key of keys) {
          if (key === "description") described.add(cardId);
          else if (key !== "title" && key !== "laneId" && key !== "archived" && !BOOKKEEPING.has(key)) {
            fields.set(cardId, (fields.get(cardId) ?? new Set()).add(key));
          }
        }
      }
      if (actor) {
        const at = this.#now();
        const add = (kind: ActivityKind, cardId: string, laneId: string | null, data: ActivityData): void => {
          buffer.push(entry(boardId, actor, at, kind, cardId, laneId, data));
        };
        for (const cardId of touched) {
          const before = cardStates.get(cardId);
          const after = cardOf(cardId);
          if (deleted.has(cardId) && !after) {
            if (before && !created.has(cardId)) {
              add("card.deleted", cardId, before.laneId, { title: before.title, archived: before.archived });
            }
            continue;
          }
          if (!after) continue;
          if (created.has(cardId) || !before) {
            add("card.created", cardId, after.laneId, { title: after.title, archived: after.archived });
            continue;
          }
          if (before.title !== after.title)
            add("card.renamed", cardId, after.laneId, { from: before.title, to: after.title });
          if (before.laneId !== after.laneId) {
            add("card.moved", cardId, after.laneId, { fromLaneId: before.laneId, toLaneId: after.laneId });
          }
          if (before.archived !== after.archived) {
            add(after.archived ? "card.archived" : "card.restored", cardId, after.laneId, {});
          }
          const changedFields = fields.get(cardId);
          if (changedFields && changedFields.size > 0) {
            add("card.fields", cardId, after.laneId, { fields: [...changedFields].sort() });
          }
          if (described.has(cardId) && this.#firstDescriptionEdit(boardId, cardId, actor.userId, at)) {
            add("card.description", cardId, after.laneId, {});
          }
        }
      }
      for (const cardId of touched) {
        const state = cardOf(cardId);
        if (state) cardStates.set(cardId, state);
        else cardStates.delete(cardId);
      }
    };

    // An observer that throws would break the update being applied: activity is logged and skipped instead.
    const safe =
      (observe: typeof onLanes) =>
      (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction): void => {
        try {
          observe(events, transaction);
        } catch (error) {
          this.#log.error({ err: error, boardId }, "could not derive activity from a change; skipped");
        }
      };
    const observeLanes = safe(onLanes);
    const observeCards = safe(onCards);
    lanes.observeDeep(observeLanes);
    cards.observeDeep(observeCards);
    const flush = (): void => {
      const batch = buffer;
      buffer = [];
      this.record(batch);
    };
    return {
      stored: flush,
      detach: () => {
        lanes.unobserveDeep(observeLanes);
        cards.unobserveDeep(observeCards);
        flush();
      },
    };
  }

  /** True when this is the first description edit by this person on this card within the coalescing window. */
  #firstDescriptionEdit(boardId: string, cardId: string, userId: string, at: number): boolean {
    const key = `${boardId}:${cardId}:${userId}`;
    const last = this.#lastDescription.get(key);
    if (last !== undefined && at - last < DESCRIPTION_COALESCE_MS) return false;
    this.#lastDescription.set(key, at);
    if (this.#lastDescription.size > 10_000) {
      for (const [k, time] of this.#lastDescription)
        if (at - time >= DESCRIPTION_COALESCE_MS) this.#lastDescription.delete(k);
    }
    return true;
  }
}

function entry(
  boardId: string,
  actor: Principal,
  at: number,
  kind: ActivityKind,
  cardId: string | null,
  laneId: string | null,
  data: ActivityData,
): ActivityEntry {
  return { boardId, at, actorId: actor.userId, actorName: actor.name, kind, cardId, laneId, data };
}
