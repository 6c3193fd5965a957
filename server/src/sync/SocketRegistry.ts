import type { Logger } from "../logger";
import { CloseCode } from "../protocol";
import { canWriteDocument, type Role } from "../roles";
import type { Principal } from "../rooms/Room";

/** What the registry needs of an open socket. */
export interface LiveSocket {
  readonly boardId: string;
  readonly principal: Principal;
  /** Replaces who the socket acts as (a role change reaches it without a reconnect). */
  setPrincipal(principal: Principal): void;
  close(code: CloseCode, reason: string): void;
}

/** The registry's dependencies. */
export interface SocketRegistryOptions {
  /** When a session (by key) now expires, or null once it has ended; asked when a socket's session reaches expiry. */
  sessionExpiry(key: string): Promise<Date | null>;
  logger: Logger;
  /** How long a deleted board stays refused for sockets that were authorized just before it went. */
  deletedBoardMemoryMs?: number;
}

/** setTimeout's longest delay; a session lasting longer is re-checked when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface SessionEntry {
  sockets: Set<LiveSocket>;
  timer: NodeJS.Timeout | undefined;
}

/**
 * Every open socket by board, by user and by session, so that sign-out, session expiry, role changes, removal and
 * board deletion reach open sockets at once. Plain module: routes call it, it knows nothing of HTTP.
 */
export class SocketRegistry {
  readonly #options: SocketRegistryOptions;
  readonly #sessionOf = new Map<LiveSocket, string>();
  readonly #bySession = new Map<string, SessionEntry>();
  readonly #deletedBoards = new Map<string, NodeJS.Timeout>();

  constructor(options: SocketRegistryOptions) {
    this.#options = options;
  }

  /** Number of open sockets. */
  get size(): number {
    return this.#sessionOf.size;
  }

  /** Every open socket (for shutdown). */
  all(): LiveSocket[] {
    return [...this.#sessionOf.keys()];
  }

  /** True for a board deleted moments ago: a socket authorized before the deletion must not open it. */
  isDeleted(boardId: string): boolean {
    return this.#deletedBoards.has(boardId);
  }

  /** Tracks a socket of a session that expires at `expiresAt`; it is closed with 4401 at expiry unless renewed. */
  add(socket: LiveSocket, session: { key: string; expiresAt: Date }): void {
    this.#sessionOf.set(socket, session.key);
    let entry = this.#bySession.get(session.key);
    if (!entry) {
      entry = { sockets: new Set(), timer: undefined };
      this.#bySession.set(session.key, entry);
      this.#schedule(session.key, entry, session.expiresAt);
    }
    entry.sockets.add(socket);
  }

  /** Forgets a closed socket. */
  remove(socket: LiveSocket): void {
    const key = this.#sessionOf.get(socket);
    if (key === undefined) return;
    this.#sessionOf.delete(socket);
    const entry = this.#bySession.get(key);
    if (!entry) return;
    entry.sockets.delete(socket);
    if (entry.sockets.size === 0) {
      clearTimeout(entry.timer);
      this.#bySession.delete(key);
    }
  }

  /** Closes every socket of one session (sign-out). */
  closeSession(key: string, code: CloseCode, reason: string): void {
    for (const socket of [...(this.#bySession.get(key)?.sockets ?? [])]) socket.close(code, reason);
  }

  /** Closes one user's sockets on one board (removed, or left). */
  closeUserOnBoard(boardId: string, userId: string, code: CloseCode, reason: string): void {
    for (const socket of this.#matching(boardId, userId)) socket.close(code, reason);
  }

  /** Closes every socket on a board and refuses late arrivals for a while (the board was deleted). */
  closeBoard(boardId: string, code: CloseCode, reason: string): void {
    clearTimeout(this.#deletedBoards.get(boardId));
    const timer = setTimeout(
      () => this.#deletedBoards.delete(boardId),
      this.#options.deletedBoardMemoryMs ?? 60_000,
    );
    timer.unref();
    this.#deletedBoards.set(boardId, timer);
    for (const socket of this.#matching(boardId)) socket.close(code, reason);
  }

  /** Gives one user's open sockets on a board a new role at once (a demotion to viewer makes them read-only). */
  setRole(boardId: string, userId: string, role: Role): void {
    for (const socket of this.#matching(boardId, userId)) {
      socket.setPrincipal({ ...socket.principal, role, canWrite: canWriteDocument(role) });
    }
  }

  /** Stops every timer (shutdown). */
  close(): void {
    for (const entry of this.#bySession.values()) clearTimeout(entry.timer);
    for (const timer of this.#deletedBoards.values()) clearTimeout(timer);
    this.#deletedBoards.clear();
  }

  #matching(boardId: string, userId?: string): LiveSocket[] {
    return this.all().filter(
      (socket) => socket.boardId === boardId && (userId === undefined || socket.principal.userId === userId),
    );
  }

  #schedule(key: string, entry: SessionEntry, expiresAt: Date): void {
    const delay = Math.min(Math.max(expiresAt.getTime() - Date.now(), 0), MAX_TIMER_MS);
    entry.timer = setTimeout(() => void this.#recheck(key, entry), delay);
    entry.timer.unref();
  }

  /** At expiry, asks the store: a session renewed meanwhile (sliding expiry) keeps its sockets until the new expiry. */
  async #recheck(key: string, entry: SessionEntry): Promise<void> {
    let expiresAt: Date | null;
    try {
      expiresAt = await this.#options.sessionExpiry(key);
    } catch (error) {
      this.#options.logger.error(
        { err: error },
        "could not re-check a session at expiry; checking again soon",
      );
      expiresAt = new Date(Date.now() + 5_000);
    }
    if (this.#bySession.get(key) !== entry) return;
    if (expiresAt && expiresAt.getTime() > Date.now()) {
      this.#schedule(key, entry, expiresAt);
      return;
    }
    for (const socket of [...entry.sockets]) socket.close(CloseCode.unauthenticated, "session expired");
  }
}
