import { createRequire } from "node:module";

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

interface Strength {
  commonPasswords: Set<string>;
  zxcvbn: import("@zxcvbn-ts/core").ZxcvbnFactory;
}
let strength: Strength | undefined;

/**
 * The common-passwords list and zxcvbn with its dictionaries (about a second and 16 MiB to load), built on the first
 * password check rather than at start-up: most server starts never check a password.
 */
function loadStrength(): Strength {
  if (strength) return strength;
  const require = createRequire(import.meta.url);
  const { ZxcvbnFactory }: typeof import("@zxcvbn-ts/core") = require("@zxcvbn-ts/core");
  const common: typeof import("@zxcvbn-ts/language-common") = require("@zxcvbn-ts/language-common");
  strength = {
    commonPasswords: new Set(common.dictionary["passwords-common"].map((word) => word.toLowerCase())),
    zxcvbn: new ZxcvbnFactory({ dictionary: common.dictionary, graphs: common.adjacencyGraphs }),
  };
  return strength;
}

/** Whether the password-strength dictionaries are loaded yet. */
export function passwordDictionariesLoaded(): boolean {
  return strength !== undefined;
}

/**
 * Checks a new password: 10–256 characters, not in the common-passwords list (case-insensitive), and a zxcvbn score of
 * at least 2 given the person's own email and name. Null when it is acceptable.
 */
export function checkPassword(password: string, userInputs: readonly string[] = []): PasswordProblem | null {
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
  const { commonPasswords, zxcvbn } = loadStrength();
  if (commonPasswords.has(password.toLowerCase())) {
    return {
      code: "password_common",
      message: "password: this is one of the most common passwords; choose another.",
    };
  }
  const result = zxcvbn.check(password, expandInputs(userInputs));
  if (result.score < MIN_PASSWORD_SCORE) {
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
