import { getConnInfo } from "@hono/node-server/conninfo";
import { type Context, Hono } from "hono";
import * as z from "zod";
import { type Accounts, MAX_PASSWORD_LENGTH, normaliseEmail, type Sessions, type SignedIn } from "../auth";
import type { AppEnv } from "../http/env";
import { requireUser } from "../http/middleware";
import { clientIp, isSecureRequest } from "../http/origin";
import { parseBody } from "../http/parseBody";
import { CloseCode } from "../protocol";
import type { SocketRegistry } from "../sync/SocketRegistry";

const email = z
  .string()
  .max(254)
  .transform(normaliseEmail)
  .pipe(z.email({ message: "not a valid email address" }));
const signUpBody = z.object({
  email,
  // Length and strength are checked by the password policy, which says why.
  password: z.string(),
  name: z.string().trim().min(1, "must not be empty").max(80),
});
const logInBody = z.object({ email: z.string().max(254), password: z.string().max(MAX_PASSWORD_LENGTH) });

/** The auth routes' dependencies. */
export interface AuthRoutesDeps {
  accounts: Accounts;
  sessions: Sessions;
  sockets: SocketRegistry;
  trustProxy: boolean;
}

/** `/api/auth` (sign up, sign in, sign out) and `/api/me`. */
export function createAuthRoutes({ accounts, sessions, sockets, trustProxy }: AuthRoutesDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const signIn = (c: Context<AppEnv>, { user, token, session }: SignedIn) => {
    c.header(
      "Set-Cookie",
      sessions.cookie(token, session.expiresAt, isSecureRequest(c.req.raw, trustProxy)),
      {
        append: true,
      },
    );
    return user;
  };

  app.post("/auth/signup", async (c) => {
    const body = await parseBody(c, signUpBody);
    return c.json(signIn(c, await accounts.signUp(body)), 201);
  });

  app.post("/auth/login", async (c) => {
    const body = await parseBody(c, logInBody);
    const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming;
    const ip = clientIp(c.req.raw, incoming ? getConnInfo(c).remote.address : undefined, trustProxy);
    return c.json(signIn(c, await accounts.logIn(body, ip)));
  });

  app.post("/auth/logout", async (c) => {
    const token = c.get("sessionToken");
    if (token) {
      const key = await sessions.invalidate(token);
      sockets.closeSession(key, CloseCode.unauthenticated, "signed out");
    }
    c.header("Set-Cookie", sessions.blankCookie(isSecureRequest(c.req.raw, trustProxy)), { append: true });
    return c.body(null, 204);
  });

  app.get("/me", (c) => c.json(requireUser(c).user));

  return app;
}
