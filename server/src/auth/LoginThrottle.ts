/** Who is trying to sign in: the account (normalised email, known or not) and the client IP. */
export interface LoginAttempt {
  email: string;
  ip: string;
}

/**
 * Limits password guessing per account and per IP. A port: the in-memory implementation serves one instance; a
 * shared one (PostgreSQL or Redis) serves several.
 */
export interface LoginThrottle {
  /** Seconds until this attempt may be made (0 = now). */
  retryAfter(attempt: LoginAttempt): Promise<number>;
  /** Counts a failed attempt against both the account and the IP. */
  failed(attempt: LoginAttempt): Promise<void>;
  /** A successful sign-in clears the account's failures (not the IP's). */
  succeeded(attempt: LoginAttempt): Promise<void>;
}
