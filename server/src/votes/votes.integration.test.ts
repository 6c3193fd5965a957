import {
  conflictOptionIds,
  conflictVoteWinner,
  createCard,
  createLane,
  getRoots,
  openConflict,
  readBoard,
  readRound,
  readRoundLog,
} from "@converge/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../server";
import {
  addMember,
  api,
  connectClient,
  createBoard,
  signUp,
  startTestServer,
  type TestClient,
  type TestUser,
  tempDataDir,
  waitFor,
} from "../testServer";

const data = tempDataDir();
let server: RunningServer;
let owner: TestUser;
let editor: TestUser;
let viewer: TestUser;
let outsider: TestUser;
let boardId: string;
let client: TestClient;
let cards: string[];

beforeAll(async () => {
  server = await startTestServer(data.dir);
  [owner, editor, viewer, outsider] = await Promise.all([
    signUp(server.url, "Olive Owner"),
    signUp(server.url, "Ed Editor"),
    signUp(server.url, "Vic Viewer"),
    signUp(server.url, "Otto Outsider"),
  ]);
  boardId = await createBoard(server.url, owner, "Voting board");
  await addMember(server.url, boardId, owner, editor, "editor");
  await addMember(server.url, boardId, owner, viewer, "viewer");
  // The owner watches the board through the stock y-websocket client, as any bot could.
  client = connectClient(server.url, boardId, owner);
  await client.synced;
  const doc = client.doc;
  const laneId = readBoard(doc).lanes[0]?.id ?? createLane(doc, { title: "Backlog" });
  cards = ["Search", "Export", "Dark mode", "SSO"].map((title) =>
    createCard(doc, { laneId, title, by: owner.id }),
  );
  await waitFor(() => client.provider.synced, 5_000, "cards stored");
  // A round fetch through REST reads the server's document: wait until the cards are there.
  await new Promise((resolve) => setTimeout(resolve, 100));
});

afterAll(async () => {
  client?.destroy();
  await server?.close();
  data.remove();
});

const rounds = () => `/api/boards/${boardId}/votes/rounds`;

