import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { InviteRecord, InviteStore } from "./InviteStore";

/** A store under test and how to dispose of it. */
export interface InviteStoreFixture {
  store: InviteStore;
  cleanup(): Promise<void>;
}

/** The acceptance suite every InviteStore implementation passes. */
export function runInviteStoreContract(name: string, makeStore: () => Promise<InviteStoreFixture>): void {
  describe(`InviteStore contract: ${name}`, () => {
    let fixture: InviteStoreFixture;
    let store: InviteStore;
    beforeEach(async () => {
      fixture = await makeStore();
      store = fixture.store;
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    const first: InviteRecord = {
      id: "i1",
      boardId: "b1",
      tokenHash: "h1",
      role: "editor",
      createdBy: "u1",
      createdAt: 100,
      expiresAt: 1_000,
    };
    const second: InviteRecord = { ...first, id: "i2", tokenHash: "h2", role: "viewer", createdAt: 200 };
    const elsewhere: InviteRecord = { ...first, id: "i3", tokenHash: "h3", boardId: "b2" };

    it("finds an invitation by its token hash only", async () => {
      await store.create(first);
      expect(await store.getByTokenHash("h1")).toEqual(first);
      expect(await store.getByTokenHash("i1")).toBeUndefined();
    });

    it("refuses a duplicate id or token hash", async () => {
      await store.create(first);
      await expect(store.create({ ...second, id: "i1" })).rejects.toThrow();
      await expect(store.create({ ...second, tokenHash: "h1" })).rejects.toThrow();
    });

    it("lists a board's invitations newest first and revokes them one by one or all", async () => {
      for (const invite of [first, second, elsewhere]) await store.create(invite);
      expect(await store.listByBoard("b1")).toEqual([second, first]);
      expect(await store.remove("b2", "i1")).toBe(false);
      expect(await store.remove("b1", "i1")).toBe(true);
      expect(await store.getByTokenHash("h1")).toBeUndefined();
      await store.removeBoard("b1");
      expect(await store.listByBoard("b1")).toEqual([]);
      expect(await store.listByBoard("b2")).toEqual([elsewhere]);
    });
  });
}
