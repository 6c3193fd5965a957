import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { BallotRecord, RoundRecord, VoteStore } from "./VoteStore";

/** A store under test and how to dispose of it. */
export interface VoteStoreFixture {
  store: VoteStore;
  cleanup(): Promise<void>;
}

/** The acceptance suite every VoteStore implementation passes. */
export function runVoteStoreContract(name: string, makeStore: () => Promise<VoteStoreFixture>): void {
  describe(`VoteStore contract: ${name}`, () => {
    let fixture: VoteStoreFixture;
    let store: VoteStore;
    beforeEach(async () => {
      fixture = await makeStore();
      store = fixture.store;
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    const dot: RoundRecord = {
      id: "r1",
      boardId: "b1",
      kind: "dot",
      status: "open",
      facilitatorId: "u1",
      cardIds: ["c1", "c2", "c3"],
      budget: 5,
      scale: null,
      createdAt: 100,
      endedAt: null,
      results: null,
    };
    const poker: RoundRecord = {
      ...dot,
      id: "r2",
      kind: "poker",
      budget: null,
      scale: "tshirt",
      createdAt: 200,
    };
    const ballot = (
      userId: string,
      cardId: string,
      value: number | string,
      castAt = 1_000,
    ): BallotRecord => ({
      roundId: "r1",
      userId,
      cardId,
      value,
      castAt,
    });

    it("stores rounds per board and refuses a duplicate id", async () => {
      await store.createRound(dot);
      await store.createRound(poker);
      expect(await store.getRound("b1", "r1")).toEqual(dot);
      expect(await store.getRound("b1", "r2")).toEqual(poker);
      expect(await store.getRound("b2", "r1")).toBeUndefined();
      expect(await store.getRound("b1", "nope")).toBeUndefined();
      await expect(store.createRound({ ...dot, boardId: "b2" })).rejects.toThrow();
      expect((await store.openRounds("b1")).map((round) => round.id)).toEqual(["r1", "r2"]);
      expect(await store.openRounds("b2")).toEqual([]);
    });

    it("keeps one ballot per person per card, a re-vote replacing it, voters in order of arrival", async () => {
      await store.createRound(dot);
      expect(await store.castBallot(ballot("u2", "c1", 2, 1_000), { budget: 5 })).toEqual({
        ok: true,
        firstInRound: true,
      });
      expect(await store.castBallot(ballot("u1", "c2", 1, 2_000), { budget: 5 })).toEqual({
        ok: true,
        firstInRound: true,
      });
      expect(await store.castBallot(ballot("u2", "c1", 3, 3_000), { budget: 5 })).toEqual({
        ok: true,
        firstInRound: false,
      });
      expect(await store.castBallot(ballot("u2", "c3", 0, 4_000), { budget: 5 })).toEqual({
        ok: true,
        firstInRound: false,
      });
      expect(await store.listBallots("r1")).toEqual([
        ballot("u2", "c1", 3, 1_000),
        ballot("u2", "c3", 0, 1_000),
        ballot("u1", "c2", 1, 2_000),
      ]);
      expect(await store.listBallots("r2")).toEqual([]);
    });

    it("enforces the budget across a person's cards, counting a replaced ballot once", async () => {
      await store.createRound(dot);
      await store.castBallot(ballot("u2", "c1", 3), { budget: 5 });
      expect(await store.castBallot(ballot("u2", "c2", 3), { budget: 5 })).toEqual({
        ok: false,
        reason: "over_budget",
        spentElsewhere: 3,
      });
      expect(await store.castBallot(ballot("u2", "c1", 5), { budget: 5 })).toMatchObject({ ok: true });
      expect(await store.castBallot(ballot("u3", "c2", 5), { budget: 5 })).toMatchObject({ ok: true });
      expect((await store.listBallots("r1")).map((b) => [b.userId, b.cardId, b.value])).toEqual([
        ["u2", "c1", 5],
        ["u3", "c2", 5],
      ]);
    });

    it("keeps text values (poker) as text and numbers as numbers", async () => {
      await store.createRound(poker);
      await store.castBallot({ roundId: "r2", userId: "u1", cardId: "c1", value: "XL", castAt: 5 });
      await store.castBallot({ roundId: "r2", userId: "u2", cardId: "c1", value: "8", castAt: 6 });
      expect((await store.listBallots("r2")).map((b) => b.value)).toEqual(["XL", "8"]);
    });

    it("ends an open round once, with its results, and then refuses ballots", async () => {
      await store.createRound(dot);
      await store.castBallot(ballot("u2", "c1", 2));
      const results = { highlight: ["c1"], cards: [{ cardId: "c1", votes: 2 }] };
      expect(await store.endRound("r1", "revealed", 9_000, results)).toBe(true);
      expect(await store.endRound("r1", "closed", 9_500, null)).toBe(false);
      expect(await store.getRound("b1", "r1")).toEqual({
        ...dot,
        status: "revealed",
        endedAt: 9_000,
        results,
      });
      expect(await store.openRounds("b1")).toEqual([]);
      expect(await store.castBallot(ballot("u3", "c1", 1))).toEqual({ ok: false, reason: "round_not_open" });
      expect(await store.castBallot({ ...ballot("u3", "c1", 1), roundId: "missing" })).toEqual({
        ok: false,
        reason: "round_not_open",
      });
      expect(await store.endRound("missing", "closed", 1, null)).toBe(false);
    });

    it("removes a board's rounds and ballots only", async () => {
      await store.createRound(dot);
      await store.createRound({ ...poker, boardId: "b2" });
      await store.castBallot(ballot("u2", "c1", 2));
      await store.removeBoard("b1");
      expect(await store.getRound("b1", "r1")).toBeUndefined();
      expect(await store.listBallots("r1")).toEqual([]);
      expect(await store.getRound("b2", "r2")).toMatchObject({ id: "r2" });
    });
  });
}
