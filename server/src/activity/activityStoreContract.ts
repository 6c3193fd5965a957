import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ActivityEntry, ActivityStore } from "./ActivityStore";

/** A store under test and how to dispose of it. */
export interface ActivityStoreFixture {
  store: ActivityStore;
  cleanup(): Promise<void>;
}

/** The acceptance suite every ActivityStore implementation passes. */
export function runActivityStoreContract(name: string, makeStore: () => Promise<ActivityStoreFixture>): void {
  describe(`ActivityStore contract: ${name}`, () => {
    let fixture: ActivityStoreFixture;
    let store: ActivityStore;
    beforeEach(async () => {
      fixture = await makeStore();
      store = fixture.store;
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    const entry = (at: number, overrides: Partial<ActivityEntry> = {}): ActivityEntry => ({
      boardId: "b1",
      at,
      actorId: "u1",
      actorName: "Ada",
      kind: "card.moved",
      cardId: "c1",
      laneId: "l2",
      data: { fromLaneId: "l1", toLaneId: "l2", fields: ["title", "labels"], flag: true, none: null },
      ...overrides,
    });

    it("appends a batch and lists a board newest first, with data intact", async () => {
      await store.append([entry(1), entry(2, { kind: "card.renamed", cardId: "c2" })]);
      await store.append([
        entry(3, { kind: "lane.created", cardId: null, laneId: "l9", data: { title: "New" } }),
      ]);
      const listed = await store.listByBoard("b1", { limit: 10 });
      expect(listed.map((e) => e.at)).toEqual([3, 2, 1]);
      expect(listed[2]).toMatchObject({ ...entry(1) });
      expect(listed[0]).toMatchObject({ cardId: null, laneId: "l9", data: { title: "New" } });
      expect(listed[0]?.seq).toBeGreaterThan(listed[1]?.seq ?? Number.POSITIVE_INFINITY);
      expect(await store.listByBoard("b-empty", { limit: 10 })).toEqual([]);
    });

    it("pages with before and limit", async () => {
      await store.append([1, 2, 3, 4, 5].map((at) => entry(at)));
      const first = await store.listByBoard("b1", { limit: 2 });
      expect(first.map((e) => e.at)).toEqual([5, 4]);
      const second = await store.listByBoard("b1", { limit: 2, before: first[1]?.seq as number });
      expect(second.map((e) => e.at)).toEqual([3, 2]);
      const last = await store.listByBoard("b1", { limit: 2, before: second[1]?.seq as number });
      expect(last.map((e) => e.at)).toEqual([1]);
    });

    it("lists one card's entries on one board only", async () => {
      await store.append([
        entry(1),
        entry(2, { cardId: "c2" }),
        entry(3, { boardId: "b2" }),
        entry(4, { kind: "card.archived" }),
      ]);
      expect((await store.listByCard("b1", "c1", { limit: 10 })).map((e) => e.at)).toEqual([4, 1]);
      const page = await store.listByCard("b1", "c1", { limit: 1 });
      expect(
        (await store.listByCard("b1", "c1", { limit: 5, before: page[0]?.seq as number })).map((e) => e.at),
      ).toEqual([1]);
    });

    it("keeps a large batch (an import's) in order", async () => {
      const ats = Array.from({ length: 2_500 }, (_, i) => i + 1);
      await store.append(ats.map((at) => entry(at)));
      const listed = await store.listByBoard("b1", { limit: 3_000 });
      expect(listed.map((e) => e.at)).toEqual([...ats].reverse());
    });

    it("removes a board's history and nothing else", async () => {
      await store.append([entry(1), entry(2, { boardId: "b2" })]);
      await store.removeBoard("b1");
      expect(await store.listByBoard("b1", { limit: 10 })).toEqual([]);
      expect(await store.listByBoard("b2", { limit: 10 })).toHaveLength(1);
    });
  });
}
