import { ApiError, json, request } from "./api";

/** The signed-in person, as `/api/me` returns them. */
export interface User {
  readonly id: string;
  readonly email: string;
  readonly name: string;
}

/** Shortest password the server accepts (it also refuses common and easily guessed ones). */
export const MIN_PASSWORD_LENGTH = 10;

/** The signed-in user, or null when there is no session (GET /api/me). */
export async function fetchMe(): Promise<User | null> {
  try {
    return await request<User>("/api/me", undefined, { unauthenticatedIsExpected: true });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** Creates an account and signs it in (POST /api/auth/signup). */
export function signUp(input: { email: string; password: string; name: string }): Promise<User> {
  return request<User>("/api/auth/signup", json("POST", input), { unauthenticatedIsExpected: true });
}

/** Signs in (POST /api/auth/login); a 401 `invalid_credentials` or a 429 with Retry-After on failure. */
export function logIn(input: { email: string; password: string }): Promise<User> {
  return request<User>("/api/auth/login", json("POST", input), { unauthenticatedIsExpected: true });
}

/** Ends the session (POST /api/auth/logout); the server closes this session's board sockets. */
export function logOut(): Promise<void> {
  return request<void>("/api/auth/logout", json("POST"), { unauthenticatedIsExpected: true });
}
