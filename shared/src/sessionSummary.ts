import * as Y from "yjs";
import { quickVoteSides, readConflicts } from "./conflicts";
import { readDecisions } from "./decisions";
import { newId } from "./ids";
import { getRoots } from "./schema";
import { cardPlaces, endSession, readBaseline, readSession, type SessionPerson } from "./session";
import { type ConflictSide, parseConflictOption, readRoundLog, type VoteKind } from "./voting";

// The summary of a live session, written when the facilitator ends it (session.summaries, stored whole):
// what moved since the session started (against the baseline startSession stored), what was decided, the
// rounds revealed and the conflicts still open. Names and titles are copied in, so the summary reads the
// same later, for people who missed the session, whatever happens to the board afterwards.

/** How many past summaries a board keeps (the oldest go first). */
export const MAX_SUMMARIES = 20;

/** A card whose lane, rank or roadmap target changed during the session. */
export interface MovedCard {
  readonly cardId: string;
  readonly title: string;
  readonly fromLane: string;
  readonly toLane: string;
  readonly fromTarget: string | null;
  readonly toTarget: string | null;
  /** Same lane, another position. */
  readonly reranked: boolean;
}

/** One result of a revealed round: a card (or, in a quick vote, the conflict side) and what it got. */
export interface SummaryResult {
  /** The card's title. */
  readonly label: string;
  readonly result: string;
  /** A quick vote's option: the conflict side it stood for, named by the reader (absent for a card). */
  readonly side?: ConflictSide;
}

/** A revealed round as the summary lists it, each card (or conflict side) with its result in words. */
export interface SummaryRound {
  readonly roundId: string;
  readonly kind: VoteKind;
  readonly results: readonly SummaryResult[];
}

/** What a session came to. User ids are kept as ids (the reader names them from the board's members). */
export interface SessionSummary {
  readonly id: string;
  readonly startedAt: number | null;
  readonly endedAt: number;
  readonly facilitator: SessionPerson | null;
  readonly endedBy: string;
  readonly moved: readonly MovedCard[];
  readonly decisions: readonly {
    readonly id: string;
    readonly title: string;
    readonly decidedBy: string;
    readonly rationale: string;
  }[];
  readonly rounds: readonly SummaryRound[];
  readonly openConflicts: readonly {
    readonly cardId: string;
    readonly title: string;
    readonly field: string;
    readonly sides: readonly { readonly userId: string; readonly value: string }[];
  }[];
}

function titleOf(doc: Y.Doc, cardId: string): string {
  const card = getRoots(doc).cards.get(cardId);
  const title = card instanceof Y.Map ? card.get("title") : undefined;
  return typeof title === "string" ? title : "(deleted card)";
}

function laneTitle(doc: Y.Doc, laneId: string): string {
  const lane = getRoots(doc).lanes.get(laneId);
  const title = lane instanceof Y.Map ? lane.get("title") : undefined;
  return typeof title === "string" ? title : "(deleted lane)";
}

function fieldValue(doc: Y.Doc, field: string, value: unknown): string {
  if (field === "laneId" && typeof value === "string") return laneTitle(doc, value);
  return value === null || value === undefined ? "(none)" : String(value);
}

/** Reads what the running session has come to so far, at server time `at` (pure: writes nothing). */
export function summariseSession(
  doc: Y.Doc,
  { at, endedBy }: { at: number; endedBy: string },
): SessionSummary {
  const session = readSession(doc);
  const since = session.startedAt ?? 0;
  const baseline = readBaseline(doc);
  const now = cardPlaces(doc);
  const moved: MovedCard[] = [];
  for (const [cardId, before] of Object.entries(baseline)) {
    const after = now[cardId];
    if (!after) continue;
    if (after.laneId === before.laneId && after.rank === before.rank && after.target === before.target)
      continue;
    moved.push({
      cardId,
      title: titleOf(doc, cardId),
      fromLane: laneTitle(doc, before.laneId),
      toLane: laneTitle(doc, after.laneId),
      fromTarget: before.target,
      toTarget: after.target,
      reranked: after.laneId === before.laneId && after.rank !== before.rank,
    });
  }
  const decisions = readDecisions(doc)
    .filter((decision) => decision.decidedAt >= since)
    .map(({ id, title, decidedBy, rationale }) => ({ id, title, decidedBy, rationale }));
  const rounds = readRoundLog(getRoots(doc).session)
    .filter((round) => round.revealedAt >= since)
    .map((round) => ({
      roundId: round.roundId,
      kind: round.kind,
      results: round.cards.map((card): SummaryResult => {
        const option = parseConflictOption(card.cardId);
        const votes = card.votes ?? 0;
        const result = card.estimate ?? `${votes} dot${votes === 1 ? "" : "s"}`;
        if (!option) return { label: titleOf(doc, card.cardId), result };
        // Rounds logged before their sides were kept: the conflict may still be open to name them.
        const side = card.side ?? quickVoteSides(doc, [card.cardId])[option.side];
        const label = titleOf(doc, option.cardId);
        return side ? { label, result, side } : { label: `${label}, side ${option.side + 1}`, result };
      }),
    }));
  const openConflicts = readConflicts(doc).map((conflict) => ({
    cardId: conflict.cardId,
    title: titleOf(doc, conflict.cardId),
    field: conflict.field,
    sides: conflict.sides.map((side) => ({
      userId: side.userId,
      value: fieldValue(doc, conflict.field, side.value),
    })),
  }));
  return {
    id: newId(),
    startedAt: session.startedAt,
    endedAt: at,
    facilitator: session.facilitator,
    endedBy,
    moved,
    decisions,
    rounds,
    openConflicts,
  };
}

