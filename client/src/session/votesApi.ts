import type { EstimateSpread, PokerScale, ScaleValue, VoteKind } from "@converge/shared";
import { json, request } from "../api";

/** One card's revealed result, as the server computed it. */
export type CardResult =
  | { cardId: string; votes: number; disagreement: number }
  | { cardId: string; spread: EstimateSpread | null; disagreement: number };

/** A voting round as `GET …/votes/rounds/:roundId` shows it (values only after reveal, and my own). */
export interface RoundView {
  roundId: string;
  kind: VoteKind;
  status: "open" | "revealed" | "closed";
  facilitatorId: string;
  cardIds: string[];
  budget: number | null;
  scale: PokerScale | null;
  voterIds: string[];
  mine: { cardId: string; value: ScaleValue }[];
  results?: { kind: VoteKind; cards: CardResult[]; highlight: string[] };
}

/** What opening a round asks for. */
export interface OpenRound {
  kind: VoteKind;
  budget?: number;
  cardIds?: string[];
  scale?: PokerScale;
  /** A quick vote between the two sides of this open conflict (one dot each). */
  conflict?: { cardId: string; conflictId: string };
}

function roundsPath(boardId: string): string {
  return `/api/boards/${encodeURIComponent(boardId)}/votes/rounds`;
}

/** Opens a voting round (the caller becomes its facilitator). */
export function openRound(boardId: string, input: OpenRound): Promise<{ roundId: string }> {
  return request(roundsPath(boardId), json("POST", input));
}

/** Casts (or replaces) my ballot on one card; `remaining` is my dot budget left (null in poker). */
export function castBallot(
  boardId: string,
  roundId: string,
  cardId: string,
  value: ScaleValue,
): Promise<{ remaining: number | null }> {
  return request(
    `${roundsPath(boardId)}/${encodeURIComponent(roundId)}/ballots`,
    json("POST", { cardId, value }),
  );
}

/** Reads a round. */
export function getRound(boardId: string, roundId: string): Promise<RoundView> {
  return request(`${roundsPath(boardId)}/${encodeURIComponent(roundId)}`);
}

/** Reveals a round (its facilitator only). */
export function revealRound(boardId: string, roundId: string): Promise<RoundView> {
  return request(`${roundsPath(boardId)}/${encodeURIComponent(roundId)}/reveal`, json("POST"));
}

/** Closes a round (its facilitator only). */
export function closeRound(boardId: string, roundId: string): Promise<RoundView> {
  return request(`${roundsPath(boardId)}/${encodeURIComponent(roundId)}/close`, json("POST"));
}
