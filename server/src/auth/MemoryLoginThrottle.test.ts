import { describe, expect, it } from "vitest";
import { MemoryLoginThrottle } from "./MemoryLoginThrottle";

const MINUTE = 60_000;

function clock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("MemoryLoginThrottle", () => {
  it("refuses an account after 5 failures for 15 minutes from the first, then allows it again", async () => {
    const time = clock();
    const throttle = new MemoryLoginThrottle({ now: time.now });
    const attempt = { email: "a@example.com", ip: "10.0.0.1" };
    for (let i = 0; i < 5; i++) {
      expect(await throttle.retryAfter(attempt)).toBe(0);
      await throttle.failed(attempt);
      time.advance(MINUTE);
    }
    expect(await throttle.retryAfter(attempt)).toBe(10 * 60);
    expect(await throttle.retryAfter({ ...attempt, ip: "10.0.0.2" })).toBe(10 * 60);
    expect(await throttle.retryAfter({ ...attempt, email: "b@example.com" })).toBe(0);
    time.advance(10 * MINUTE);
    expect(await throttle.retryAfter(attempt)).toBe(0);
  });

  it("refuses an IP after 30 failures across any accounts", async () => {
    const time = clock();
    const throttle = new MemoryLoginThrottle({ now: time.now });
    for (let i = 0; i < 30; i++) await throttle.failed({ email: `user${i}@example.com`, ip: "10.0.0.9" });
    expect(await throttle.retryAfter({ email: "fresh@example.com", ip: "10.0.0.9" })).toBe(15 * 60);
    expect(await throttle.retryAfter({ email: "fresh@example.com", ip: "10.0.0.8" })).toBe(0);
  });

  it("a success clears the account's failures but not the IP's", async () => {
    const throttle = new MemoryLoginThrottle({
      perAccount: { max: 2, windowMs: MINUTE },
      perIp: { max: 3, windowMs: MINUTE },
    });
    const attempt = { email: "a@example.com", ip: "ip" };
    await throttle.failed(attempt);
    await throttle.failed(attempt);
    expect(await throttle.retryAfter(attempt)).toBeGreaterThan(0);
    await throttle.succeeded(attempt);
    expect(await throttle.retryAfter(attempt)).toBe(0);
    await throttle.failed(attempt);
    expect(await throttle.retryAfter({ email: "other@example.com", ip: "ip" })).toBeGreaterThan(0);
  });

  it("forgets quiet keys", async () => {
    const time = clock();
    const throttle = new MemoryLoginThrottle({ now: time.now });
    await throttle.failed({ email: "a@example.com", ip: "ip" });
    expect(throttle.size).toBe(2);
    time.advance(16 * MINUTE);
    await throttle.retryAfter({ email: "a@example.com", ip: "ip" });
    expect(throttle.size).toBe(0);
  });
});
