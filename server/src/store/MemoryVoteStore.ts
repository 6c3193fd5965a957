import type { BallotRecord, CastResult, RoundRecord, VoteStore } from "./VoteStore";
import { spentOutside } from "./voteRows";

/** The in-memory VoteStore twin for unit tests. */
export class MemoryVoteStore implements VoteStore {
  readonly #rounds = new Map<string, RoundRecord>();
  /** Ballots per round, keyed by `userId \u0000 cardId`. */
  readonly #ballots = new Map<string, Map<string, BallotRecord>>();

  async createRound(round: RoundRecord): Promise<void> {
    if (this.#rounds.has(round.id)) throw new Error("round already exists");
    this.#rounds.set(round.id, cloneRound(round));
    this.#ballots.set(round.id, new Map());
  }

  async getRound(boardId: string, roundId: string): Promise<RoundRecord | undefined> {
    const round = this.#rounds.get(roundId);
    return round && round.boardId === boardId ? cloneRound(round) : undefined;
  }

  async openRounds(boardId: string): Promise<RoundRecord[]> {
    return [...this.#rounds.values()]
      .filter((round) => round.boardId === boardId && round.status === "open")
      .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
      .map(cloneRound);
  }

  async castBallot(ballot: BallotRecord, options: { budget?: number } = {}): Promise<CastResult> {
    const round = this.#rounds.get(ballot.roundId);
    const ballots = this.#ballots.get(ballot.roundId);
    if (!round || !ballots || round.status !== "open") return { ok: false, reason: "round_not_open" };
    const mine = [...ballots.values()].filter((b) => b.userId === ballot.userId);
    if (options.budget !== undefined) {
      const spentElsewhere = spentOutside(mine, ballot.cardId);
      if (typeof ballot.value === "number" && spentElsewhere + ballot.value > options.budget) {
        return { ok: false, reason: "over_budget", spentElsewhere };
      }
    }
    const firstCast = mine.reduce((first, b) => Math.min(first, b.castAt), Number.POSITIVE_INFINITY);
    ballots.set(`${ballot.userId}\u0000${ballot.cardId}`, {
      ...ballot,
      castAt: Number.isFinite(firstCast) ? firstCast : ballot.castAt,
    });
    return { ok: true, firstInRound: mine.length === 0 };
  }

  async listBallots(roundId: string): Promise<BallotRecord[]> {
    return [...(this.#ballots.get(roundId)?.values() ?? [])]
      .sort(
        (a, b) =>
          a.castAt - b.castAt ||
          (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : a.cardId < b.cardId ? -1 : 1),
      )
      .map((b) => ({ ...b }));
  }

  async endRound(
    roundId: string,
    status: "revealed" | "closed",
    endedAt: number,
    results: unknown,
  ): Promise<boolean> {
    const round = this.#rounds.get(roundId);
    if (round?.status !== "open") return false;
    this.#rounds.set(roundId, { ...round, status, endedAt, results: structuredClone(results) });
    return true;
  }

  async removeBoard(boardId: string): Promise<void> {
    for (const [id, round] of this.#rounds) {
      if (round.boardId !== boardId) continue;
      this.#rounds.delete(id);
      this.#ballots.delete(id);
    }
  }
}

function cloneRound(round: RoundRecord): RoundRecord {
  return { ...round, cardIds: [...round.cardIds], results: structuredClone(round.results) };
}
