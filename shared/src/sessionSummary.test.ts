import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { openConflict, quickVoteSides, settleConflict } from "./conflicts";
import { recordDecision } from "./decisions";
import { createCard, initBoard, moveCard } from "./operations";
import { readBoard } from "./readBoard";
import { readSession, startSession } from "./session";
import { closeSession, readSummaries, summaryMarkdown } from "./sessionSummary";
import { conflictOptionIds, logRevealedRound, publishRound, roundLogEntry } from "./voting";

const ada = { id: "ada", name: "Ada" };
const names = new Map([
  ["ada", "Ada"],
  ["bo", "Bo"],
]);
const name = (id: string) => names.get(id) ?? id;

function plannedBoard() {
  const doc = new Y.Doc();
  initBoard(doc, { title: "Planning", template: "product-backlog" });
  const [backlog, next] = readBoard(doc).lanes;
  if (!backlog || !next) throw new Error("the template has lanes");
  const search = createCard(doc, { laneId: backlog.id, title: "Search", by: "ada" });
  const exportCard = createCard(doc, { laneId: backlog.id, title: "Export", by: "ada" });
  const still = createCard(doc, { laneId: next.id, title: "Still", by: "ada" });
  return { doc, backlog, next, search, exportCard, still };
}

/** Opens a conflict on a card: Ada put it in the first lane, Bo (concurrently) in the second. */
function adaAndBoDisagree(doc: Y.Doc, id: string, cardId: string, [adaLane, boLane]: [string, string]) {
  openConflict(doc, {
    id,
    cardId,
    field: "laneId",
    sides: [
      { userId: "ada", value: adaLane, at: 1 },
      { userId: "bo", value: boLane, at: 2 },
    ],
    concurrent: true,
  });
}

describe("session summary", () => {
  it("lists what moved since the start, what was decided, the rounds revealed and the conflicts left open", () => {
    const { doc, backlog, next, search, exportCard, still } = plannedBoard();
    const startedAt = Date.now() - 1_000;
    recordDecision(doc, { title: "Before the session", decidedBy: "ada", kind: "other" });
    const before = Date.now();
    while (Date.now() === before) {
      // the next decision is stamped after the session started
    }
    startSession(doc, { facilitator: ada, at: Date.now() });
    moveCard(doc, { cardId: search, laneId: next.id, index: 0, by: "bo" });
    moveCard(doc, { cardId: exportCard, laneId: backlog.id, index: 0, by: "ada" });
    recordDecision(doc, {
      title: "Search goes next",
      decidedBy: "ada",
      rationale: "Most asked for",
      cardIds: [search],
      kind: "priority",
    });
    logRevealedRound(
      doc,
      roundLogEntry("r1", Date.now(), {
        kind: "dot",
        results: [{ cardId: search, votes: 3, disagreement: 0 }],
      }),
    );
    logRevealedRound(doc, roundLogEntry("old", startedAt - 60_000, { kind: "dot", results: [] }));
    adaAndBoDisagree(doc, "c1", still, [next.id, backlog.id]);

    const summary = closeSession(doc, { at: Date.now(), endedBy: "ada" });
    expect(readSession(doc).active).toBe(false);
    expect(summary.moved).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          title: "Search",
          fromLane: backlog.title,
          toLane: next.title,
          reranked: false,
        }),
        expect.objectContaining({
          title: "Export",
          fromLane: backlog.title,
          toLane: backlog.title,
          reranked: true,
        }),
      ]),
    );
    expect(summary.moved.map((move) => move.title)).not.toContain("Still");
    expect(summary.decisions.map((decision) => decision.title)).toEqual(["Search goes next"]);
    expect(summary.rounds).toEqual([
      { roundId: "r1", kind: "dot", results: [{ label: "Search", result: "3 dots" }] },
    ]);
    expect(summary.openConflicts).toEqual([
      {
        cardId: still,
        title: "Still",
        field: "laneId",
        sides: [
          { userId: "ada", value: next.title },
          { userId: "bo", value: backlog.title },
        ],
      },
    ]);
    expect(readSummaries(doc)).toEqual([summary]);

    const markdown = summaryMarkdown(summary, name);
    expect(markdown).toContain(`- Search: ${backlog.title} → ${next.title}`);
    expect(markdown).toContain(`- Export: re-ranked in ${backlog.title}`);
    expect(markdown).toContain("- Search goes next (Ada) — Most asked for");
    expect(markdown).toContain("  - Search: 3 dots");
    expect(markdown).toContain(`- Still (laneId): Ada: ${next.title} vs Bo: ${backlog.title}`);
  });

  it("names a quick vote's options by who put the card where, even once the conflict is settled, and keeps summaries when the session is started again", () => {
    const { doc, backlog, next, search } = plannedBoard();
    startSession(doc, { facilitator: ada, at: Date.now() - 10 });
    adaAndBoDisagree(doc, "laneId:ada@1:bo@2", search, [next.id, backlog.id]);
    const options = conflictOptionIds(search, "laneId:ada@1:bo@2");
    const [first, second] = options;
    // The server publishes the quick vote with its sides while the conflict is open…
    publishRound(doc, {
      roundId: "quick",
      kind: "dot",
      status: "open",
      facilitatorId: "ada",
      cardIds: options,
      voterIds: [],
      budget: 1,
      scale: null,
      results: null,
      sides: quickVoteSides(doc, options),
    });
    // …someone settles the conflict before the reveal, which logs the round.
    settleConflict(doc, search, "laneId:ada@1:bo@2", { keep: 0, decidedBy: "ada" });
    logRevealedRound(
      doc,
      roundLogEntry("quick", Date.now(), {
        kind: "dot",
        results: [
          { cardId: first, votes: 2, disagreement: 0 },
          { cardId: second, votes: 1, disagreement: 0 },
        ],
      }),
    );
    const summary = closeSession(doc, { at: Date.now(), endedBy: "ada" });
    expect(summary.rounds[0]?.results).toEqual([
      { label: "Search", result: "2 dots", side: { userId: "ada", value: next.title } },
      { label: "Search", result: "1 dot", side: { userId: "bo", value: backlog.title } },
    ]);
    const markdown = summaryMarkdown(summary, name);
    expect(markdown).toContain(
      `- Quick vote on “Search”:\n  - Ada: ${next.title} — 2 dots\n  - Bo: ${backlog.title} — 1 dot`,
    );
    expect(markdown).not.toContain("side 1");

    startSession(doc, { facilitator: ada, at: Date.now() });
    closeSession(doc, { at: Date.now(), endedBy: "ada" });
    expect(readSummaries(doc)).toHaveLength(2);
  });
});
