import { describe, expect, it, vi } from "vitest";
import { MemorySessionStore, MemoryUserStore } from "../store";
import { hashSessionId } from "./sessionAdapter";
import { createSessions, SESSION_COOKIE } from "./sessions";

const DAY = 24 * 60 * 60 * 1000;

async function setup() {
  const store = new MemorySessionStore();
  const users = new MemoryUserStore();
  await users.create({ id: "u1", email: "a@example.com", name: "Ada", passwordHash: "x", createdAt: 1 });
  return { store, sessions: createSessions({ sessions: store, users, ttlMs: 30 * DAY }) };
}

describe("sessions (lucia through the hashing adapter)", () => {
  it("stores only the SHA-256 of the session id; the stored key opens nothing", async () => {
    const { store, sessions } = await setup();
    const { token, session } = await sessions.create("u1");
    expect(token.length).toBeGreaterThanOrEqual(32);
    expect(await store.get(token)).toBeUndefined();
    const stored = await store.get(hashSessionId(token));
    expect(stored).toMatchObject({ userId: "u1" });
    expect(session.key).toBe(stored?.key);

    expect(await sessions.validate(token)).toMatchObject({ user: { id: "u1", name: "Ada" } });
    expect(await sessions.validate(session.key)).toBeNull();
  });

  it("renews a session past half its life (fresh) and refuses an expired one", async () => {
    const { sessions } = await setup();
    vi.useFakeTimers({ now: 1_000_000_000_000 });
    try {
      const { token } = await sessions.create("u1");
      vi.setSystemTime(1_000_000_000_000 + 10 * DAY);
      expect((await sessions.validate(token))?.session.fresh).toBe(false);
      vi.setSystemTime(1_000_000_000_000 + 16 * DAY);
      const renewed = await sessions.validate(token);
      expect(renewed?.session.fresh).toBe(true);
      expect(renewed?.session.expiresAt.getTime()).toBe(1_000_000_000_000 + 46 * DAY);
      vi.setSystemTime(1_000_000_000_000 + 47 * DAY);
      expect(await sessions.validate(token)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it("invalidates one session and reports its key", async () => {
    const { sessions } = await setup();
    const { token, session } = await sessions.create("u1");
    expect(await sessions.invalidate(token)).toBe(session.key);
    expect(await sessions.validate(token)).toBeNull();
    expect(await sessions.expiryOf(session.key)).toBeNull();
  });

  it("writes HttpOnly, SameSite=Lax, Path=/ cookies, Secure only when asked", async () => {
    const { sessions } = await setup();
    const plain = sessions.cookie("tok", new Date(0), false);
    expect(plain).toMatch(new RegExp(`^${SESSION_COOKIE}=tok;`));
    expect(plain).toContain("HttpOnly");
    expect(plain).toContain("SameSite=Lax");
    expect(plain).toContain("Path=/");
    expect(plain).not.toContain("Secure");
    expect(sessions.cookie("tok", new Date(0), true)).toContain("Secure");
    expect(sessions.blankCookie(false)).toContain("Max-Age=0");
    expect(sessions.readToken(`a=b; ${SESSION_COOKIE}=tok`)).toBe("tok");
    expect(sessions.readToken(undefined)).toBeNull();
  });
});
