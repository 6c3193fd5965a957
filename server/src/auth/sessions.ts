import { Cookie, Lucia, TimeSpan } from "lucia";
import type { SessionStore, UserStore } from "../store";
import { createSessionAdapter, hashSessionId } from "./sessionAdapter";

declare module "lucia" {
  interface Register {
    Lucia: Lucia<Record<never, never>, { email: string; name: string }>;
    DatabaseUserAttributes: { email: string; name: string };
  }
}

/** The name of the session cookie. */
export const SESSION_COOKIE = "converge_session";

/** A signed-in user as requests see them. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
}

/** A valid session. `key` is the hash of its id, safe to keep in memory and logs; `fresh` means it was just renewed. */
export interface AuthSession {
  key: string;
  userId: string;
  expiresAt: Date;
  fresh: boolean;
}

/** Creates, validates (with sliding renewal) and ends sessions, and writes their cookies. Lucia stays behind it. */
export interface Sessions {
  /** Starts a session; `token` goes in the cookie and is never stored. */
  create(userId: string): Promise<{ token: string; session: AuthSession }>;
  /** The session and user for a cookie token, renewing it past half its life (`fresh`); null if unknown or expired. */
  validate(token: string): Promise<{ user: SessionUser; session: AuthSession } | null>;
  /** Ends the session of a token and returns its key (for closing its sockets). */
  invalidate(token: string): Promise<string>;
  /** When a session (by key) now expires, or null if it ended; for re-checking open sockets. */
  expiryOf(key: string): Promise<Date | null>;
  /** Deletes expired sessions from the store. */
  deleteExpired(): Promise<void>;
  /** The session token in a Cookie header, if any. */
  readToken(cookieHeader: string | undefined): string | null;
  /** A Set-Cookie value carrying the token until `expiresAt`. */
  cookie(token: string, expiresAt: Date, secure: boolean): string;
  /** A Set-Cookie value that clears the cookie. */
  blankCookie(secure: boolean): string;
}

/** Builds the session service: Lucia v3 with our hashing adapter, sessions lasting `ttlMs` and renewed past half. */
export function createSessions({
  sessions,
  users,
  ttlMs,
}: {
  sessions: SessionStore;
  users: Pick<UserStore, "get">;
  ttlMs: number;
}): Sessions {
  const lucia = new Lucia(createSessionAdapter({ sessions, users }), {
    sessionExpiresIn: new TimeSpan(ttlMs, "ms"),
    sessionCookie: { name: SESSION_COOKIE },
    getUserAttributes: (attributes) => ({ email: attributes.email, name: attributes.name }),
  });
  const attributes = (secure: boolean) => ({ httpOnly: true, sameSite: "lax", path: "/", secure }) as const;

  return {
    async create(userId) {
      const session = await lucia.createSession(userId, {});
      return {
        token: session.id,
        session: { key: hashSessionId(session.id), userId, expiresAt: session.expiresAt, fresh: true },
      };
    },
    async validate(token) {
      const { session, user } = await lucia.validateSession(token);
      if (!session) return null;
      return {
        user: { id: user.id, email: user.email, name: user.name },
        session: {
          key: hashSessionId(session.id),
          userId: session.userId,
          expiresAt: session.expiresAt,
          fresh: session.fresh,
        },
      };
    },
    async invalidate(token) {
      await lucia.invalidateSession(token);
      return hashSessionId(token);
    },
    async expiryOf(key) {
      const stored = await sessions.get(key);
      return stored && stored.expiresAt > Date.now() ? new Date(stored.expiresAt) : null;
    },
    deleteExpired: () => lucia.deleteExpiredSessions(),
    readToken: (header) => (header ? lucia.readSessionCookie(header) : null),
    cookie: (token, expiresAt, secure) =>
      new Cookie(SESSION_COOKIE, token, { ...attributes(secure), expires: expiresAt }).serialize(),
    blankCookie: (secure) => new Cookie(SESSION_COOKIE, "", { ...attributes(secure), maxAge: 0 }).serialize(),
  };
}
