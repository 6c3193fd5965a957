import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import {
  addChecklistItem,
  addComment,
  addTeam,
  archiveCard,
  archiveGoal,
  createCard,
  createEvidence,
  createGoal,
  createLane,
  readBoard,
  renameCard,
  setCardDescription,
  setCardFields,
  setLaneWipLimit,
  setScoringModel,
  setVoteBudget,
  toggleChecklistItem,
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
import type { BoardFile } from "./boardFile";
import { MAX_IMPORT_CARDS } from "./limits";

const data = tempDataDir();
let server: RunningServer;
let owner: TestUser;
let editor: TestUser;
let viewer: TestUser;
let sourceId: string;
const clients: TestClient[] = [];

const TRICKY = 'Say "hello", then\nsplit, the line; and =SUM(A1)';

beforeAll(async () => {
  server = await startTestServer(data.dir, { IMPORT_MAX_BYTES: String(256 * 1024) });
  [owner, editor, viewer] = await Promise.all([
    signUp(server.url, "Olive Owner"),
    signUp(server.url, "Ed Editor"),
    signUp(server.url, "Vic Viewer"),
  ]);
  sourceId = await createBoard(server.url, owner, 'Source, with "quotes"');
  await addMember(server.url, sourceId, owner, editor, "editor");
  await addMember(server.url, sourceId, owner, viewer, "viewer");
  // Content made the way people make it: shared operations on a stock client's document.
  const client = await connect(sourceId, owner);
  const doc = client.doc;
  const backlog = readBoard(doc).lanes[0]?.id as string;
  const ideas = createLane(doc, { title: 'Ideas, "raw"', kind: "backlog" });
  setLaneWipLimit(doc, ideas, 5);
  createLane(doc, { title: "Empty lane" });
  const a = createCard(doc, { laneId: backlog, title: "First card", by: owner.id });
  setCardDescription(doc, a, TRICKY);
  const b = createCard(doc, { laneId: backlog, title: "Second, archived", by: owner.id });
  createCard(doc, { laneId: backlog, title: "Third", by: owner.id });
  archiveCard(doc, b);
  const d = createCard(doc, { laneId: ideas, title: "-1 is a formula-looking title", by: owner.id });
  renameCard(doc, d, '@mention, "quoted" title');
  setCardDescription(doc, d, "line one\r\nline two\n\nline four");
  // Planning data: settings, goals (one archived), fields, checklist, comments and evidence.
  addTeam(doc, 'Data, "platform"');
  setScoringModel(doc, "wsjf");
  setVoteBudget(doc, 7);
  const growth = createGoal(doc, { title: "Grow activation", description: "Why:\nbecause", by: owner.id });
  const old = createGoal(doc, { title: "Old goal", by: owner.id });
  setCardFields(doc, a, {
    type: "feature",
    team: 'Data, "platform"',
    owner: owner.id,
    estimate: 5,
    reach: 1200,
    impact: 2,
    confidence: 80,
    effort: 1.5,
    value: 7,
    businessValue: 8,
    timeCriticality: 3,
    riskReduction: 1,
    goalId: growth,
    target: "2027-Q1",
    labels: ["ux", "q1, maybe"],
    dueDate: "2027-02-28",
  });
  setCardFields(doc, d, { type: "bug", goalId: old, target: "now" });
  archiveGoal(doc, old);
  const item = addChecklistItem(doc, a, { text: "Write the spec" });
  addChecklistItem(doc, a, { text: "Ship it" });
  toggleChecklistItem(doc, a, item, true);
  addComment(doc, a, { body: "First thought", by: owner.id });
  addComment(doc, a, { body: 'Second, "quoted"', by: owner.id });
  createEvidence(doc, {
    quote: "I need this",
    source: "interview",
    customer: "ACME",
    date: "2026-01-02",
    cardIds: [a, d],
    by: owner.id,
  });
  await waitForStored(sourceId, (file) => file.cards.some((card) => card.description.endsWith("line four")));
  client.destroy();
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server?.close();
  data.remove();
});

async function connect(boardId: string, user: TestUser): Promise<TestClient> {
  const client = connectClient(server.url, boardId, user);
  clients.push(client);
  await client.synced;
  return client;
}

async function exportJson(boardId: string, user: TestUser = owner): Promise<BoardFile> {
  const response = await api(server.url, `/api/boards/${boardId}/export?format=json`, {
    cookie: user.cookie,
  });
  expect(response.status).toBe(200);
  return (await response.json()) as BoardFile;
}

async function exportCsvText(boardId: string): Promise<string> {
  const response = await api(server.url, `/api/boards/${boardId}/export?format=csv`, {
    cookie: owner.cookie,
  });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/csv");
  return response.text();
}

async function waitForStored(boardId: string, done: (file: BoardFile) => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!done(await exportJson(boardId))) {
    if (Date.now() > deadline) throw new Error("the source board's cards never arrived");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function importFile(
  boardId: string,
  format: string,
  body: string,
  user: TestUser = owner,
): Promise<Response> {
  return fetch(`${server.url}/api/boards/${boardId}/import?format=${format}`, {
    method: "POST",
    headers: { cookie: user.cookie, origin: server.url, "content-type": "text/plain" },
    body,
  });
}

/** POSTs on a connection of its own: the server answers 413 before reading the body and then drops the connection. */
function postOnOwnConnection(path: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${server.url}${path}`, {
      method: "POST",
      agent: false,
      headers: { cookie: owner.cookie, origin: server.url, "content-length": Buffer.byteLength(body) },
    });
    let answered = false;
    request.on("response", (response) => {
      answered = true;
      let text = "";
      response.on("data", (chunk: Buffer) => {
        text += chunk.toString("utf8");
      });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    request.on("error", (error) => {
      // Writing the rest of the body may fail once the server has answered and closed; the answer is what counts.
      if (!answered) reject(error);
    });
    request.end(body);
  });
}

/**
 * The parts of a board file an import reproduces: everything but ids (lanes referenced by position), timestamps,
 * the creator (the importer) and the board's own title and id (an import adds to a board, it does not rename it).
 */
function comparable(file: BoardFile) {
  const laneIndex = new Map(file.lanes.map((lane, i) => [lane.id, i]));
  const goalIndex = new Map(file.goals.map((goal, i) => [goal.id, i]));
  const cardIndex = new Map(file.cards.map((card, i) => [card.id, i]));
  return {
    format: file.format,
    schemaVersion: file.schemaVersion,
    settings: file.board.settings,
    lanes: file.lanes.map(({ id: _id, ...lane }) => lane),
    cards: file.cards.map(
      ({
        id: _id,
        createdAt: _c,
        updatedAt: _u,
        createdBy: _b,
        laneId,
        goalId,
        owner: _o,
        comments,
        ...card
      }) => ({
        ...card,
        lane: laneIndex.get(laneId),
        goal: goalId === null ? null : goalIndex.get(goalId),
        comments: comments.map((comment) => comment.body),
      }),
    ),
    goals: file.goals.map(({ id: _id, createdAt: _c, createdBy: _b, ...goal }) => goal),
    evidence: file.evidence.map(({ id: _id, createdAt: _c, createdBy: _b, cardIds, ...piece }) => ({
      ...piece,
      cards: cardIds.map((id) => cardIndex.get(id)).sort(),
    })),
    decisions: file.decisions,
  };
}

describe("JSON export and import", () => {
  it("exports the whole board as plain data with its schema version", async () => {
    const file = await exportJson(sourceId, viewer);
    expect(file.format).toBe("converge.board");
    expect(file.schemaVersion).toBe(1);
    expect(file.lanes.map((lane) => lane.title)).toEqual([
      "Backlog",
      "In progress",
      "Done",
      'Ideas, "raw"',
      "Empty lane",
    ]);
    expect(file.lanes[3]).toMatchObject({ kind: "backlog", wipLimit: 5 });
    expect(file.cards.map((card) => [card.title, card.archived])).toEqual([
      ["First card", false],
      ["Second, archived", true],
      ["Third", false],
      ['@mention, "quoted" title', false],
    ]);
    expect(file.cards[0]?.description).toBe(TRICKY);
  });

  it("round-trips: export, import into an empty board, export again gives the same board", async () => {
    const original = await exportJson(sourceId);
    const target = await createBoard(server.url, owner, "Target");
    const response = await importFile(target, "json", JSON.stringify(original));
    expect(response.status).toBe(200);
    // The empty template's Backlog, In progress and Done are matched by title; the other two lanes are new.
    expect(await response.json()).toEqual({
      lanesCreated: 2,
      lanesMatched: 3,
      cardsCreated: 4,
      goalsCreated: 2,
      evidenceCreated: 1,
    });
    const again = await exportJson(target);
    expect(comparable(again)).toEqual(comparable(original));
    // The owner field keeps the person's id as written (here the importer is that person).
    expect(again.cards.map((card) => card.owner)).toEqual(original.cards.map((card) => card.owner));
    expect(again.cards.every((card) => card.createdBy === owner.id)).toBe(true);
    expect(original.cards[0]).toMatchObject({
      type: "feature",
      impact: 2,
      labels: ["ux", "q1, maybe"],
      checklist: [
        { text: "Write the spec", done: true },
        { text: "Ship it", done: false },
      ],
    });
    expect(original.goals.map((goal) => [goal.title, goal.archived])).toEqual([
      ["Grow activation", false],
      ["Old goal", true],
    ]);
    expect(original.board.settings).toMatchObject({ scoringModel: "wsjf", voteBudget: 7 });
  });

  it("shows an import to everyone connected at once", async () => {
    const target = await createBoard(server.url, owner, "Live target");
    const watcher = await connect(target, owner);
    const response = await importFile(target, "json", JSON.stringify(await exportJson(sourceId)));
    expect(response.status).toBe(200);
    await waitFor(() => readBoard(watcher.doc).cards.size === 4, 5_000, "the viewer sees the imported cards");
  });

  it("is additive: importing twice adds the cards twice into the same lanes", async () => {
    const target = await createBoard(server.url, owner, "Twice");
    const file = JSON.stringify(await exportJson(sourceId));
    expect((await importFile(target, "json", file)).status).toBe(200);
    expect(await (await importFile(target, "json", file)).json()).toMatchObject({
      lanesCreated: 0,
      lanesMatched: 5,
      cardsCreated: 4,
    });
    const again = await exportJson(target);
    expect(again.lanes).toHaveLength(5);
    expect(again.cards).toHaveLength(8);
  });
});

describe("CSV export and import", () => {
  it("quotes commas, quotes and newlines, and guards formula-looking cells", async () => {
    const csv = await exportCsvText(sourceId);
    const [header] = csv.split("\r\n");
    expect(header).toBe(
      "lane,title,description,type,team,owner,estimate,reach,impact,confidence,effort,value,goal,target,labels,due date,archived",
    );
    expect(csv).toContain(`"Say ""hello"", then\nsplit, the line; and =SUM(A1)"`);
    expect(csv).toContain(`"'@mention, ""quoted"" title"`);
    expect(csv).toContain("In progress,,,");
  });

  it("round-trips cards and lanes: same cards in the same lanes and order", async () => {
    const original = await exportJson(sourceId);
    const target = await createBoard(server.url, owner, "CSV target");
    const response = await importFile(target, "csv", await exportCsvText(sourceId));
    expect(response.status).toBe(200);
    const again = await exportJson(target);
    const shape = (file: BoardFile) => {
      const titles = new Map(file.lanes.map((lane) => [lane.id, lane.title]));
      const goals = new Map(file.goals.map((goal) => [goal.id, goal.title]));
      return {
        lanes: file.lanes.map((lane) => lane.title),
        cards: file.cards.map((card) => ({
          lane: titles.get(card.laneId),
          title: card.title,
          description: card.description,
          archived: card.archived,
          ...{
            type: card.type,
            team: card.team,
            owner: card.owner,
            estimate: card.estimate,
            reach: card.reach,
          },
          ...{ impact: card.impact, confidence: card.confidence, effort: card.effort, value: card.value },
          ...{ target: card.target, labels: card.labels, dueDate: card.dueDate },
          goal: card.goalId === null ? null : goals.get(card.goalId),
        })),
      };
    };
    expect(shape(again)).toEqual(shape(original));
  });
});

describe("Trello import", () => {
  it("maps a real-format Trello export onto the board, live and stored", async () => {
    const target = await createBoard(server.url, owner, "From Trello");
    const fixture = readFileSync(new URL("./fixtures/trello-board.json", import.meta.url), "utf8");
    const response = await importFile(target, "trello", fixture);
    expect(await response.json()).toEqual({
      lanesCreated: 3,
      lanesMatched: 1,
      cardsCreated: 6,
      goalsCreated: 0,
      evidenceCreated: 0,
    });
    const file = await exportJson(target);
    const laneTitle = new Map(file.lanes.map((lane) => [lane.id, lane.title]));
    expect(file.lanes.map((lane) => lane.title)).toEqual([
      "Backlog",
      "In progress",
      "Done",
      "Ideas",
      "To Do",
      "Doing",
    ]);
    expect(file.cards.map((card) => [laneTitle.get(card.laneId), card.title])).toEqual([
      ["Done", "Ship 1.0 to the stores"],
      ["Ideas", "Dark mode"],
      ["To Do", "Onboarding tour, first draft"],
      ["To Do", "Sign in with a passkey"],
      ["To Do", "Accessibility pass"],
      ["Doing", "Offline mode for the app"],
    ]);
    const passkey = file.cards.find((card) => card.title === "Sign in with a passkey");
    expect(passkey).toMatchObject({
      labels: ["Backend", "UX"],
      dueDate: "2026-03-14",
      checklist: [
        { text: "Design: Sketch the flow", done: true },
        { text: "Design: Pick the library", done: true },
        { text: "Design: Review with security", done: false },
        { text: "Launch: Announce in the changelog", done: false },
      ],
    });
    expect(passkey?.comments.map((comment) => comment.body)).toHaveLength(2);
    expect(file.cards.find((card) => card.title === "Ship 1.0 to the stores")).toMatchObject({
      description: "Release notes in the shared doc.",
      dueDate: "2026-01-31",
    });
  });
});

describe("bad input leaves the board untouched", () => {
  let target: string;
  let before: BoardFile;
  beforeAll(async () => {
    target = await createBoard(server.url, owner, "Untouched");
    before = await exportJson(target);
  });

  const longTitle = "x".repeat(501);
  const validFile = (): Record<string, unknown> => ({
    format: "converge.board",
    schemaVersion: 1,
    lanes: [{ id: "l1", title: "Lane" }],
    cards: [{ laneId: "l1", title: "Card" }],
  });

  it.each([
    ["truncated JSON", "json", '{"format":"converge.board","lanes":[', 400, "invalid_json", "not valid JSON"],
    ["not a board file", "json", JSON.stringify({ hello: "world" }), 400, "invalid_file", "format: expected"],
    [
      "a lane title of the wrong type",
      "json",
      JSON.stringify({ ...validFile(), lanes: [{ id: "l1", title: 7 }] }),
      400,
      "invalid_file",
      "lanes[0].title: expected string",
    ],
    [
      "a card in a lane the file lacks",
      "json",
      JSON.stringify({ ...validFile(), cards: [{ laneId: "nope", title: "Card" }] }),
      400,
      "invalid_file",
      "cards[0].laneId: no lane in the file has id nope",
    ],
    [
      "an absurdly long title",
      "json",
      JSON.stringify({ ...validFile(), cards: [{ laneId: "l1", title: longTitle }] }),
      400,
      "invalid_file",
      "cards[0].title is longer than 500 characters",
    ],
    [
      "an absurdly long description",
      "json",
      JSON.stringify({
        ...validFile(),
        cards: [{ laneId: "l1", title: "T", description: "d".repeat(20_001) }],
      }),
      400,
      "invalid_file",
      "cards[0].description: is longer than 20000 characters",
    ],
    [
      "too many cards",
      "json",
      JSON.stringify({
        ...validFile(),
        cards: Array.from({ length: MAX_IMPORT_CARDS + 1 }, () => ({ laneId: "l1", title: "c" })),
      }),
      400,
      "invalid_file",
      "cards: has more than 5000 items",
    ],
    [
      "a CSV with an unknown column",
      "csv",
      "lane,titel\nA,B\n",
      400,
      "invalid_csv",
      'unknown column "titel"',
    ],
    [
      "a CSV without a title column",
      "csv",
      "lane,description\nA,B\n",
      400,
      "invalid_csv",
      'no "title" column',
    ],
    ["a CSV with a broken quote", "csv", 'lane,title\nA,"open\nB,C\n', 400, "invalid_csv", "row 2"],
    [
      "a CSV row with too many fields",
      "csv",
      "lane,title\nA,B\nA,B,C\n",
      400,
      "invalid_csv",
      "row 3: has 3 fields",
    ],
    [
      "a CSV title that is too long",
      "csv",
      `lane,title\nA,ok\nA,ok\nA,ok\nA,ok\nA,ok\nA,${longTitle}\n`,
      400,
      "invalid_csv",
      "row 7: title is longer than 500 characters",
    ],
    [
      "a CSV with a bad archived flag",
      "csv",
      "lane,title,archived\nA,B,maybe\n",
      400,
      "invalid_csv",
      'row 2: archived is "maybe"',
    ],
    [
      "an unknown format",
      "xml",
      "<board/>",
      400,
      "invalid_format",
      "format: expected one of json, csv, trello",
    ],
    [
      "a CSV impact off the scale",
      "csv",
      "lane,title,impact\nA,B,1\nA,C,7\n",
      400,
      "invalid_file",
      "row 3: The card's impact must be one of 0.25, 0.5, 1, 2, 3.",
    ],
    [
      "a CSV estimate that is not a number",
      "csv",
      "lane,title,estimate\nA,B,lots\n",
      400,
      "invalid_csv",
      'row 2: estimate is "lots"',
    ],
    [
      "a JSON card field off the scale",
      "json",
      JSON.stringify({ ...validFile(), cards: [{ laneId: "l1", title: "Card", value: 11 }] }),
      400,
      "invalid_file",
      "cards[0]: The card's value must be a whole number from 1 to 10.",
    ],
    ["an empty body", "json", "", 400, "empty_file", "empty"],
  ])("%s", async (_name, format, body, status, code, message) => {
    const response = await importFile(target, format, body);
    const error = ((await response.json()) as { error: { code: string; message: string } }).error;
    expect({ status: response.status, code: error.code }).toEqual({ status, code });
    expect(error.message).toContain(message);
    expect(comparable(await exportJson(target))).toEqual(comparable(before));
  });

  it("refuses a body over IMPORT_MAX_BYTES with 413, though it is fine above the 1 MiB /api limit's share", async () => {
    const big = JSON.stringify({ ...validFile(), padding: "p".repeat(300 * 1024) });
    const response = await postOnOwnConnection(`/api/boards/${target}/import?format=json`, big);
    expect(response.status).toBe(413);
    expect((JSON.parse(response.body) as { error: { code: string } }).error.code).toBe("body_too_large");
    expect(comparable(await exportJson(target))).toEqual(comparable(before));
  });
});

describe("who may import and export", () => {
  it("owners and editors import; viewers export but may not import; strangers do neither", async () => {
    const stranger = await signUp(server.url, "Sam Stranger");
    const file = JSON.stringify({
      format: "converge.board",
      schemaVersion: 1,
      lanes: [{ id: "l", title: "Imported" }],
      cards: [],
    });
    expect((await importFile(sourceId, "json", file, viewer)).status).toBe(403);
    expect((await importFile(sourceId, "json", file, stranger)).status).toBe(403);
    expect((await importFile(sourceId, "json", file, editor)).status).toBe(200);
    for (const format of ["json", "csv"]) {
      const path = `/api/boards/${sourceId}/export?format=${format}`;
      expect((await api(server.url, path, { cookie: viewer.cookie })).status).toBe(200);
      expect((await api(server.url, path, { cookie: stranger.cookie })).status).toBe(403);
      expect((await api(server.url, path)).status).toBe(401);
    }
  });

  it("refuses an import without an allowed Origin", async () => {
    const response = await fetch(`${server.url}/api/boards/${sourceId}/import?format=json`, {
      method: "POST",
      headers: { cookie: owner.cookie, origin: "https://evil.example" },
      body: "{}",
    });
    expect(response.status).toBe(403);
  });
});
