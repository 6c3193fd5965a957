import { createHash } from "node:crypto";
import type { Adapter, DatabaseSession, DatabaseUser } from "lucia";
import type { SessionStore, UserStore } from "../store";

/** The hex SHA-256 of a session id: the only form in which a session id is ever stored. */
export function hashSessionId(sessionId: string): string {
  return createHash("sha256").update(sessionId, "utf8").digest("hex");
}

/**
 * Lucia's adapter over our SessionStore and UserStore ports. Lucia hands it the secret session id; the adapter stores
 * and looks up only its SHA-256 hash, so a copy of the database opens no session. `getUserSessions` can only return the
 * hashes (the ids are not recoverable), so its ids are not usable as cookies; nothing here relies on it.
 */
export function createSessionAdapter({
  sessions,
  users,
}: {
  sessions: SessionStore;
  users: Pick<UserStore, "get">;
}): Adapter {
  return {
    async getSessionAndUser(sessionId): Promise<[DatabaseSession | null, DatabaseUser | null]> {
      const stored = await sessions.get(hashSessionId(sessionId));
      if (!stored) return [null, null];
      const user = await users.get(stored.userId);
      return [
        { id: sessionId, userId: stored.userId, expiresAt: new Date(stored.expiresAt), attributes: {} },
        user ? { id: user.id, attributes: { email: user.email, name: user.name } } : null,
      ];
    },
    async getUserSessions(userId) {
      return (await sessions.listByUser(userId)).map((stored) => ({
        id: stored.key,
        userId: stored.userId,
        expiresAt: new Date(stored.expiresAt),
        attributes: {},
      }));
    },
    async setSession(session) {
      await sessions.create({
        key: hashSessionId(session.id),
        userId: session.userId,
        expiresAt: session.expiresAt.getTime(),
      });
    },
    async updateSessionExpiration(sessionId, expiresAt) {
      await sessions.setExpiry(hashSessionId(sessionId), expiresAt.getTime());
    },
    async deleteSession(sessionId) {
      await sessions.remove(hashSessionId(sessionId));
    },
    async deleteUserSessions(userId) {
      await sessions.removeByUser(userId);
    },
    async deleteExpiredSessions() {
      await sessions.removeExpired(Date.now());
    },
  };
}
