import { equalityDeep } from "lib0/function";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { Logger } from "../logger";
import {
  type AwarenessEntry,
  type AwarenessEntryFilter,
  CloseCode,
  decodeAwarenessUpdate,
  encodeAwareness,
  encodeAwarenessFrame,
  encodeSaveStatus,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  ProtocolError,
  SaveStatus,
} from "../protocol";
import type { Role } from "../roles";
import type { DocStore } from "../store";
import { checkUpdate, type UpdateCheck } from "./checkUpdate";

/** Who is behind a socket, as `authorize` decided at upgrade time (and role changes since). */
export interface Principal {
  userId: string;
  name: string;
  /** False for viewers: their document updates are dropped. */
  canWrite: boolean;
  role: Role;
}

/** What a room needs from a connected socket: an id for logs and awareness ownership, and a way to send frames. */
export interface RoomPeer {
  readonly id: string;
  readonly principal: Principal;
  /** Sends one frame; never throws (a failing socket closes itself). */
  send(frame: Uint8Array<ArrayBuffer>): void;
}

/** The outcome of offering a client's update to a room: applied, or refused with the close code to use. */
export type UpdateResult = { ok: true } | { ok: false; code: CloseCode; reason: string };

/** Transaction origin of changes the server makes itself (seeding, renames); they are stored and broadcast. */
export const SERVER_ORIGIN = Symbol("server");
/** Transaction origin of the stored state being loaded; those changes are already stored. */
const LOAD_ORIGIN = Symbol("load");
/**
 * Transaction origin of changes from another server instance (fan-out, or a gap repair from the shared store): that
 * instance stored them, so they are broadcast to this room's sockets but neither stored nor published again.
 */
export const FANOUT_ORIGIN = Symbol("fanout");

/** What a room tells the other server instances through (see `RoomFanout`); absent for a single instance. */
export interface RoomRelay {
  /** An update this room has just stored and is broadcasting. */
  stored(update: Uint8Array): void;
  /** A client's update was refused as gapped: perhaps this instance missed another one's update. */
  gapped(): void;
}

/** A room's dependencies and limits. */
export interface RoomOptions {
  boardId: string;
  store: DocStore;
  logger: Logger;
  maxDocBytes: number;
  compactAfterUpdates: number;
  /** Backoff between failed store writes: starts at `initialMs`, doubles up to `maxMs`. */
  retry?: { initialMs: number; maxMs: number };
  /** Fan-out to other server instances. */
  relay?: RoomRelay;
  /** Told after each append is stored and broadcast (e.g. to record activity off the sync path); must not throw. */
  onStored?: () => void;
}

interface QueuedUpdate {
  peer: RoomPeer;
  update: Uint8Array;
  resolve(result: UpdateResult): void;
}

/**
 * One board's live document and presence while anyone is connected. Updates are validated, applied, appended to the
 * store once per event-loop turn (merged), and only then broadcast as one frame: nothing is shown before it is kept.
 */
export class Room {
  readonly boardId: string;
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly #options: RoomOptions;
  /** Made on first use (see `#log`). */
  #logger: Logger | undefined;
  readonly #retry: { initialMs: number; maxMs: number };
  readonly #peers = new Map<string, RoomPeer>();
  /** The peer that announced each awareness client id; a peer's ids are removed when it leaves. */
  readonly #awarenessOwner = new Map<number, RoomPeer>();
  /** Awareness client ids announced through other server instances (made on the first; most rooms have none). */
  #remoteAwareness: Set<number> | undefined;

  /** Applied to the document, not yet stored (including a batch whose append is in flight). */
  #pending: Uint8Array[] = [];
  #pendingBytes = 0;
  /** Client updates that arrived while an append was in flight; applied when it settles. */
  #inbox: QueuedUpdate[] = [];
  #inboxBytes = 0;
  #appending = false;
  #compacting = false;
  #flushTimer: NodeJS.Immediate | undefined;
  #retryTimer: NodeJS.Timeout | undefined;
  #retryDelay: number;
  #failedAttempts = 0;
  /** Run synchronously the moment the document holds nothing unstored. */
  #onStored: Array<() => void> = [];
  /** Resolved when nothing is pending, queued or in flight (for unload and shutdown). */
  #onIdle: Array<() => void> = [];

