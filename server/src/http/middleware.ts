import type { Context, MiddlewareHandler } from "hono";
import { ApiError } from "../ApiError";
import type { AuthSession, Sessions, SessionUser } from "../auth";
import type { AppEnv } from "./env";
import { isAllowedOrigin, isSecureRequest } from "./origin";

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Refuses a state-changing request whose Origin is not allowed with 403 `origin_forbidden` (CSRF defence). */
export function originCheck(options: {
  allowedOrigins: readonly string[];
  trustProxy: boolean;
}): MiddlewareHandler {
  return async function originCheckMiddleware(c, next) {
    if (STATE_CHANGING.has(c.req.method) && !isAllowedOrigin(c.req.raw, options)) {
      throw new ApiError(
        403,
        "origin_forbidden",
        "This request's Origin is not allowed to change anything here.",
      );
    }
    await next();
  };
}

/**
 * Reads the session cookie into `user`/`session` (null when absent or invalid). A renewed session re-sets the cookie
 * (sliding expiry); a stale cookie is cleared.
 */
export function sessionReader(sessions: Sessions, trustProxy: boolean): MiddlewareHandler<AppEnv> {
  return async function sessionMiddleware(c, next) {
    c.set("user", null);
    c.set("session", null);
    c.set("sessionToken", null);
    const token = sessions.readToken(c.req.header("cookie"));
    if (token) {
      const valid = await sessions.validate(token);
      const secure = isSecureRequest(c.req.raw, trustProxy);
      if (valid) {
        c.set("user", valid.user);
        c.set("session", valid.session);
        c.set("sessionToken", token);
        if (valid.session.fresh) {
          c.header("Set-Cookie", sessions.cookie(token, valid.session.expiresAt, secure), { append: true });
        }
      } else {
        c.header("Set-Cookie", sessions.blankCookie(secure), { append: true });
      }
    }
    await next();
  };
}

/** The signed-in user and session, or a 401 `unauthenticated`. */
export function requireUser(c: Context<AppEnv>): { user: SessionUser; session: AuthSession } {
  const user = c.get("user");
  const session = c.get("session");
  if (!user || !session) throw new ApiError(401, "unauthenticated", "Sign in first.");
  return { user, session };
}
