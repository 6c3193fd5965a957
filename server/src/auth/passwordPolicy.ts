import { passwordProcess } from "./PasswordProcess";

/** Shortest password accepted. */
export const MIN_PASSWORD_LENGTH = 10;
/** Longest password accepted (argon2 does not need more; this bounds the work per attempt). */
export const MAX_PASSWORD_LENGTH = 256;
/** Lowest zxcvbn score (0–4) accepted. */
export const MIN_PASSWORD_SCORE = 2;

/** Why a password was refused, with a message a person can act on. */
export interface PasswordProblem {
  code: "password_too_short" | "password_too_long" | "password_common" | "password_weak";
  message: string;
}

/**
 * Checks a new password: 10–256 characters, not in the common-passwords list (case-insensitive), and a zxcvbn score of
 * at least 2 given the person's own email and name. Null when it is acceptable. The list and zxcvbn run in the password
 * child process (`PasswordProcess`): loading them takes ~0.3 s and rating a crafted 64–256 character password as long
 * again, which on the main thread would freeze every open board for that time.
 */
export async function checkPassword(
  password: string,
  userInputs: readonly string[] = [],
): Promise<PasswordProblem | null> {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    return {
      code: "password_too_short",
      message: `password: use at least ${MIN_PASSWORD_LENGTH} characters.`,
    };
  }
  if (length > MAX_PASSWORD_LENGTH) {
    return { code: "password_too_long", message: `password: use at most ${MAX_PASSWORD_LENGTH} characters.` };
  }
  const { common, score } = await passwordProcess().rate(password, expandInputs(userInputs));
  if (common) {
    return {
      code: "password_common",
      message: "password: this is one of the most common passwords; choose another.",
    };
  }
  if (score < MIN_PASSWORD_SCORE) {
    return {
      code: "password_weak",
      message:
        "password: too easy to guess (e.g. a word, a pattern or your own name or email); make it longer or less predictable.",
    };
  }
  return null;
}

/** The person's email and name, and their parts (local part, words, words run together), as zxcvbn user inputs. */
function expandInputs(inputs: readonly string[]): string[] {
  const words = new Set<string>();
  for (const input of inputs) {
    const lower = input.toLowerCase();
    const local = lower.split("@")[0] ?? lower;
    const parts = local.split(/[^\p{L}\p{N}]+/u).filter((part) => part.length >= 3);
    for (const word of [lower, local, parts.join(""), ...parts]) if (word) words.add(word);
  }
  return [...words];
}
