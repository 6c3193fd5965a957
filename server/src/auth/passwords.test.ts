import { parseOptions } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./passwords";

describe("passwords", () => {
  it("hashes with argon2id at m=19456, t=2, p=1 and verifies", async () => {
    const hash = await hashPassword("plum-Harbor-7-quiet");
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(parseOptions(hash)).toMatchObject({ memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    expect(await verifyPassword(hash, "plum-Harbor-7-quiet")).toBe(true);
    expect(await verifyPassword(hash, "plum-harbor-7-quiet")).toBe(false);
  });

  it("answers false for an unknown account after doing the same work", async () => {
    const hash = await hashPassword("plum-Harbor-7-quiet");
    const timed = async (stored: string | undefined) => {
      const started = performance.now();
      expect(await verifyPassword(stored, "wrong-password-here")).toBe(false);
      return performance.now() - started;
    };
    await timed(undefined); // builds the dummy hash once
    const known = await timed(hash);
    const unknown = await timed(undefined);
    expect(unknown).toBeGreaterThan(known / 3);
    expect(unknown).toBeLessThan(known * 3);
  });
});