  #storedBytes: number;
  #lastSeq: number;
  #updatesSinceSnapshot: number;
  /**
   * The step 2 frame for a joiner with an empty state vector, valid until the next applied update; kept only for a
   * document of FULL_STATE_CACHE_MIN_BYTES or more, and freed by `sweep` once no joiner has needed it for
   * FULL_STATE_KEEP_MS (it is as large as the whole document).
   */
  #fullStateFrame: Uint8Array<ArrayBuffer> | null = null;
  #fullStateUsedAt = 0;
  #destroyed = false;

  /** Loads a board's stored state into a new room; throws (writing nothing) if the store cannot be read. */
  static async load(options: RoomOptions): Promise<Room> {
    const stored = await options.store.load(options.boardId);
    const doc = new Y.Doc();
    try {
      // One transaction, each update applied in turn: Y.mergeUpdates over a long history first costs more than it saves
      // (about 3× the CPU for 4,000 small updates), so the history is folded into a snapshot after the load instead.
      doc.transact(() => {
        for (const update of stored.updates) Y.applyUpdate(doc, update);
      }, LOAD_ORIGIN);
    } catch (error) {
      doc.destroy();
      throw new Error(`stored state of board ${options.boardId} could not be applied`, { cause: error });
    }
    if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) {
      options.logger.error(
        { boardId: options.boardId },
        "stored state has missing dependencies; serving what applied",
      );
    }
    const room = new Room(options, doc, stored);
    // A long history costs every later load a replay: fold it into one snapshot now.
    if (stored.updates.length > COMPACT_AFTER_LOADING) room.#maybeCompact(true);
    return room;
  }

  private constructor(
    options: RoomOptions,
    doc: Y.Doc,
    stored: { lastSeq: number; byteSize: number; updatesSinceSnapshot: number },
  ) {
    this.#options = options;
    this.boardId = options.boardId;
    this.#retry = options.retry ?? { initialMs: 100, maxMs: 5_000 };
    this.#retryDelay = this.#retry.initialMs;
    this.#storedBytes = stored.byteSize;
    this.#lastSeq = stored.lastSeq;
    this.#updatesSinceSnapshot = stored.updatesSinceSnapshot;
    this.doc = doc;
    this.awareness = new awarenessProtocol.Awareness(doc);
    // Outdated presence is dropped by `sweep`, which the RoomManager runs for every room from one timer.
    clearInterval(this.awareness._checkInterval);
    this.awareness.setLocalState(null);
    doc.on("update", this.#onDocUpdate);
  }

  /** This room's logger, made on first use: a room that never logs holds no pino child. */
  get #log(): Logger {
    this.#logger ??= this.#options.logger.child({ boardId: this.boardId });
    return this.#logger;
  }

  /** How many sockets are in the room. */
  get peerCount(): number {
    return this.#peers.size;
  }

  /** Bytes the store holds for this board plus what is applied but not yet stored. */
  get docBytes(): number {
    return this.#storedBytes + this.#pendingBytes;
  }

  /** Adds a socket and sends it the server's sync step 1, then every known awareness state. */
  join(peer: RoomPeer): void {
    this.#assertAlive();
    this.#peers.set(peer.id, peer);
    peer.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
    const awareness = this.awarenessFrame();
    if (awareness) peer.send(awareness);
    if (this.#failedAttempts > 0) peer.send(encodeSaveStatus(SaveStatus.unsaved));
  }

  /** Removes a socket and the awareness states it announced (telling everyone else they left). */
  leave(peer: RoomPeer): void {
    if (!this.#peers.delete(peer.id)) return;
    // A scan rather than an index of each peer's ids: a socket leaving is rare next to what an index costs per socket.
    const owned: number[] = [];
    for (const [clientId, owner] of this.#awarenessOwner) if (owner === peer) owned.push(clientId);
    for (const clientId of owned) this.#awarenessOwner.delete(clientId);
    if (this.#destroyed) return;
    const present = owned.filter((clientId) => this.awareness.states.has(clientId));
    if (present.length === 0) return;
    awarenessProtocol.removeAwarenessStates(this.awareness, present, SERVER_ORIGIN);
    this.#relayAwareness(present);
  }

  /** Checks an update against the document without applying it (used for viewers, whose writes are dropped). */
  inspect(update: Uint8Array): UpdateCheck {
    return checkUpdate(this.doc, update);
  }

  /**
   * Validates and applies a client's update (queued behind an in-flight append, so the document never runs ahead of
   * the store by more than one turn); refuses gapped or undecodable updates and ones that would pass the size limit.
   */
  receiveUpdate(peer: RoomPeer, update: Uint8Array): Promise<UpdateResult> {
    this.#assertAlive();
    if (this.docBytes + this.#inboxBytes + update.byteLength > this.#options.maxDocBytes) {
      return Promise.resolve({
        ok: false,
        code: CloseCode.documentTooLarge,
        reason: "update would make the document too large",
      });
    }
    if (!this.#appending) return Promise.resolve(this.#apply(peer, update));
    return new Promise((resolve) => {
      this.#inbox.push({ peer, update, resolve });
      this.#inboxBytes += update.byteLength;
    });
  }

  /**
   * Answers a client's sync step 1 with step 2 once everything applied so far is stored, so no one is ever sent
   * data the store has not kept. Throws ProtocolError for a malformed state vector.
   */
  replyToStep1(peer: RoomPeer, stateVector: Uint8Array): Promise<void> {
    let vector: Map<number, number>;
    try {
      vector = Y.decodeStateVector(stateVector);
    } catch (error) {
      throw new ProtocolError(`malformed state vector: ${(error as Error).message}`);
    }
    return new Promise((resolve) => {
      this.#whenStored(() => {
        if (this.#peers.has(peer.id)) {
          peer.send(
            vector.size === 0
              ? this.#fullState()
              : encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector)),
          );
        }
        resolve();
      });
    });
  }

  /**
   * Applies a client's awareness update after decoding it (ProtocolError for bad bytes) and relays the change
   * to every other socket. The server stamps each entry's `user.id` and `user.name` with the socket's principal
   * (keeping the client's colour and activity), so presence shows who really is there.
   *
   * The stock client echoes every awareness change it hears back to the server, so entries for client ids another
   * socket owns arrive routinely; those that change nothing (a clock the room already has) are dropped silently.
   * One that would change another person's entry is impersonation: nothing is applied and this returns false. The
   * same person's new socket (a reconnect racing the old one's close) takes the id over.
   */
  receiveAwareness(peer: RoomPeer, update: Uint8Array): boolean {
    this.#assertAlive();
    // Entries that would change nothing (echoes, mostly) are left out unparsed.
    const entries = decodeAwarenessUpdate(update, this.#wouldChange);
    if (entries.length === 0) return true;
    const takenOverRemote: number[] = [];
    for (const entry of entries) {
      const owner = this.#awarenessOwner.get(entry.clientId);
      if (owner && owner !== peer) {
        if (owner.principal.userId !== peer.principal.userId) return false;
      } else if (!owner && this.#remoteAwareness?.has(entry.clientId)) {
        // Someone on another instance: the same rule, judged by the user id that instance stamped.
        if (stampedUserOf(this.awareness.getStates().get(entry.clientId)) !== peer.principal.userId)
          return false;
        takenOverRemote.push(entry.clientId);
      }
    }
    for (const clientId of takenOverRemote) this.#remoteAwareness?.delete(clientId);
    for (const entry of entries) {
      if (entry.state !== null) entry.state = stampPresence(entry.state, peer.principal);
    }
    const change = applyAwarenessEntries(this.awareness, entries);
    if (change.applied.length === 0) return true;
    for (const { clientId, state } of change.applied) {
      if (state === null) this.#awarenessOwner.delete(clientId);
      else this.#awarenessOwner.set(clientId, peer);
    }
    // Encoded once, straight from the stamped entries that changed something: relayed as they were applied.
    const frame = encodeAwarenessFrame(change.applied);
    for (const other of this.#peers.values()) {
      if (other !== peer) other.send(frame);
    }
    emitAwarenessEvents(this.awareness, change, peer);
    return true;
  }

  /** Whether y-protocols would apply this entry: a newer clock, or a removal at the same clock of a present state. */
  readonly #wouldChange: AwarenessEntryFilter = (clientId, clock, removal) => {
    const current = this.awareness.meta.get(clientId)?.clock ?? 0;
    return current < clock || (current === clock && removal && this.awareness.states.has(clientId));
  };

  /**
   * Applies an update another instance stored and published, broadcasting it to this room's sockets; false (nothing
   * applied) when it does not decode or depends on something this document lacks: the caller repairs from the store.
   */
  applyRemoteUpdate(update: Uint8Array): boolean {
    if (this.#destroyed || !checkUpdate(this.doc, update).ok) return false;
    Y.applyUpdate(this.doc, update, FANOUT_ORIGIN);
    return true;
  }

  /** Applies a board's stored state (a gap repair): whatever this document lacked is broadcast as one update. */
  applyStoredState(updates: readonly Uint8Array[]): void {
    if (this.#destroyed) return;
    this.doc.transact(() => {
      for (const update of updates) Y.applyUpdate(this.doc, update);
    }, FANOUT_ORIGIN);
  }

  /** Applies presence relayed by another instance (already stamped there) and relays it to this room's sockets. */
  applyRemoteAwareness(update: Uint8Array): void {
    if (this.#destroyed) return;
    const entries = decodeAwarenessUpdate(update);
    const change = applyAwarenessEntries(this.awareness, entries);
    if (change.applied.length > 0) this.#sendToAll(encodeAwarenessFrame(change.applied));
    emitAwarenessEvents(this.awareness, change, FANOUT_ORIGIN);
    for (const { clientId, state } of entries) {
      if (state === null) this.#remoteAwareness?.delete(clientId);
      else if (!this.#awarenessOwner.has(clientId)) {
        this.#remoteAwareness ??= new Set();
        this.#remoteAwareness.add(clientId);
      }
    }
  }

  /** The awareness states of this instance's own sockets as one awareness update (not a frame), or null if none. */
  localAwareness(): Uint8Array | null {
    const local = [...this.awareness.getStates().keys()].filter((id) => !this.#remoteAwareness?.has(id));
    return local.length === 0 ? null : awarenessProtocol.encodeAwarenessUpdate(this.awareness, local);
  }

  /** Every known awareness state as one frame, or null when nobody has announced one. */
  awarenessFrame(): Uint8Array<ArrayBuffer> | null {
    const clients = [...this.awareness.getStates().keys()];
    if (clients.length === 0) return null;
    return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
  }

  /**
   * Periodic upkeep (the RoomManager calls it every few seconds, for every room): removes presence states not renewed
   * within y-protocols' `outdatedTimeout` (clients renew theirs every 15 s; this is what y-protocols does with a
   * timer per Awareness), and frees the full-state frame once no joiner has needed it for FULL_STATE_KEEP_MS.
   */
  sweep(now: number = Date.now()): void {
    if (this.#destroyed) return;
    const outdated: number[] = [];
    for (const [clientId, { lastUpdated }] of this.awareness.meta) {
      if (now - lastUpdated >= awarenessProtocol.outdatedTimeout && this.awareness.states.has(clientId)) {
        outdated.push(clientId);
      }
    }
    if (outdated.length > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, outdated, "timeout");
      this.#relayAwareness(outdated);
    }
    if (now - this.#fullStateUsedAt >= FULL_STATE_KEEP_MS) this.#fullStateFrame = null;
  }

  /** Resolves once nothing is pending, queued or being written (retrying failed writes meanwhile). */
  flush(): Promise<void> {
    return new Promise((resolve) => {
      this.#onIdle.push(resolve);
      this.#scheduleFlush();
      this.#settle();
    });
  }

  /** Frees the document and presence; the room must be flushed and empty. */
  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    if (this.#flushTimer) clearImmediate(this.#flushTimer);
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.doc.off("update", this.#onDocUpdate);
    this.awareness.destroy();
    this.doc.destroy();
    this.#peers.clear();
    for (const queued of this.#inbox) {
      queued.resolve({ ok: false, code: CloseCode.goingAway, reason: "room closed" });
    }
    this.#inbox = [];
  }

  #apply(peer: RoomPeer, update: Uint8Array): UpdateResult {
    const check = checkUpdate(this.doc, update);
    if (!check.ok) {
      if (check.kind === "gapped") this.#options.relay?.gapped();
      return { ok: false, code: CloseCode.malformed, reason: check.reason };
    }
    try {
      Y.applyUpdate(this.doc, update, peer);
    } catch (error) {
      this.#log.error({ err: error, socketId: peer.id }, "update passed validation but failed to apply");
      return { ok: false, code: CloseCode.malformed, reason: "update could not be applied" };
    } finally {
      this.#dropParkedStructs(peer);
    }
    return { ok: true };
  }

  /** What Yjs parked as pending was never integrated or emitted; drop it so it is never stored or served. */
  #dropParkedStructs(peer: RoomPeer): void {
    const store = this.doc.store;
    if (store.pendingStructs === null && store.pendingDs === null) return;
    this.#log.error({ socketId: peer.id }, "update left pending structs after validation; dropped them");
    store.pendingStructs = null;
    store.pendingDs = null;
  }

  readonly #onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === LOAD_ORIGIN) return;
    this.#fullStateFrame = null;
    if (origin === FANOUT_ORIGIN) {
      this.#storedBytes += update.byteLength;
      const frame = encodeSyncUpdate(update);
      for (const peer of this.#peers.values()) peer.send(frame);
      return;
    }
    this.#pending.push(update);
    this.#pendingBytes += update.byteLength;
    this.#scheduleFlush();
  };

  /**
   * Tells every socket that these presence states are gone (a socket left, or they timed out); their removal is
   * already applied. Presence from sockets and other instances is relayed where it is applied, from its entries.
   */
  #relayAwareness(clientIds: number[]): void {
    this.#sendToAll(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clientIds)));
  }

  #fullState(): Uint8Array<ArrayBuffer> {
    if (!this.#fullStateFrame) return this.#fullStateOf(Y.encodeStateAsUpdate(this.doc));
    this.#fullStateUsedAt = Date.now();
    return this.#fullStateFrame;
  }

  /** The step 2 frame carrying `state` (the whole document), kept for later joiners when the document is large. */
  #fullStateOf(state: Uint8Array): Uint8Array<ArrayBuffer> {
    const frame = encodeSyncStep2(state);
    if (state.byteLength >= FULL_STATE_CACHE_MIN_BYTES) {
      this.#fullStateFrame = frame;
      this.#fullStateUsedAt = Date.now();
    }
    return frame;
  }

  #whenStored(callback: () => void): void {
    this.#onStored.push(callback);
    this.#settle();
  }

  #scheduleFlush(): void {
    if (this.#flushTimer || this.#retryTimer || this.#appending || this.#compacting || this.#destroyed)
      return;
    if (this.#pending.length === 0) return;
    this.#flushTimer = setImmediate(() => {
      this.#flushTimer = undefined;
      void this.#flush();
    });
  }

  async #flush(): Promise<void> {
    if (this.#appending || this.#compacting || this.#destroyed || this.#pending.length === 0) return;
    const batch = this.#pending;
    const merged = batch.length === 1 ? (batch[0] as Uint8Array) : Y.mergeUpdates(batch);
    this.#pending = [merged];
    this.#pendingBytes = merged.byteLength;
    this.#appending = true;
    let seq: number;
    try {
      seq = await this.#options.store.append(this.boardId, merged);
    } catch (error) {
      this.#appending = false;
      this.#onWriteFailed(error, merged.byteLength);
      this.#drainInbox();
      return;
    }
    this.#appending = false;
    this.#pending.shift();
    this.#pendingBytes -= merged.byteLength;
    this.#storedBytes += merged.byteLength;
    this.#lastSeq = seq;
    this.#updatesSinceSnapshot++;
    const recovered = this.#failedAttempts > 0;
    if (recovered) this.#log.info({ attempts: this.#failedAttempts }, "store write succeeded after retries");
    this.#failedAttempts = 0;
    this.#retryDelay = this.#retry.initialMs;
    if (!this.#destroyed) {
      const frame = encodeSyncUpdate(merged);
      for (const peer of this.#peers.values()) peer.send(frame);
      if (recovered) this.#sendToAll(encodeSaveStatus(SaveStatus.saved));
      this.#options.relay?.stored(merged);
      this.#options.onStored?.();
    }
    // Before anything else is applied: the document now equals the store, so waiting step 2 replies go out now.
    this.#settle();
    this.#maybeCompact();
    this.#drainInbox();
    this.#scheduleFlush();
    this.#settle();
  }

  #onWriteFailed(error: unknown, bytes: number): void {
    this.#failedAttempts++;
    const delay = this.#retryDelay;
    this.#retryDelay = Math.min(this.#retryDelay * 2, this.#retry.maxMs);
    this.#log.error(
      { err: error, attempt: this.#failedAttempts, retryInMs: delay, bytes, peers: this.#peers.size },
      "store append failed; updates kept in memory and not broadcast yet",
    );
    if (this.#failedAttempts === 1 && !this.#destroyed) this.#sendToAll(encodeSaveStatus(SaveStatus.unsaved));
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      this.#scheduleFlush();
    }, delay);
  }

  #sendToAll(frame: Uint8Array<ArrayBuffer>): void {
    for (const peer of this.#peers.values()) peer.send(frame);
  }

  /** Writes a snapshot once enough updates were appended since the last one (or now, when `force`). */
  #maybeCompact(force = false): void {
    if (this.#compacting || this.#destroyed || this.#pending.length > 0) return;
    if (!force && this.#updatesSinceSnapshot < this.#options.compactAfterUpdates) return;
    // With several instances this document may lack another's latest updates; PgDocStore.compact folds every stored
    // update <= uptoSeq into the snapshot under a per-board lock, so nothing another instance stored is lost.
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    // The same bytes answer a joiner with an empty state vector, until the next update (kept if the document is large).
    if (!this.#fullStateFrame) this.#fullStateOf(snapshot);
    const uptoSeq = this.#lastSeq;
    this.#compacting = true;
    const started = performance.now();
    this.#options.store.compact(this.boardId, snapshot, uptoSeq).then(
      () => {
        this.#compacting = false;
        if (this.#lastSeq === uptoSeq) {
          this.#storedBytes = snapshot.byteLength;
          this.#updatesSinceSnapshot = 0;
        }
        this.#log.debug(
          { uptoSeq, bytes: snapshot.byteLength, ms: Math.round(performance.now() - started) },
          "compacted",
        );
        this.#scheduleFlush();
        this.#settle();
      },
      (error: unknown) => {
        this.#compacting = false;
        this.#log.warn({ err: error, uptoSeq }, "compaction failed; will try again after the next append");
        this.#scheduleFlush();
        this.#settle();
      },
    );
  }

  #drainInbox(): void {
    const queued = this.#inbox;
    this.#inbox = [];
    this.#inboxBytes = 0;
    for (const item of queued) {
      item.resolve(
        this.#destroyed
          ? { ok: false, code: CloseCode.goingAway, reason: "room closed" }
          : this.#apply(item.peer, item.update),
      );
    }
  }

  /** Runs the waiters whose condition holds: stored (nothing applied is unstored) and idle (nothing in flight either). */
  #settle(): void {
    if (this.#appending || this.#pending.length > 0) return;
    const stored = this.#onStored;
    this.#onStored = [];
    for (const callback of stored) callback();
    if (this.#compacting || this.#inbox.length > 0 || this.#pending.length > 0) return;
    const idle = this.#onIdle;
    this.#onIdle = [];
    for (const resolve of idle) resolve();
  }

  #assertAlive(): void {
    if (this.#destroyed) throw new Error(`room ${this.boardId} was unloaded`);
  }
}

