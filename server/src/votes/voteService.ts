import { randomUUID } from "node:crypto";
import {
  applyVoteResults,
  type Ballot,
  type ConflictSide,
  conflictOptionIds,
  DEFAULT_DOT_BUDGET,
  estimateSpread,
  getRoots,
  isDotValue,
  logRevealedRound,
  MAX_VOTE_BUDGET,
  POKER_SCALES,
  type PokerScale,
  publishRound,
  quickVoteSides,
  type RoundState,
  readBoard,
  readConflicts,
  readRound,
  roundLogEntry,
  type ScaleValue,
  scaleStep,
  tallyDots,
  type VoteKind,
  type VoteResults,
  widestDisagreements,
} from "@converge/shared";
import { ApiError } from "../ApiError";
import { requireRole } from "../boards/access";
import type { Logger } from "../logger";
import { hasRole } from "../roles";
import type { Room } from "../rooms/Room";
import { SERVER_ORIGIN } from "../rooms/Room";
import type { RoomManager } from "../rooms/RoomManager";
import type { BallotRecord, BoardStore, MemberStore, RoundRecord, VoteStore } from "../store";

/** What opening a round asks for (DESIGN §5). */
export interface OpenRoundInput {
  kind: VoteKind;
  /** Dot rounds: dots per person; default the board's meta.voteBudget, else DEFAULT_DOT_BUDGET. */
  budget?: number | undefined;
  /** The cards to vote on; default every live card. */
  cardIds?: string[] | undefined;
  /** Poker rounds: default fibonacci. */
  scale?: PokerScale | undefined;
  /** A quick vote between the two sides of this open conflict: its options replace cardIds, one dot each. */
  conflict?: { cardId: string; conflictId: string } | undefined;
}

/** A round as GET shows it: who has voted always, values only once revealed (and the caller's own, always). */
export interface RoundView {
  roundId: string;
  kind: VoteKind;
  status: RoundRecord["status"];
  facilitatorId: string;
  cardIds: string[];
  budget: number | null;
  scale: PokerScale | null;
  createdAt: number;
  endedAt: number | null;
  voterIds: string[];
  /** The caller's own ballots (never anyone else's before reveal). */
  mine: { cardId: string; value: ScaleValue }[];
  /** After reveal only: every ballot. */
  ballots?: { userId: string; cardId: string; value: ScaleValue }[];
  /** After reveal only: what the reveal computed. */
  results?: RevealResults;
}

/** One card's revealed result: dot totals or a poker spread, with the disagreement measure. */
export type CardResult =
  | { cardId: string; votes: number; disagreement: number }
  | { cardId: string; spread: ReturnType<typeof estimateSpread>; disagreement: number };

/** What a reveal returns and stores. */
export interface RevealResults {
  kind: VoteKind;
  cards: CardResult[];
  /** The cards with the widest disagreements, widest first (at most 3). */
  highlight: string[];
}

/** Voting rounds: the server keeps the ballots and writes only their public traces and results into the board. */
export interface VoteService {
  open(userId: string, boardId: string, input: OpenRoundInput): Promise<{ roundId: string }>;
  cast(
    userId: string,
    boardId: string,
    roundId: string,
    ballot: { cardId: string; value: ScaleValue },
  ): Promise<{ roundId: string; cardId: string; value: ScaleValue; remaining: number | null }>;
  get(userId: string, boardId: string, roundId: string): Promise<RoundView>;
  reveal(userId: string, boardId: string, roundId: string): Promise<RoundView>;
  close(userId: string, boardId: string, roundId: string): Promise<RoundView>;
}

/** What the vote module works with. */
export interface VoteDeps {
  boards: Pick<BoardStore, "get">;
  members: Pick<MemberStore, "get">;
  votes: VoteStore;
  rooms: RoomManager;
  logger: Logger;
  now?: () => number;
}