/**
 * Ends the live session and keeps its summary (session.summaries, the last MAX_SUMMARIES), in one
 * transaction; returns the summary.
 */
export function closeSession(
  doc: Y.Doc,
  { at, endedBy }: { at: number; endedBy: string },
  origin?: unknown,
): SessionSummary {
  let summary: SessionSummary | null = null;
  doc.transact(() => {
    summary = summariseSession(doc, { at, endedBy });
    const { session } = getRoots(doc);
    session.set("summaries", [...readSummaries(doc), summary].slice(-MAX_SUMMARIES));
    endSession(doc, origin);
  }, origin);
  return summary as unknown as SessionSummary;
}

function isSummary(value: unknown): value is SessionSummary {
  const summary = value as Partial<SessionSummary> | null;
  return (
    typeof summary === "object" &&
    summary !== null &&
    typeof summary.id === "string" &&
    typeof summary.endedAt === "number" &&
    Array.isArray(summary.moved) &&
    Array.isArray(summary.decisions) &&
    Array.isArray(summary.rounds) &&
    Array.isArray(summary.openConflicts)
  );
}

/** The kept session summaries, oldest first (defensive: malformed entries are skipped). */
export function readSummaries(doc: Y.Doc): SessionSummary[] {
  const stored = getRoots(doc).session.get("summaries");
  return Array.isArray(stored) ? stored.filter(isSummary) : [];
}

/** What a revealed round is called: "Dot vote", "Planning poker", or "Quick vote on “Onboarding”". */
export function roundHeading(round: SummaryRound): string {
  const [first] = round.results;
  if (first?.side) return `Quick vote on “${first.label}”`;
  return round.kind === "dot" ? "Dot vote" : "Planning poker";
}

/** What a round's result is called: the card, or for a quick vote the side, "Ada: In progress". */
export function resultLabel(result: SummaryResult, name: (userId: string) => string): string {
  return result.side ? `${name(result.side.userId)}: ${result.side.value}` : result.label;
}

function when(at: number | null): string {
  return at === null ? "?" : new Date(at).toISOString().slice(0, 16).replace("T", " ");
}

/** The summary as Markdown, to paste for people who missed the session; `name` turns user ids into names. */
export function summaryMarkdown(summary: SessionSummary, name: (userId: string) => string): string {
  const lines = [
    `# Session summary (${when(summary.startedAt)} – ${when(summary.endedAt)} UTC)`,
    "",
    `Facilitator: ${summary.facilitator?.name ?? "?"}`,
    "",
    "## What moved",
  ];
  if (summary.moved.length === 0) lines.push("- Nothing moved.");
  for (const move of summary.moved) {
    const where = move.reranked
      ? `re-ranked in ${move.toLane}`
      : move.fromLane === move.toLane
        ? `stays in ${move.toLane}`
        : `${move.fromLane} → ${move.toLane}`;
    const target =
      move.fromTarget === move.toTarget
        ? ""
        : `, target ${move.fromTarget ?? "none"} → ${move.toTarget ?? "none"}`;
    lines.push(`- ${move.title}: ${where}${target}`);
  }
  lines.push("", "## Decisions");
  if (summary.decisions.length === 0) lines.push("- No decisions.");
  for (const decision of summary.decisions) {
    lines.push(
      `- ${decision.title} (${name(decision.decidedBy)})${decision.rationale ? ` — ${decision.rationale}` : ""}`,
    );
  }
  lines.push("", "## Votes");
  if (summary.rounds.length === 0) lines.push("- No votes revealed.");
  for (const round of summary.rounds) {
    lines.push(`- ${roundHeading(round)}:`);
    for (const result of round.results) {
      lines.push(`  - ${resultLabel(result, name)}${result.side ? " —" : ":"} ${result.result}`);
    }
  }
  lines.push("", "## Open conflicts");
  if (summary.openConflicts.length === 0) lines.push("- None.");
  for (const conflict of summary.openConflicts) {
    const sides = conflict.sides.map((side) => `${name(side.userId)}: ${side.value}`).join(" vs ");
    lines.push(`- ${conflict.title} (${conflict.field}): ${sides}`);
  }
  return `${lines.join("\n")}\n`;
}
