import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SessionRecord, SessionStore } from "./SessionStore";

/** A store under test and how to dispose of it. */
export interface SessionStoreFixture {
  store: SessionStore;
  cleanup(): Promise<void>;
}

/** The acceptance suite every SessionStore implementation passes. */
export function runSessionStoreContract(name: string, makeStore: () => Promise<SessionStoreFixture>): void {
  describe(`SessionStore contract: ${name}`, () => {
    let fixture: SessionStoreFixture;
    let store: SessionStore;
    beforeEach(async () => {
      fixture = await makeStore();
      store = fixture.store;
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    const one: SessionRecord = { key: "k1", userId: "u1", expiresAt: 1_000 };
    const two: SessionRecord = { key: "k2", userId: "u1", expiresAt: 2_000 };
    const other: SessionRecord = { key: "k3", userId: "u2", expiresAt: 3_000 };

    it("stores, gets, renews and removes a session", async () => {
      await store.create(one);
      expect(await store.get("k1")).toEqual(one);
      expect(await store.get("nope")).toBeUndefined();
      expect(await store.setExpiry("k1", 5_000)).toBe(true);
      expect(await store.get("k1")).toEqual({ ...one, expiresAt: 5_000 });
      expect(await store.setExpiry("nope", 5_000)).toBe(false);
      expect(await store.remove("k1")).toBe(true);
      expect(await store.remove("k1")).toBe(false);
      expect(await store.get("k1")).toBeUndefined();
    });

    it("refuses a duplicate key", async () => {
      await store.create(one);
      await expect(store.create({ ...one, userId: "u9" })).rejects.toThrow();
      expect(await store.get("k1")).toEqual(one);
    });

    it("lists and removes one user's sessions only", async () => {
      for (const s of [one, two, other]) await store.create(s);
      const listed = await store.listByUser("u1");
      expect(listed.sort((a, b) => a.key.localeCompare(b.key))).toEqual([one, two]);
      expect((await store.removeByUser("u1")).sort()).toEqual(["k1", "k2"]);
      expect(await store.listByUser("u1")).toEqual([]);
      expect(await store.get("k3")).toEqual(other);
    });

    it("removes expired sessions (expiry at or before now)", async () => {
      for (const s of [one, two, other]) await store.create(s);
      expect(await store.removeExpired(2_000)).toBe(2);
      expect(await store.get("k1")).toBeUndefined();
      expect(await store.get("k2")).toBeUndefined();
      expect(await store.get("k3")).toEqual(other);
    });
  });
}