/** How long the full-state frame is kept after a joiner last needed it: a join storm shares one encoding. */
const FULL_STATE_KEEP_MS = 10_000;

/**
 * The smallest document whose full-state frame is kept. Encoding a smaller one again for each joiner costs well under
 * a millisecond, while keeping it would hold a copy of every recently joined board (2,000 small boards: ~3.5 MiB).
 */
const FULL_STATE_CACHE_MIN_BYTES = 64 * 1024;

/** Loading more stored updates than this (snapshot included) writes a fresh snapshot right away. */
const COMPACT_AFTER_LOADING = 50;

/** Colours for people whose client sent none (or not a `#rrggbb` one), picked by user id. */
const FALLBACK_COLOURS = [
  "#e5484d",
  "#f76b15",
  "#ffc53d",
  "#46a758",
  "#12a594",
  "#0090ff",
  "#8e4ec6",
  "#d6409f",
];

/** An awareness state with `user.id`/`user.name` replaced by the principal's; other fields are kept as sent. */
function stampPresence(state: unknown, principal: Principal): Record<string, unknown> {
  const record = isPlainRecord(state) ? state : {};
  const claimed = isPlainRecord(record.user) ? record.user : {};
  const color =
    typeof claimed.color === "string" && /^#[0-9a-f]{6}$/i.test(claimed.color)
      ? claimed.color
      : (FALLBACK_COLOURS[hashOf(principal.userId) % FALLBACK_COLOURS.length] as string);
  return { ...record, user: { id: principal.userId, name: principal.name, color } };
}

