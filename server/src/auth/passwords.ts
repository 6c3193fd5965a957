import type { Algorithm } from "@node-rs/argon2";

/** The native argon2 module, loaded on the first hash or check rather than at start-up (about 10 ms of it). */
let argon2: Promise<typeof import("@node-rs/argon2")> | undefined;
const loadArgon2 = () => (argon2 ??= import("@node-rs/argon2"));

/** argon2id at OWASP's minimum (19 MiB, 2 passes, 1 lane): ~50–100 ms per hash on a small server. */
export const ARGON2_OPTIONS = {
  // Algorithm.Argon2id; the ambient const enum cannot be read under verbatimModuleSyntax.
  algorithm: 2 as Algorithm,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** Hashes a password with argon2id; the PHC string carries its salt and parameters. */
export async function hashPassword(password: string): Promise<string> {
  return (await loadArgon2()).hash(password, ARGON2_OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password against a stored hash; with no hash (unknown email) it verifies against a dummy hash of the same
 * cost and answers false, so an unknown email takes as long as a wrong password.
 */
export async function verifyPassword(storedHash: string | undefined, password: string): Promise<boolean> {
  if (storedHash === undefined) {
    dummyHash ??= hashPassword("converge-dummy-password-for-unknown-emails");
    await (await loadArgon2()).verify(await dummyHash, password);
    return false;
  }
  return (await loadArgon2()).verify(storedHash, password);
}