/** Builds the vote module. */
export function createVoteService(deps: VoteDeps): VoteService {
  const { votes, rooms } = deps;
  const now = deps.now ?? Date.now;
  /** Per board, the tail of the writes into session.round: each re-reads the store, so the last one is current. */
  const publishing = new Map<string, Promise<void>>();

  /** Runs `work` on the board's live document, then waits until what it wrote is stored. */
  async function withRoom<T>(boardId: string, work: (room: Room) => T | Promise<T>): Promise<T> {
    const room = await rooms.acquire(boardId);
    try {
      const result = await work(room);
      await room.flush();
      return result;
    } finally {
      rooms.release(boardId);
    }
  }

  /** Writes the round's public state (status, who has voted, highlight) into session.round, one write at a time. */
  function publish(round: RoundRecord, results: RevealResults | null = null): Promise<void> {
    const previous = publishing.get(round.boardId) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        const voterIds = voterIdsOf(await votes.listBallots(round.id));
        await withRoom(round.boardId, (room) => {
          const current = getRoots(room.doc).session.get("round") as { roundId?: unknown } | undefined;
          // A round that is no longer the published one (a newer round replaced it) stays out of the document.
          if (round.status === "open" || current?.roundId === round.id || current === undefined) {
            // A quick vote's sides are read once, while its conflict is open, and kept after it is settled.
            const published = readRound(getRoots(room.doc).session);
            const sides =
              published?.roundId === round.id && published.sides.length > 0
                ? published.sides
                : quickVoteSides(room.doc, round.cardIds);
            publishRound(room.doc, publicState(round, voterIds, results, sides), SERVER_ORIGIN);
          }
        });
      });
    publishing.set(round.boardId, next);
    void next.finally(() => {
      if (publishing.get(round.boardId) === next) publishing.delete(round.boardId);
    });
    return next;
  }

  async function requireRound(boardId: string, roundId: string): Promise<RoundRecord> {
    const round = await votes.getRound(boardId, roundId);
    if (!round) throw new ApiError(404, "round_not_found", "This board has no voting round with this id.");
    return round;
  }

  async function requireFacilitator(userId: string, boardId: string, roundId: string): Promise<RoundRecord> {
    const { member } = await requireRole(deps, boardId, userId, "viewer");
    const round = await requireRound(boardId, roundId);
    if (round.facilitatorId !== userId || !hasRole(member.role, "editor")) {
      throw new ApiError(
        403,
        "not_facilitator",
        "Only the person who opened this round can reveal or close it.",
      );
    }
    if (round.status !== "open") {
      throw new ApiError(409, "round_not_open", `This round is already ${round.status}.`);
    }
    return round;
  }

  async function view(userId: string, round: RoundRecord): Promise<RoundView> {
    const ballots = await votes.listBallots(round.id);
    const result: RoundView = {
      roundId: round.id,
      kind: round.kind,
      status: round.status,
      facilitatorId: round.facilitatorId,
      cardIds: round.cardIds,
      budget: round.budget,
      scale: round.scale,
      createdAt: round.createdAt,
      endedAt: round.endedAt,
      voterIds: voterIdsOf(ballots),
      mine: ballots.filter((b) => b.userId === userId).map((b) => ({ cardId: b.cardId, value: b.value })),
    };
    if (round.status === "revealed") {
      result.ballots = ballots.map((b) => ({ userId: b.userId, cardId: b.cardId, value: b.value }));
      result.results = round.results as RevealResults;
    }
    return result;
  }

  /** Creates the round of a quick vote on an open conflict: one option per side, one dot per person. */
  async function conflictRound(
    room: Room,
    userId: string,
    { cardId, conflictId }: { cardId: string; conflictId: string },
  ): Promise<RoundRecord> {
    if (!readConflicts(room.doc, cardId).some((conflict) => conflict.id === conflictId)) {
      throw new ApiError(422, "conflict_not_found", `Card ${cardId} has no open conflict ${conflictId}.`);
    }
    const record: RoundRecord = {
      id: randomUUID(),
      boardId: room.boardId,
      kind: "dot",
      status: "open",
      facilitatorId: userId,
      cardIds: conflictOptionIds(cardId, conflictId),
      budget: 1,
      scale: null,
      createdAt: now(),
      endedAt: null,
      results: null,
    };
    await votes.createRound(record);
    return record;
  }

  return {
    async open(userId, boardId, input) {
      await requireRole(deps, boardId, userId, "editor");
      if ((await votes.openRounds(boardId)).length > 0) {
        throw new ApiError(
          409,
          "round_already_open",
          "A voting round is already open on this board; reveal or close it first.",
        );
      }
      const round = await withRoom(boardId, async (room) => {
        const board = readBoard(room.doc);
        const live = new Set(
          [...board.cards.values()].filter((card) => !card.archived).map((card) => card.id),
        );
        if (input.conflict) return conflictRound(room, userId, input.conflict);
        const cardIds = input.cardIds ? [...new Set(input.cardIds)] : [...live];
        const unknown = cardIds.find((id) => !live.has(id));
        if (unknown !== undefined) {
          throw new ApiError(422, "card_not_found", `There is no live card ${unknown} on this board.`);
        }
        if (cardIds.length === 0) {
          throw new ApiError(422, "no_cards", "A voting round needs at least one card to vote on.");
        }
        if (input.budget !== undefined && (input.budget < 1 || input.budget > MAX_VOTE_BUDGET)) {
          throw new ApiError(
            400,
            "budget_invalid",
            `A budget is a whole number from 1 to ${MAX_VOTE_BUDGET}.`,
          );
        }
        const record: RoundRecord = {
          id: randomUUID(),
          boardId,
          kind: input.kind,
          status: "open",
          facilitatorId: userId,
          cardIds,
          budget: input.kind === "dot" ? (input.budget ?? board.voteBudget ?? DEFAULT_DOT_BUDGET) : null,
          scale: input.kind === "poker" ? (input.scale ?? "fibonacci") : null,
          createdAt: now(),
          endedAt: null,
          results: null,
        };
        await votes.createRound(record);
        return record;
      });
      await publish(round);
      deps.logger.info({ boardId, roundId: round.id, kind: round.kind }, "voting round opened");
      return { roundId: round.id };
    },

    async cast(userId, boardId, roundId, { cardId, value }) {
      await requireRole(deps, boardId, userId, "viewer");
      const round = await requireRound(boardId, roundId);
      if (round.status !== "open") {
        throw new ApiError(409, "round_not_open", `This round is ${round.status}; it takes no more ballots.`);
      }
      if (!round.cardIds.includes(cardId)) {
        throw new ApiError(422, "card_not_in_round", `Card ${cardId} is not one of this round's cards.`);
      }
      if (round.kind === "dot") {
        const budget = round.budget ?? DEFAULT_DOT_BUDGET;
        if (!isDotValue(value, budget)) {
          throw new ApiError(
            422,
            "value_invalid",
            `A dot ballot is a whole number of dots from 0 to the budget of ${budget}.`,
          );
        }
      } else {
        const scale = round.scale ?? "fibonacci";
        if (scaleStep(scale, value) < 0) {
          throw new ApiError(
            422,
            "value_invalid",
            `An estimate is one of ${POKER_SCALES[scale].join(", ")} (the ${scale} scale).`,
          );
        }
      }
      const ballot: BallotRecord = { roundId, userId, cardId, value, castAt: now() };
      const cast = await votes.castBallot(
        ballot,
        round.kind === "dot" ? { budget: round.budget ?? DEFAULT_DOT_BUDGET } : {},
      );
      if (!cast.ok && cast.reason === "round_not_open") {
        throw new ApiError(409, "round_not_open", "This round has just ended; it takes no more ballots.");
      }
      if (!cast.ok) {
        const left = (round.budget ?? DEFAULT_DOT_BUDGET) - cast.spentElsewhere;
        throw new ApiError(
          409,
          "over_budget",
          `That is over your budget of ${round.budget} dots: you have ${left} left for this card.`,
        );
      }
      if (cast.firstInRound) await publish(round);
      const remaining =
        round.kind === "dot"
          ? (round.budget ?? DEFAULT_DOT_BUDGET) -
            (await votes.listBallots(roundId))
              .filter((b) => b.userId === userId)
              .reduce((sum, b) => sum + (typeof b.value === "number" ? b.value : 0), 0)
          : null;
      return { roundId, cardId, value, remaining };
    },

    async get(userId, boardId, roundId) {
      await requireRole(deps, boardId, userId, "viewer");
      return view(userId, await requireRound(boardId, roundId));
    },

    async reveal(userId, boardId, roundId) {
      const round = await requireFacilitator(userId, boardId, roundId);
      const ballots = await votes.listBallots(roundId);
      const { results, write } = computeResults(round, ballots);
      const endedAt = now();
      if (!(await votes.endRound(roundId, "revealed", endedAt, results))) {
        throw new ApiError(409, "round_not_open", "This round was ended a moment ago.");
      }
      const revealed: RoundRecord = { ...round, status: "revealed", endedAt, results };
      await withRoom(boardId, (room) => {
        applyVoteResults(room.doc, write, SERVER_ORIGIN);
        logRevealedRound(room.doc, roundLogEntry(roundId, endedAt, write), SERVER_ORIGIN);
      });
      await publish(revealed, results);
      deps.logger.info({ boardId, roundId, voters: voterIdsOf(ballots).length }, "voting round revealed");
      return view(userId, revealed);
    },

    async close(userId, boardId, roundId) {
      const round = await requireFacilitator(userId, boardId, roundId);
      const endedAt = now();
      if (!(await votes.endRound(roundId, "closed", endedAt, null))) {
        throw new ApiError(409, "round_not_open", "This round was ended a moment ago.");
      }
      const closed: RoundRecord = { ...round, status: "closed", endedAt };
      await publish(closed);
      return view(userId, closed);
    },
  };
}

