export { type Accounts, createAccounts, normaliseEmail, type SignedIn } from "./accounts";
export type { LoginAttempt, LoginThrottle } from "./LoginThrottle";
export {
  MemoryLoginThrottle,
  type MemoryLoginThrottleOptions,
  type ThrottleLimit,
} from "./MemoryLoginThrottle";
export {
  checkPassword,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  type PasswordProblem,
} from "./passwordPolicy";
export { hashPassword, verifyPassword } from "./passwords";
export { createSessionAdapter, hashSessionId } from "./sessionAdapter";
export {
  type AuthSession,
  createSessions,
  SESSION_COOKIE,
  type Sessions,
  type SessionUser,
} from "./sessions";
