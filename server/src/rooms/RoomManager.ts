import type { FanoutBus } from "../fanout/FanoutBus";
import { RoomFanout } from "../fanout/RoomFanout";
import type { Logger } from "../logger";
import type { DocStore } from "../store";
import { Room } from "./Room";

/** What the room manager needs: the store, a logger and the room limits. */
export interface RoomManagerOptions {
  store: DocStore;
  logger: Logger;
  maxDocBytes: number;
  compactAfterUpdates: number;
  /** Grace period a room with no sockets stays loaded. */
  roomIdleMs: number;
  retry?: { initialMs: number; maxMs: number };
  /** Several instances: the bus to the others and how often rooms publish their state for gap repair. */
  fanout?: { bus: FanoutBus; repairIntervalMs: number };
  /** Watches each loaded room (e.g. activity): told when what it applied is stored, and when it unloads. */
  watch?: (room: Room) => { stored(): void; detach(): void };
}

/** How often every room's upkeep runs: y-protocols' own presence check interval (`outdatedTimeout` / 10). */
const ROOM_SWEEP_MS = 3_000;

interface Entry {
  readonly boardId: string;
  /** Sockets (or server tasks) holding the room, counted from the moment they ask, before it has loaded. */
  refs: number;
  readonly ready: Promise<Room>;
  room: Room | null;
  /** The room's link to other instances, when there are any. */
  readonly link: RoomFanout | undefined;
  /** What `watch` returned for the loaded room. */
  watcher?: { stored(): void; detach(): void };
  idleTimer: NodeJS.Timeout | undefined;
  unloading: boolean;
}

/**
 * Owns the rooms: loads each board once however many sockets arrive together (they share one load promise), unloads
 * it after an idle grace period once it is flushed, and never creates a room whose load failed.
 */
export class RoomManager {
  readonly #options: RoomManagerOptions;
  readonly #entries = new Map<string, Entry>();
  #closing = false;
  /** One timer for every room's upkeep (see `Room.sweep`), rather than timers per room. */
  readonly #sweepTimer: NodeJS.Timeout;

