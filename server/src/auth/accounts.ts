import { ApiError } from "../ApiError";
import { EmailTakenError, type UserStore } from "../store/UserStore";
import type { LoginThrottle } from "./LoginThrottle";
import { checkPassword } from "./passwordPolicy";
import { hashPassword, verifyPassword } from "./passwords";
import type { AuthSession, Sessions, SessionUser } from "./sessions";

/** A new or signed-in user with the session token for their cookie. */
export interface SignedIn {
  user: SessionUser;
  token: string;
  session: AuthSession;
}

/** Sign-up, sign-in and sign-out as a plain module; failures are ApiErrors with the status and code to send. */
export interface Accounts {
  /** Creates an account (email already normalised) and signs it in: 400 weak password, 409 email taken. */
  signUp(input: { email: string; password: string; name: string }): Promise<SignedIn>;
  /** Signs in: 429 while throttled, 401 `invalid_credentials` alike for an unknown email and a wrong password. */
  logIn(input: { email: string; password: string }, ip: string): Promise<SignedIn>;
}

const INVALID_CREDENTIALS = "The email or password is not right.";

/** Trims and lower-cases an email, the one form in which emails are stored and looked up. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Builds the accounts module over the user store, the session service and the login throttle. */
export function createAccounts({
  users,
  sessions,
  throttle,
}: {
  users: UserStore;
  sessions: Sessions;
  throttle: LoginThrottle;
}): Accounts {
  return {
    async signUp({ email, password, name }) {
      const problem = await checkPassword(password, [email, name]);
      if (problem) throw new ApiError(400, problem.code, problem.message);
      const id = crypto.randomUUID();
      try {
        await users.create({
          id,
          email,
          name,
          passwordHash: await hashPassword(password),
          createdAt: Date.now(),
        });
      } catch (error) {
        if (error instanceof EmailTakenError)
          throw new ApiError(409, "email_taken", "An account with this email exists; sign in instead.");
        throw error;
      }
      const { token, session } = await sessions.create(id);
      return { user: { id, email, name }, token, session };
    },

    async logIn({ email, password }, ip) {
      const attempt = { email: normaliseEmail(email), ip };
      const wait = await throttle.retryAfter(attempt);
      if (wait > 0) {
        throw new ApiError(
          429,
          "too_many_attempts",
          `Too many sign-in attempts; try again in ${wait} seconds.`,
          {
            "Retry-After": String(wait),
          },
        );
      }
      const user = await users.getByEmail(attempt.email);
      // An unknown email is checked against a dummy hash, so both failures take as long and answer the same.
      if (!(await verifyPassword(user?.passwordHash, password)) || !user) {
        await throttle.failed(attempt);
        throw new ApiError(401, "invalid_credentials", INVALID_CREDENTIALS);
      }
      await throttle.succeeded(attempt);
      const { token, session } = await sessions.create(user.id);
      return { user: { id: user.id, email: user.email, name: user.name }, token, session };
    },
  };
}
