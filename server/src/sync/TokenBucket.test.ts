import { describe, expect, it } from "vitest";
import { TokenBucket } from "./TokenBucket";

describe("TokenBucket", () => {
  it("allows a burst, then refuses until tokens refill at the given rate", () => {
    let now = 0;
    const bucket = new TokenBucket(10, 5, () => now);
    const first = Array.from({ length: 7 }, () => bucket.take());
    expect(first).toEqual([true, true, true, true, true, false, false]);
    now += 100; // one token at 10/s
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
  });

  it("never holds more than the burst, however long it was idle", () => {
    let now = 0;
    const bucket = new TokenBucket(100, 3, () => now);
    now += 60_000;
    const taken = Array.from({ length: 5 }, () => bucket.take()).filter(Boolean).length;
    expect(taken).toBe(3);
  });
});
