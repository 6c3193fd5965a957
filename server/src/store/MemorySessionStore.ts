import type { SessionRecord, SessionStore } from "./SessionStore";

/** The in-memory SessionStore twin for unit tests. */
export class MemorySessionStore implements SessionStore {
  readonly #sessions = new Map<string, SessionRecord>();

  async create(session: SessionRecord): Promise<void> {
    if (this.#sessions.has(session.key)) throw new Error("session already exists");
    this.#sessions.set(session.key, { ...session });
  }

  async get(key: string): Promise<SessionRecord | undefined> {
    const session = this.#sessions.get(key);
    return session && { ...session };
  }

  async listByUser(userId: string): Promise<SessionRecord[]> {
    return [...this.#sessions.values()].filter((s) => s.userId === userId).map((s) => ({ ...s }));
  }

  async setExpiry(key: string, expiresAt: number): Promise<boolean> {
    const session = this.#sessions.get(key);
    if (!session) return false;
    session.expiresAt = expiresAt;
    return true;
  }

  async remove(key: string): Promise<boolean> {
    return this.#sessions.delete(key);
  }

  async removeByUser(userId: string): Promise<string[]> {
    const keys = [...this.#sessions.values()].filter((s) => s.userId === userId).map((s) => s.key);
    for (const key of keys) this.#sessions.delete(key);
    return keys;
  }

  async removeExpired(now: number): Promise<number> {
    let removed = 0;
    for (const [key, session] of this.#sessions) {
      if (session.expiresAt <= now) {
        this.#sessions.delete(key);
        removed++;
      }
    }
    return removed;
  }
}