async function call(
  user: TestUser | null,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await api(server.url, path, {
    ...(user ? { cookie: user.cookie } : {}),
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function openRound(user: TestUser, body: unknown): Promise<string> {
  const opened = await call(user, rounds(), body);
  expect(opened.status, JSON.stringify(opened.json)).toBe(201);
  return opened.json.roundId as string;
}

const ballot = (user: TestUser | null, roundId: string, cardId: string, value: unknown) =>
  call(user, `${rounds()}/${roundId}/ballots`, { cardId, value });

function errorCode(json: Record<string, unknown>): string {
  return (json.error as { code: string }).code;
}

function docRound() {
  return readRound(getRoots(client.doc).session);
}

describe("voting rounds through the real server", () => {
  it("tells the time, for clients' clock offsets", async () => {
    const before = Date.now();
    const { status, json } = await call(owner, "/api/time");
    expect(status).toBe(200);
    expect(json.now).toBeGreaterThanOrEqual(before - 5);
    expect(json.now).toBeLessThanOrEqual(Date.now() + 5);
  });

  it("lets owners and editors open a round, refuses viewers, outsiders and strangers", async () => {
    expect((await call(viewer, rounds(), { kind: "dot" })).status).toBe(403);
    const outside = await call(outsider, rounds(), { kind: "dot" });
    expect(outside.status).toBe(403);
    expect(errorCode(outside.json)).toBe("not_a_member");
    expect((await call(null, rounds(), { kind: "dot" })).status).toBe(401);
    const badKind = await call(editor, rounds(), { kind: "ranked" });
    expect(badKind.status).toBe(400);
    const ghost = await call(editor, rounds(), { kind: "dot", cardIds: ["no-such-card"] });
    expect(ghost.status).toBe(422);
    expect(errorCode(ghost.json)).toBe("card_not_found");
  });

  it("keeps dot ballots secret until the facilitator reveals, enforcing the budget", async () => {
    const [search, exportCard, dark] = cards as [string, string, string];
    const roundId = await openRound(editor, { kind: "dot", budget: 4, cardIds: [search, exportCard, dark] });
    await waitFor(() => docRound()?.roundId === roundId, 5_000, "round in the document");
    expect(docRound()).toMatchObject({ status: "open", kind: "dot", voterIds: [], facilitatorId: editor.id });

    const second = await call(owner, rounds(), { kind: "poker" });
    expect(second.status).toBe(409);
    expect(errorCode(second.json)).toBe("round_already_open");

    // A viewer (a stakeholder) may vote.
    expect((await ballot(viewer, roundId, search, 3)).status).toBe(200);
    const over = await ballot(viewer, roundId, exportCard, 2);
    expect(over.status).toBe(409);
    expect(errorCode(over.json)).toBe("over_budget");
    const ok = await ballot(viewer, roundId, exportCard, 1);
    expect(ok.json).toMatchObject({ remaining: 0 });
    // A re-vote replaces the earlier ballot, freeing its dots.
    expect((await ballot(viewer, roundId, search, 1)).status).toBe(200);
    expect((await ballot(viewer, roundId, exportCard, 3)).status).toBe(200);
    expect((await ballot(owner, roundId, search, 4)).status).toBe(200);
    expect((await ballot(editor, roundId, dark, 2)).status).toBe(200);

    // Bad ballots are clear 4xx.
    const cases: [TestUser | null, string, unknown, number, string][] = [
      [viewer, "no-such-card", 1, 422, "card_not_in_round"],
      [viewer, cards[3] as string, 1, 422, "card_not_in_round"],
      [viewer, dark, -1, 422, "value_invalid"],
      [viewer, dark, 1.5, 422, "value_invalid"],
      [viewer, dark, "L", 422, "value_invalid"],
      [viewer, dark, 5, 422, "value_invalid"],
      [outsider, dark, 1, 403, "not_a_member"],
    ];
    for (const [user, cardId, value, status, code] of cases) {
      const refused = await ballot(user, roundId, cardId, value);
      expect([refused.status, errorCode(refused.json)], `${cardId} ${String(value)}`).toEqual([status, code]);
    }
    expect((await ballot(null, roundId, dark, 1)).status).toBe(401);
    expect((await call(viewer, `${rounds()}/${roundId}/ballots`, { cardId: dark })).status).toBe(400);
    expect((await ballot(viewer, "no-such-round", dark, 1)).status).toBe(404);

    // Before reveal: who voted, never what.
    const seen = await call(owner, `${rounds()}/${roundId}`);
    expect(seen.status).toBe(200);
    expect(seen.json.voterIds).toEqual([viewer.id, owner.id, editor.id]);
    expect(seen.json.mine).toEqual([{ cardId: search, value: 4 }]);
    expect(seen.json.ballots).toBeUndefined();
    expect(seen.json.results).toBeUndefined();
    const viewerSees = await call(viewer, `${rounds()}/${roundId}`);
    expect(viewerSees.json.mine).toHaveLength(2);
    expect(viewerSees.json.mine).toEqual(
      expect.arrayContaining([
        { cardId: search, value: 1 },
        { cardId: exportCard, value: 3 },
      ]),
    );
    expect((await call(outsider, `${rounds()}/${roundId}`)).status).toBe(403);
    await waitFor(() => docRound()?.voterIds.length === 3, 5_000, "voters in the document");
    const board = readBoard(client.doc);
    for (const id of cards) expect(board.cards.get(id)?.votes).toBeNull();
    expect(Object.keys(getRoots(client.doc).session.get("round") as object).sort()).toEqual(
      [
        "budget",
        "cardIds",
        "facilitatorId",
        "kind",
        "results",
        "roundId",
        "scale",
        "sides",
        "status",
        "voterIds",
      ].sort(),
    );
    // A round on cards has no conflict sides: nothing in the document but who voted.
    expect(docRound()?.sides).toEqual([]);

    // Only the facilitator reveals: not the owner, not the viewer.
    const notFacilitator = await call(owner, `${rounds()}/${roundId}/reveal`, {});
    expect([notFacilitator.status, errorCode(notFacilitator.json)]).toEqual([403, "not_facilitator"]);
    expect((await call(viewer, `${rounds()}/${roundId}/reveal`, {})).status).toBe(403);
    expect((await call(viewer, `${rounds()}/${roundId}/close`, {})).status).toBe(403);

    const revealed = await call(editor, `${rounds()}/${roundId}/reveal`, {});
    expect(revealed.status).toBe(200);
    expect(revealed.json.status).toBe("revealed");
    const results = revealed.json.results as {
      cards: { cardId: string; votes: number }[];
      highlight: string[];
    };
    expect(results.cards.map((card) => [card.cardId, card.votes])).toEqual([
      [search, 5],
      [exportCard, 3],
      [dark, 2],
    ]);
    // Search: 1, 4, 0 → the widest spread across voters.
    expect(results.highlight[0]).toBe(search);
    expect(revealed.json.ballots).toHaveLength(4);

    // The results reach every client through the room.
    await waitFor(() => readBoard(client.doc).cards.get(search)?.votes === 5, 5_000, "votes in the document");
    const after = readBoard(client.doc);
    expect(after.cards.get(exportCard)?.votes).toBe(3);
    expect(after.cards.get(dark)?.votes).toBe(2);
    expect(after.cards.get(cards[3] as string)?.votes).toBeNull();
    await waitFor(() => docRound()?.status === "revealed", 5_000, "revealed round");
    expect(docRound()?.results?.highlight).toEqual(results.highlight);

    const late = await ballot(viewer, roundId, dark, 1);
    expect([late.status, errorCode(late.json)]).toEqual([409, "round_not_open"]);
    const again = await call(editor, `${rounds()}/${roundId}/reveal`, {});
    expect([again.status, errorCode(again.json)]).toEqual([409, "round_not_open"]);
    expect((await call(viewer, `${rounds()}/${roundId}`)).json.ballots).toHaveLength(4);
  });

  it("reveals a poker round as estimate spreads and highlights the widest disagreement", async () => {
    const [search, exportCard, dark] = cards as [string, string, string];
    const roundId = await openRound(owner, {
      kind: "poker",
      scale: "tshirt",
      cardIds: [search, exportCard, dark],
    });
    expect((await ballot(owner, roundId, search, "S")).status).toBe(200);
    expect((await ballot(editor, roundId, search, "XL")).status).toBe(200);
    expect((await ballot(viewer, roundId, search, "M")).status).toBe(200);
    for (const user of [owner, editor, viewer])
      expect((await ballot(user, roundId, exportCard, "M")).status).toBe(200);
    const offScale = await ballot(viewer, roundId, dark, 8);
    expect([offScale.status, errorCode(offScale.json)]).toEqual([422, "value_invalid"]);
    const before = await call(editor, `${rounds()}/${roundId}`);
    expect(before.json.voterIds).toEqual([owner.id, editor.id, viewer.id]);
    expect(before.json.ballots).toBeUndefined();

    const revealed = await call(owner, `${rounds()}/${roundId}/reveal`, {});
    expect(revealed.status).toBe(200);
    expect((revealed.json.results as { highlight: string[] }).highlight).toEqual([search]);
    await waitFor(() => readBoard(client.doc).cards.get(search)?.estimateSpread !== null, 5_000, "spread");
    const board = readBoard(client.doc);
    expect(board.cards.get(search)?.estimateSpread).toMatchObject({
      scale: "tshirt",
      min: "S",
      max: "XL",
      median: "M",
      consensus: false,
      disagreement: 3,
      histogram: { S: 1, M: 1, XL: 1 },
      voters: 3,
    });
    expect(board.cards.get(exportCard)?.estimateSpread).toMatchObject({
      consensus: true,
      suggestion: "M",
      disagreement: 0,
    });
    expect(board.cards.get(dark)?.estimateSpread).toBeNull();
  });

  it("lets the facilitator close a round without revealing anything", async () => {
    const [search] = cards as [string];
    const roundId = await openRound(editor, { kind: "dot", cardIds: [search] });
    expect((await ballot(viewer, roundId, search, 5)).status).toBe(200);
    expect((await ballot(viewer, roundId, search, 6)).status).toBe(422);
    expect((await call(owner, `${rounds()}/${roundId}/close`, {})).status).toBe(403);
    const closed = await call(editor, `${rounds()}/${roundId}/close`, {});
    expect(closed.status).toBe(200);
    expect(closed.json.status).toBe("closed");
    expect(closed.json.ballots).toBeUndefined();
    await waitFor(() => docRound()?.status === "closed", 5_000, "closed round");
    // The earlier reveal's total stands; the closed round's ballot never reached the document.
    expect(readBoard(client.doc).cards.get(search)?.votes).toBe(5);
    const seen = await call(editor, `${rounds()}/${roundId}`);
    expect(seen.json.ballots).toBeUndefined();
    expect(seen.json.voterIds).toEqual([viewer.id]);
  });

  it("runs a quick vote between the two sides of an open conflict, one dot each, logging the result for the session summary", async () => {
    const [, exportCard] = cards as [string, string];
    const conflictId = "target:ed@1:olive@2";
    openConflict(client.doc, {
      id: conflictId,
      cardId: exportCard,
      field: "target",
      sides: [
        { userId: editor.id, value: "now", at: 1 },
        { userId: owner.id, value: "later", at: 2 },
      ],
      concurrent: true,
    });
    await waitFor(() => client.provider.synced, 5_000, "conflict stored");
    await new Promise((resolve) => setTimeout(resolve, 100));
    const missing = await call(editor, rounds(), {
      kind: "dot",
      conflict: { cardId: exportCard, conflictId: "nope" },
    });
    expect(missing.status).toBe(422);
    expect((missing.json.error as { code: string }).code).toBe("conflict_not_found");

    const roundId = await openRound(editor, { kind: "dot", conflict: { cardId: exportCard, conflictId } });
    const [now, later] = conflictOptionIds(exportCard, conflictId);
    // The published round names its options by their sides, so they read "Ed: now" even once settled.
    const sides = [
      { userId: editor.id, value: "now" },
      { userId: owner.id, value: "later" },
    ];
    await waitFor(
      () => readRound(getRoots(client.doc).session)?.roundId === roundId,
      5_000,
      "round published",
    );
    expect(readRound(getRoots(client.doc).session)?.sides).toEqual(sides);
    expect((await ballot(viewer, roundId, now, 2)).status).toBe(422);
    expect((await ballot(viewer, roundId, exportCard, 1)).status).toBe(422);
    expect((await ballot(viewer, roundId, now, 1)).status).toBe(200);
    expect((await ballot(viewer, roundId, later, 1)).status).toBe(409);
    expect((await ballot(editor, roundId, now, 1)).status).toBe(200);
    expect((await ballot(owner, roundId, later, 1)).status).toBe(200);
    const votesBefore = readBoard(client.doc).cards.get(exportCard)?.votes ?? null;

    const revealed = await call(editor, `${rounds()}/${roundId}/reveal`, {});
    expect(revealed.status).toBe(200);
    const results = (revealed.json.results as { cards: { cardId: string; votes: number }[] }).cards;
    expect(conflictVoteWinner(results)).toEqual({ side: 0, tally: [2, 1] });
    await waitFor(
      () => readRoundLog(getRoots(client.doc).session).some((entry) => entry.roundId === roundId),
      5_000,
      "round logged",
    );
    const logged = readRoundLog(getRoots(client.doc).session).find((entry) => entry.roundId === roundId);
    expect(logged?.cards).toEqual([
      { cardId: now, votes: 2, estimate: null, side: sides[0] },
      { cardId: later, votes: 1, estimate: null, side: sides[1] },
    ]);
    // The options are not cards: the card's own dot total is untouched.
    expect(readBoard(client.doc).cards.get(exportCard)?.votes ?? null).toBe(votesBefore);
  });
});