/** The `user.id` a server stamped on an awareness state, if any. */
function stampedUserOf(state: unknown): string | undefined {
  if (!isPlainRecord(state) || !isPlainRecord(state.user)) return undefined;
  return typeof state.user.id === "string" ? state.user.id : undefined;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function hashOf(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (hash * 31 + text.charCodeAt(i)) >>> 0;
  return hash;
}

/** Which awareness clients an update added, updated or removed, and the entries that changed something. */
interface AwarenessChange {
  added: number[];
  updated: number[];
  /** Updated entries whose state differs from the one they replace. */
  changed: number[];
  removed: number[];
  applied: AwarenessEntry[];
}

/**
 * Applies decoded awareness entries as y-protocols' `applyAwarenessUpdate` does (a newer clock wins; a removal at the
 * same clock removes), without encoding and decoding them again. The server's own local state is always null, so a
 * client can never remove it.
 */
function applyAwarenessEntries(
  awareness: awarenessProtocol.Awareness,
  entries: readonly AwarenessEntry[],
): AwarenessChange {
  const change: AwarenessChange = { added: [], updated: [], changed: [], removed: [], applied: [] };
  const now = Date.now();
  for (const entry of entries) {
    const { clientId, clock, state } = entry;
    const meta = awareness.meta.get(clientId);
    const previous = awareness.states.get(clientId);
    const current = meta?.clock ?? 0;
    if (!(current < clock || (current === clock && state === null && awareness.states.has(clientId))))
      continue;
    if (state === null) awareness.states.delete(clientId);
    else awareness.states.set(clientId, state as Record<string, unknown>);
    awareness.meta.set(clientId, { clock, lastUpdated: now });
    if (meta === undefined && state !== null) change.added.push(clientId);
    else if (meta !== undefined && state === null) change.removed.push(clientId);
    else if (state !== null) {
      if (!equalityDeep(state, previous)) change.changed.push(clientId);
      change.updated.push(clientId);
    } else continue;
    change.applied.push(entry);
  }
  return change;
}

/**
 * Tells awareness listeners (e.g. the fan-out to other instances) what `applyAwarenessEntries` changed. An event
 * nobody listens to is not emitted: lib0 builds a Map, arrays and the event for every emit, listened to or not, and a
 * busy room applies thousands of changes a second. (The room itself never listens: it relays where it applies.)
 */
function emitAwarenessEvents(
  awareness: awarenessProtocol.Awareness,
  { added, updated, changed, removed }: AwarenessChange,
  origin: unknown,
): void {
  if ((added.length > 0 || changed.length > 0 || removed.length > 0) && hasListeners(awareness, "change")) {
    awareness.emit("change", [{ added, updated: changed, removed }, origin]);
  }
  if (hasListeners(awareness, "update")) awareness.emit("update", [{ added, updated, removed }, origin]);
}

function hasListeners(awareness: awarenessProtocol.Awareness, event: string): boolean {
  return (awareness._observers.get(event)?.size ?? 0) > 0;
}
