import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./passwords";

describe("passwords", () => {
  it("hashes with argon2id at m=19456, t=2, p=1 and verifies", async () => {
    const hash = await hashPassword("plum-Harbor-7-quiet");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await hashPassword("plum-Harbor-7-quiet")).not.toBe(hash); // a fresh salt each time
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

  it("fails a malformed stored hash with a reason instead of answering", async () => {
    await expect(verifyPassword("$argon2id$not-a-hash", "plum-Harbor-7-quiet")).rejects.toThrow(
      /password process/,
    );
  });

  it("never loads argon2 into the server's own process (its allocator would keep ~5 MiB for good)", async () => {
    await verifyPassword(await hashPassword("plum-Harbor-7-quiet"), "plum-Harbor-7-quiet");
    expect(readFileSync("/proc/self/maps", "utf8")).not.toMatch(/argon2/);
  });
});