/** Voters in the order they first voted. */
function voterIdsOf(ballots: readonly BallotRecord[]): string[] {
  return [...new Set(ballots.map((b) => b.userId))];
}

/** The round's public trace for session.round. */
function publicState(
  round: RoundRecord,
  voterIds: string[],
  results: RevealResults | null,
  sides: readonly ConflictSide[],
): RoundState {
  return {
    roundId: round.id,
    kind: round.kind,
    status: round.status,
    facilitatorId: round.facilitatorId,
    cardIds: round.cardIds,
    voterIds,
    budget: round.budget,
    scale: round.scale,
    results: results ? { highlight: results.highlight } : null,
    sides,
  };
}

/** Turns a round's ballots into what the reveal stores and returns, and what it writes into the cards. */
export function computeResults(
  round: Pick<RoundRecord, "kind" | "cardIds" | "scale">,
  ballots: readonly Ballot[],
): { results: RevealResults; write: VoteResults } {
  if (round.kind === "dot") {
    const dots = tallyDots(ballots, round.cardIds);
    return {
      results: { kind: "dot", cards: dots, highlight: widestDisagreements(dots) },
      write: { kind: "dot", results: dots },
    };
  }
  const scale = round.scale ?? "fibonacci";
  const spreads = round.cardIds.map((cardId) => ({
    cardId,
    spread: estimateSpread(
      scale,
      ballots.filter((b) => b.cardId === cardId).map((b) => b.value),
    ),
  }));
  const cards = spreads.map(({ cardId, spread }) => ({
    cardId,
    spread,
    disagreement: spread?.disagreement ?? 0,
  }));
  return {
    results: { kind: "poker", cards, highlight: widestDisagreements(cards) },
    write: { kind: "poker", results: spreads },
  };
}
