import type { AuthSession, SessionUser } from "../auth";

/** What the session middleware puts on every /api request's context. */
export interface AppEnv {
  Variables: {
    /** The signed-in user, or null. */
    user: SessionUser | null;
    /** Their session, or null. */
    session: AuthSession | null;
    /** The session token from the cookie, when it was valid (for sign-out). */
    sessionToken: string | null;
  };
}
