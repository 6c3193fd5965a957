import type { PokerScale, RoundStatus, ScaleValue, VoteKind } from "@converge/shared";

/** A voting round as the server keeps it (DESIGN §5); its ballots are separate BallotRecords. */
export interface RoundRecord {
  id: string;
  boardId: string;
  kind: VoteKind;
  status: RoundStatus;
  /** The owner or editor who opened it: only they reveal or close it. */
  facilitatorId: string;
  cardIds: string[];
  /** Dot rounds: dots per person. */
  budget: number | null;
  /** Poker rounds: the scale. */
  scale: PokerScale | null;
  createdAt: number;
  /** When it was revealed or closed, or null while open. */
  endedAt: number | null;
  /** What the reveal computed (JSON), or null. */
  results: unknown;
}

/** One person's ballot for one card of a round; a later ballot for the same card replaces it. */
export interface BallotRecord {
  roundId: string;
  userId: string;
  cardId: string;
  value: ScaleValue;
  /** When this person first voted in the round (kept across replacements, so voters list in arrival order). */
  castAt: number;
}

/** The outcome of casting a ballot: stored (and whether it was this person's first in the round), or why not. */
export type CastResult =
  | { ok: true; firstInRound: boolean }
  | { ok: false; reason: "round_not_open" }
  | { ok: false; reason: "over_budget"; spentElsewhere: number };

/** Where voting rounds and their secret ballots live. Every method may throw. */
export interface VoteStore {
  /** Stores a new round; rejects if the id exists. */
  createRound(round: RoundRecord): Promise<void>;
  /** A board's round, or undefined (also for a round of another board). */
  getRound(boardId: string, roundId: string): Promise<RoundRecord | undefined>;
  /** The board's rounds that are still open. */
  openRounds(boardId: string): Promise<RoundRecord[]>;
  /**
   * Stores (or replaces) a ballot atomically with its checks: the round must be open, and with `budget` the
   * person's values on the round's other cards plus this one may not exceed it.
   */
  castBallot(ballot: BallotRecord, options?: { budget?: number }): Promise<CastResult>;
  /** A round's ballots, by first cast time, then user id, then card id. */
  listBallots(roundId: string): Promise<BallotRecord[]>;
  /** Moves an open round to `revealed` or `closed` with its results; false if it was not open (someone else ended it). */
  endRound(
    roundId: string,
    status: Exclude<RoundStatus, "open">,
    endedAt: number,
    results: unknown,
  ): Promise<boolean>;
  /** Removes every round and ballot of a board (when the board is deleted). */
  removeBoard(boardId: string): Promise<void>;
}
