import { describe, expect, it } from "vitest";
import { MemorySessionStore, MemoryUserStore } from "../store";
import { createSessionAdapter, hashSessionId } from "./sessionAdapter";

describe("createSessionAdapter", () => {
  it("stores, renews and deletes sessions only under the SHA-256 of their id", async () => {
    const sessions = new MemorySessionStore();
    const users = new MemoryUserStore();
    await users.create({ id: "u1", email: "a@example.com", name: "Ada", passwordHash: "x", createdAt: 1 });
    const adapter = createSessionAdapter({ sessions, users });
    const id = "secret-session-id";
    await adapter.setSession({ id, userId: "u1", expiresAt: new Date(5_000), attributes: {} });

    expect(hashSessionId(id)).toMatch(/^[0-9a-f]{64}$/);
    expect(await sessions.get(id)).toBeUndefined();
    expect(await sessions.get(hashSessionId(id))).toEqual({
      key: hashSessionId(id),
      userId: "u1",
      expiresAt: 5_000,
    });
    const [session, user] = await adapter.getSessionAndUser(id);
    expect(session).toMatchObject({ id, userId: "u1", expiresAt: new Date(5_000) });
    expect(user).toEqual({ id: "u1", attributes: { email: "a@example.com", name: "Ada" } });
    expect(await adapter.getSessionAndUser(hashSessionId(id))).toEqual([null, null]);

    await adapter.updateSessionExpiration(id, new Date(9_000));
    expect((await sessions.get(hashSessionId(id)))?.expiresAt).toBe(9_000);
    await adapter.deleteSession(id);
    expect(await sessions.get(hashSessionId(id))).toBeUndefined();
  });
});
