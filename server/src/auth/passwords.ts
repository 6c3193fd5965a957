import type { Algorithm } from "@node-rs/argon2";
import { passwordProcess } from "./PasswordProcess";

/**
 * argon2id at OWASP's minimum (19 MiB, 2 passes, 1 lane): ~50–100 ms per hash on a small server. Hashing and verifying
 * run in the password child process (`PasswordProcess`), so the server itself never loads argon2.
 */
export const ARGON2_OPTIONS = {
  // Algorithm.Argon2id; the ambient const enum cannot be read under verbatimModuleSyntax.
  algorithm: 2 as Algorithm,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** Hashes a password with argon2id; the PHC string carries its salt and parameters. */
export function hashPassword(password: string): Promise<string> {
  return passwordProcess().hash(password, ARGON2_OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password against a stored hash; with no hash (unknown email) it verifies against a dummy hash of the same
 * cost and answers false, so an unknown email takes as long as a wrong password.
 */
export async function verifyPassword(storedHash: string | undefined, password: string): Promise<boolean> {
  if (storedHash === undefined) {
    if (!dummyHash) {
      dummyHash = hashPassword("converge-dummy-password-for-unknown-emails");
      // A password process that died must not fail every later unknown-email login.
      dummyHash.catch(() => {
        dummyHash = undefined;
      });
    }
    await passwordProcess().verify(await dummyHash, password);
    return false;
  }
  return passwordProcess().verify(storedHash, password);
}
