import { ROOT } from "@converge/shared";
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

type MapEvents = Y.YEvent<Y.AbstractType<unknown>>[];

/** One transaction by a connected socket on a watched board. */
interface Change {
  board: BoardActivity;
  actor: Principal;
  at: number;
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

function asString(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function str(map: unknown, key: string): string {
  return map instanceof Y.Map ? asString(map.get(key)) : "";
}

function cardState(read: (key: string) => unknown): CardState {
  return {
    title: asString(read("title")),
    laneId: asString(read("laneId")),
    archived: read("archived") === true,
  };
}

/**
 * What `key` held in a map that `event`'s transaction deleted. Its entries are deleted with it, so `get` sees
 * nothing; observers run before Yjs collects deleted content, so the last entry's content is still there. An entry
 * deleted by an earlier transaction is not read (its content may be collected already).
 */
function valueOfDeleted(
  map: Y.Map<unknown>,
  key: string,
  event: Pick<Y.YMapEvent<unknown>, "deletes">,
): unknown {
  const item = map._map.get(key);
  if (!item || !event.deletes(item)) return undefined;
  return item.content.getContent().at(-1);
}

/** A watched board: where its entries wait until the room reports them stored. */
class BoardActivity implements RoomWatch {
  buffer: ActivityEntry[] = [];

  constructor(
    readonly recorder: ActivityRecorder,
    readonly boardId: string,
    readonly doc: Y.Doc,
  ) {}

  stored(): void {
    const batch = this.buffer;
    if (batch.length === 0) return;
    this.buffer = [];
    this.recorder.record(batch);
  }

  detach(): void {
    this.recorder.unwatch(this);
    this.stored();
  }
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
  /** The watched boards, by their room's document. */
  readonly #boards = new Map<Y.Doc, BoardActivity>();

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
  watch(room: Pick<Room, "boardId" | "doc">): RoomWatch {
    try {
      room.doc.getMap(ROOT.lanes).observeDeep(this.#observeLanes);
      room.doc.getMap(ROOT.cards).observeDeep(this.#observeCards);
    } catch (error) {
      this.#log.error(
        { err: error, boardId: room.boardId },
        "cannot observe this board; no activity recorded",
      );
      return { stored: () => undefined, detach: () => undefined };
    }
    const board = new BoardActivity(this, room.boardId, room.doc);
    this.#boards.set(room.doc, board);
    return board;
  }

  /** Stops observing a board's document (its room is going away). */
  unwatch(board: BoardActivity): void {
    board.doc.getMap(ROOT.lanes).unobserveDeep(this.#observeLanes);
    board.doc.getMap(ROOT.cards).unobserveDeep(this.#observeCards);
    this.#boards.delete(board.doc);
  }

  // Every board shares these two observers, and nothing keeps a copy of a board's lanes or cards: what a change
  // replaced is read from the Yjs events (the old values of changed keys, the content of deleted maps).
  readonly #observeLanes = this.#observer((change, events) => this.#laneEntries(change, events));
  readonly #observeCards = this.#observer((change, events) => this.#cardEntries(change, events));

  /**
   * A deep observer deriving entries from transactions by connected sockets on watched boards. An observer that
   * throws would break the update being applied: activity is logged and skipped instead.
   */
  #observer(derive: (change: Change, events: MapEvents) => void) {
    return (events: MapEvents, transaction: Y.Transaction): void => {
      const change = this.#changeBy(transaction);
      if (!change) return;
      try {
        derive(change, events);
      } catch (error) {
        this.#log.error(
          { err: error, boardId: change.board.boardId },
          "could not derive activity from a change; skipped",
        );
      }
    };
  }

  /** The change a transaction made, when a connected socket made it on a watched board; null otherwise. */
  #changeBy(transaction: Y.Transaction): Change | null {
    const actor = principalOf(transaction.origin);
    const board = this.#boards.get(transaction.doc);
    return actor && board ? { board, actor, at: this.#now() } : null;
  }

  #laneEntries(change: Change, events: MapEvents): void {
    const lanes = change.board.doc.getMap(ROOT.lanes);
    for (const event of events) {
      if (!(event instanceof Y.YMapEvent)) continue;
      if (event.target === lanes) {
        for (const [laneId, { action, oldValue }] of event.changes.keys) {
          if (action === "add")
            add(change, "lane.created", null, laneId, { title: str(lanes.get(laneId), "title") });
          else if (action === "delete") {
            const title = oldValue instanceof Y.Map ? asString(valueOfDeleted(oldValue, "title", event)) : "";
            add(change, "lane.deleted", null, laneId, { title });
          }
        }
      } else if (event.path.length === 1 && event.keysChanged.has("title")) {
        const laneId = String(event.path[0]);
        const from = asString(event.changes.keys.get("title")?.oldValue);
        const to = str(lanes.get(laneId), "title");
        if (from !== to) add(change, "lane.renamed", null, laneId, { from, to });
      }
    }
  }

  #cardEntries(change: Change, events: MapEvents): void {
    const cards = change.board.doc.getMap(ROOT.cards);
    /** Cards added, deleted or replaced, with the map each replaced (`oldValue`), from the event on `cards`. */
    let rootEvent: Y.YMapEvent<unknown> | undefined;
    /** The event on each card's own map (its plain fields changed), by card id. */
    const cardEvents = new Map<string, Y.YMapEvent<unknown>>();
    const touched = new Set<string>();
    const fields = new Map<string, Set<string>>();
    const described = new Set<string>();
    for (const event of events) {
      if (event.target === cards && event instanceof Y.YMapEvent) {
        rootEvent = event;
        for (const cardId of event.keysChanged) touched.add(cardId);
        continue;
      }
      const cardId = String(event.path[0]);
      touched.add(cardId);
      const ownMap = event.path.length === 1 && event instanceof Y.YMapEvent;
      if (ownMap) cardEvents.set(cardId, event);
      for (const key of ownMap ? event.keysChanged : [String(event.path[1])]) {
        if (key === "description") described.add(cardId);
        else if (key !== "title" && key !== "laneId" && key !== "archived" && !BOOKKEEPING.has(key)) {
          fields.set(cardId, (fields.get(cardId) ?? new Set()).add(key));
        }
      }
    }
    for (const cardId of touched) {
      const map = cards.get(cardId);
      const after = map instanceof Y.Map ? cardState((key) => map.get(key)) : null;
      const rootChange = rootEvent?.changes.keys.get(cardId);
      let before: CardState | null;
      if (rootEvent && rootChange) {
        const { oldValue } = rootChange;
        before =
          rootChange.action !== "add" && oldValue instanceof Y.Map
            ? cardState((key) => valueOfDeleted(oldValue, key, rootEvent))
            : null;
      } else if (map instanceof Y.Map) {
        const own = cardEvents.get(cardId);
        before = cardState((key) => {
          const keyChange = own?.changes.keys.get(key);
          return keyChange ? keyChange.oldValue : map.get(key);
        });
      } else continue; // added and deleted within this change, or never a card
      if (!after) {
        if (before) {
          add(change, "card.deleted", cardId, before.laneId, {
            title: before.title,
            archived: before.archived,
          });
        }
        continue;
      }
      if (!before) {
        add(change, "card.created", cardId, after.laneId, { title: after.title, archived: after.archived });
        continue;
      }
      if (before.title !== after.title)
        add(change, "card.renamed", cardId, after.laneId, { from: before.title, to: after.title });
      if (before.laneId !== after.laneId) {
        add(change, "card.moved", cardId, after.laneId, {
          fromLaneId: before.laneId,
          toLaneId: after.laneId,
        });
      }
      if (before.archived !== after.archived) {
        add(change, after.archived ? "card.archived" : "card.restored", cardId, after.laneId, {});
      }
      const changedFields = fields.get(cardId);
      if (changedFields && changedFields.size > 0) {
        add(change, "card.fields", cardId, after.laneId, { fields: [...changedFields].sort() });
      }
      if (described.has(cardId) && this.#firstDescriptionEdit(change, cardId)) {
        add(change, "card.description", cardId, after.laneId, {});
      }
    }
  }

  /** True when this is the first description edit by this person on this card within the coalescing window. */
  #firstDescriptionEdit({ board, actor, at }: Change, cardId: string): boolean {
    const key = `${board.boardId}:${cardId}:${actor.userId}`;
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

/** Buffers one entry of a change until its board reports the change stored. */
function add(
  { board, actor, at }: Change,
  kind: ActivityKind,
  cardId: string | null,
  laneId: string | null,
  data: ActivityData,
): void {
  board.buffer.push({
    boardId: board.boardId,
    at,
    actorId: actor.userId,
    actorName: actor.name,
    kind,
    cardId,
    laneId,
    data,
  });
}
