import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EmailTakenError, type UserRecord, type UserStore } from "./UserStore";

/** A store under test and how to dispose of it. */
export interface UserStoreFixture {
  store: UserStore;
  cleanup(): Promise<void>;
}

/** The acceptance suite every UserStore implementation passes. */
export function runUserStoreContract(name: string, makeStore: () => Promise<UserStoreFixture>): void {
  describe(`UserStore contract: ${name}`, () => {
    let fixture: UserStoreFixture;
    let store: UserStore;
    beforeEach(async () => {
      fixture = await makeStore();
      store = fixture.store;
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    const ada: UserRecord = {
      id: "u-ada",
      email: "ada@example.com",
      name: "Ada Lovelace ✨",
      passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$x$y",
      createdAt: 1_700_000_000_000,
    };

    it("gets an account back by id and by email, and undefined for unknown ones", async () => {
      await store.create(ada);
      expect(await store.get(ada.id)).toEqual(ada);
      expect(await store.getByEmail(ada.email)).toEqual(ada);
      expect(await store.get("u-missing")).toBeUndefined();
      expect(await store.getByEmail("nobody@example.com")).toBeUndefined();
    });

    it("refuses a second account with the same email with EmailTakenError and keeps the first", async () => {
      await store.create(ada);
      await expect(store.create({ ...ada, id: "u-other", name: "Impostor" })).rejects.toBeInstanceOf(
        EmailTakenError,
      );
      expect(await store.getByEmail(ada.email)).toEqual(ada);
    });

    it("gets many accounts at once, skipping unknown and repeated ids", async () => {
      const bob = { ...ada, id: "u-bob", email: "bob@example.com", name: "Bob" };
      await store.create(ada);
      await store.create(bob);
      const found = await store.getMany([bob.id, "u-missing", ada.id, bob.id]);
      expect(found.sort((a, b) => a.id.localeCompare(b.id))).toEqual([ada, bob]);
      expect(await store.getMany([])).toEqual([]);
    });

    it("hands out copies", async () => {
      await store.create(ada);
      const got = await store.get(ada.id);
      if (got) got.name = "mutated";
      expect(await store.get(ada.id)).toEqual(ada);
    });
  });
}
