import { ApiError, describeError } from "./api";

/** Which field of the sign-in form an error belongs to; `form` when it is about the whole attempt. */
export type AuthField = "email" | "password" | "name" | "form";

/** A sign-in or sign-up failure as the form shows it. */
export interface AuthProblem {
  readonly field: AuthField;
  readonly message: string;
  /** The email is taken: offer to sign in instead. */
  readonly offerSignIn?: boolean;
}

const FIELDS: readonly AuthField[] = ["email", "password", "name"];

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Whole minutes to wait, at least one. */
export function minutesToWait(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 60));
}

/**
 * Turns a failed sign-in or sign-up into words beside the right field. The server names the field
 * in its message ("password: use at least 10 characters."), so that prefix picks the field.
 */
export function describeAuthError(error: unknown): AuthProblem {
  if (!(error instanceof ApiError)) return { field: "form", message: describeError(error) };
  if (error.status === 429) {
    const minutes = minutesToWait(error.retryAfterSeconds ?? 60);
    return {
      field: "form",
      message: `Too many attempts, try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`,
    };
  }
  if (error.status === 409) return { field: "email", message: error.message, offerSignIn: true };
  // zod joins several issues with "; ", each "field: problem"; a message may itself contain "; ".
  const named = [...error.message.matchAll(/(?:^|; )(\w+): /g)].map((match) => match[1]);
  const field = FIELDS.find((name) => name === named[0]);
  if (field && named.every((name) => name === field)) {
    const words = error.message.replace(/(^|; )\w+: /g, "$1");
    return { field, message: capitalise(words) };
  }
  return { field: "form", message: error.message };
}