  constructor(options: RoomManagerOptions) {
    this.#options = options;
    this.#sweepTimer = setInterval(() => {
      const now = Date.now();
      for (const entry of this.#entries.values()) entry.room?.sweep(now);
    }, ROOM_SWEEP_MS);
    this.#sweepTimer.unref();
  }

  /** Number of rooms loaded or loading. */
  get size(): number {
    return this.#entries.size;
  }

  /** True once `closeAll` has begun: no room will be loaded any more. */
  get closing(): boolean {
    return this.#closing;
  }

  /** The room if it is loaded, for tests and diagnostics. */
  peek(boardId: string): Room | undefined {
    return this.#entries.get(boardId)?.room ?? undefined;
  }

  /**
   * Takes a reference to a board's room, loading it if needed (concurrent callers share one load); rejects with the
   * store's error if the load fails, in which case no reference is held. Pair every success with `release`.
   */
  async acquire(boardId: string): Promise<Room> {
    if (this.#closing) throw new Error("server is shutting down");
    const entry = this.#entries.get(boardId) ?? this.#startLoad(boardId);
    entry.refs++;
    if (entry.idleTimer) {
      clearTimeout(entry.idleTimer);
      entry.idleTimer = undefined;
    }
    try {
      return await entry.ready;
    } catch (error) {
      entry.refs--;
      throw error;
    }
  }

  /** Drops a reference taken by `acquire`; the last one starts the idle timer. */
  release(boardId: string): void {
    const entry = this.#entries.get(boardId);
    if (!entry || entry.refs === 0) return;
    entry.refs--;
    if (entry.refs === 0 && entry.room) this.#startIdleTimer(entry);
  }

  /** Runs `change` on the board's live document (loading it if needed) and resolves once the change is stored. */
  async change(boardId: string, change: (room: Room) => void): Promise<void> {
    const room = await this.acquire(boardId);
    try {
      change(room);
      await room.flush();
    } finally {
      this.release(boardId);
    }
  }

  /**
   * Unloads a board's room now, after whatever it applied is stored (for a deleted board whose sockets were closed);
   * later `release` calls for it do nothing.
   */
  async unload(boardId: string): Promise<void> {
    const entry = this.#entries.get(boardId);
    if (!entry) return;
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    entry.idleTimer = undefined;
    entry.unloading = true;
    let room: Room;
    try {
      room = await entry.ready;
    } catch (error) {
      this.#options.logger.debug({ err: error, boardId }, "unload: the room never loaded; nothing to flush");
      return;
    }
    await room.flush();
    if (this.#entries.get(boardId) === entry) this.#entries.delete(boardId);
    await this.#destroy(entry, room);
    this.#options.logger.debug({ boardId }, "room unloaded on request");
  }

  /** Flushes and frees every room (waiting at most `timeoutMs` for stores that keep failing); used at shutdown. */
  async closeAll(timeoutMs = 5_000): Promise<void> {
    this.#closing = true;
    clearInterval(this.#sweepTimer);
    const entries = [...this.#entries.values()];
    await Promise.all(entries.map((entry) => this.#closeEntry(entry, timeoutMs)));
  }

  async #closeEntry(entry: Entry, timeoutMs: number): Promise<void> {
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    let room: Room;
    try {
      room = await entry.ready;
    } catch (error) {
      this.#options.logger.debug(
        { err: error, boardId: entry.boardId },
        "shutdown: room never loaded; nothing to flush",
      );
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), timeoutMs);
    });
    const late = await Promise.race([room.flush().then(() => false), timedOut]);
    clearTimeout(timer);
    if (late)
      this.#options.logger.error({ boardId: entry.boardId }, "shutdown: room could not be flushed in time");
    this.#entries.delete(entry.boardId);
    await this.#destroy(entry, room);
  }

  /** Unlinks a room from the other instances (no remote update reaches it any more), then frees it. */
  async #destroy(entry: Entry, room: Room): Promise<void> {
    entry.watcher?.detach();
    const stopped = entry.link?.stop();
    room.destroy();
    await stopped;
  }

  #startLoad(boardId: string): Entry {
    const { store, logger, maxDocBytes, compactAfterUpdates, retry, fanout } = this.#options;
    const started = performance.now();
    const link = fanout
      ? new RoomFanout({ boardId, bus: fanout.bus, store, logger, repairIntervalMs: fanout.repairIntervalMs })
      : undefined;
    // Subscribed before loading: what another instance stores meanwhile is either in the load or kept for after it.
    const subscribed = link ? link.start() : Promise.resolve();
    const entry: Entry = {
      boardId,
      refs: 0,
      room: null,
      link,
      idleTimer: undefined,
      unloading: false,
      ready: subscribed
        .then(() =>
          Room.load({
            boardId,
            store,
            logger,
            maxDocBytes,
            compactAfterUpdates,
            ...(retry ? { retry } : {}),
            ...(link ? { relay: link } : {}),
            onStored: () => entry.watcher?.stored(),
          }),
        )
        .then(
          (room) => {
            link?.attach(room);
            entry.watcher = this.#options.watch?.(room);
            entry.room = room;
            logger.debug({ boardId, ms: Math.round(performance.now() - started) }, "room loaded");
            if (entry.refs === 0) this.#startIdleTimer(entry);
            return room;
          },
          (error: unknown) => {
            void link?.stop();
            if (this.#entries.get(boardId) === entry) this.#entries.delete(boardId);
            logger.error({ err: error, boardId }, "room failed to load; nothing will be written for it");
            throw error;
          },
        ),
    };
    this.#entries.set(boardId, entry);
    return entry;
  }

  #startIdleTimer(entry: Entry): void {
    if (entry.idleTimer || entry.unloading || this.#closing) return;
    entry.idleTimer = setTimeout(() => {
      entry.idleTimer = undefined;
      void this.#unload(entry);
    }, this.#options.roomIdleMs);
  }

  /** Flushes first; a socket that joins meanwhile cancels the unload and keeps the same room. */
  async #unload(entry: Entry): Promise<void> {
    const room = entry.room;
    if (!room || entry.refs > 0 || entry.unloading) return;
    entry.unloading = true;
    await room.flush();
    entry.unloading = false;
    if (entry.refs > 0 || this.#closing) return;
    this.#entries.delete(entry.boardId);
    await this.#destroy(entry, room);
    this.#options.logger.debug({ boardId: entry.boardId }, "room unloaded");
  }
}
