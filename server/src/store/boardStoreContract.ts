import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { BoardRecord, BoardStore } from "./BoardStore";

/** A store under test and how to dispose of it (close its database, delete its files). */
export interface BoardStoreFixture {
  store: BoardStore;
  cleanup(): Promise<void>;
}

/** The acceptance suite every BoardStore implementation passes. */
export function runBoardStoreContract(name: string, makeStore: () => Promise<BoardStoreFixture>): void {
  describe(`BoardStore contract: ${name}`, () => {
    let fixture: BoardStoreFixture;
    let store: BoardStore;

    beforeEach(async () => {
      fixture = await makeStore();
      store = fixture.store;
    });

    afterEach(async () => {
      await fixture.cleanup();
    });

    const roadmap: BoardRecord = { id: "b-roadmap", title: "Roadmap — Q3 ✨", createdAt: 1_700_000_000_000 };

    it("gets a created board back, and undefined for an unknown id", async () => {
      await store.create(roadmap);

      expect(await store.get(roadmap.id)).toEqual(roadmap);
      expect(await store.get("b-missing")).toBeUndefined();
    });

    it("refuses a second board with the same id and keeps the first", async () => {
      await store.create(roadmap);

      await expect(store.create({ ...roadmap, title: "Impostor" })).rejects.toThrow();
      expect(await store.get(roadmap.id)).toEqual(roadmap);
    });

    it("lists boards newest first, ties by id", async () => {
      expect(await store.list()).toEqual([]);
      const older = { id: "b-older", title: "Older", createdAt: 1_000 };
      const newer = { id: "b-newer", title: "Newer", createdAt: 3_000 };
      const tieB = { id: "b-tie-b", title: "Tie B", createdAt: 2_000 };
      const tieA = { id: "b-tie-a", title: "Tie A", createdAt: 2_000 };
      for (const record of [older, tieB, newer, tieA]) await store.create(record);

      expect(await store.list()).toEqual([newer, tieA, tieB, older]);
    });

    it("renames a board, and reports an unknown id", async () => {
      await store.create(roadmap);

      expect(await store.rename(roadmap.id, "Roadmap 2")).toBe(true);
      expect(await store.get(roadmap.id)).toEqual({ ...roadmap, title: "Roadmap 2" });
      expect(await store.rename("b-missing", "Nope")).toBe(false);
      expect(await store.get("b-missing")).toBeUndefined();
    });

    it("removes a board and only that board", async () => {
      const other = { id: "b-other", title: "Other", createdAt: 5 };
      await store.create(roadmap);
      await store.create(other);

      expect(await store.remove(roadmap.id)).toBe(true);
      expect(await store.get(roadmap.id)).toBeUndefined();
      expect(await store.list()).toEqual([other]);
      expect(await store.remove(roadmap.id)).toBe(false);
    });

    it("hands out copies, so a caller's edits do not change what is stored", async () => {
      const record = { ...roadmap };
      await store.create(record);
      record.title = "mutated after create";
      const got = await store.get(roadmap.id);
      if (got) got.title = "mutated after get";
      const listed = await store.list();
      for (const entry of listed) entry.title = "mutated after list";

      expect(await store.get(roadmap.id)).toEqual(roadmap);
    });
  });
}
