import {
  archiveCard,
  createCard,
  createLane,
  deleteCard,
  moveCard,
  readBoard,
  renameCard,
  renameLane,
  restoreCard,
  setCardDescription,
  setCardFields,
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
import type { StoredActivity } from "./ActivityStore";
import type { FlowDay } from "./flow";

const data = tempDataDir();
let server: RunningServer;
let owner: TestUser;
let editor: TestUser;
let viewer: TestUser;
let boardId: string;
const clients: TestClient[] = [];

beforeAll(async () => {
  server = await startTestServer(data.dir);
  [owner, editor, viewer] = await Promise.all([
    signUp(server.url, "Ada Owner"),
    signUp(server.url, "Bo Editor"),
    signUp(server.url, "Cy Viewer"),
  ]);
  boardId = await createBoard(server.url, owner, "Activity");
  await addMember(server.url, boardId, owner, editor, "editor");
  await addMember(server.url, boardId, owner, viewer, "viewer");
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server?.close();
  data.remove();
});

async function connect(user: TestUser): Promise<TestClient> {
  const client = connectClient(server.url, boardId, user);
  clients.push(client);
  await client.synced;
  return client;
}

async function activity(
  query = "",
  user: TestUser = owner,
): Promise<{ entries: StoredActivity[]; nextBefore: number | null }> {
  const response = await api(server.url, `/api/boards/${boardId}/activity${query}`, { cookie: user.cookie });
  expect(response.status).toBe(200);
  return (await response.json()) as { entries: StoredActivity[]; nextBefore: number | null };
}

async function waitForEntries(predicate: (entries: StoredActivity[]) => boolean): Promise<StoredActivity[]> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const { entries } = await activity("?limit=200");
    if (predicate(entries)) return entries;
    if (Date.now() > deadline)
      throw new Error(`activity never matched; got ${JSON.stringify(entries.map((e) => e.kind))}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("activity", () => {
  let cardId: string;
  let backlog: string;
  let doing: string;

  it("records who created, renamed, moved, archived, restored and edited a card, and lane changes", async () => {
    const ada = await connect(owner);
    const bo = await connect(editor);
    backlog = readBoard(ada.doc).lanes[0]?.id as string;
    doing = readBoard(ada.doc).lanes[1]?.id as string;
    cardId = createCard(ada.doc, { laneId: backlog, title: "Plan the offsite", by: owner.id });
    await waitFor(() => readBoard(bo.doc).cards.has(cardId), 5_000, "Bo sees the card");
    moveCard(bo.doc, { cardId, laneId: doing, index: 0 });
    renameCard(bo.doc, cardId, "Plan the team offsite");
    setCardFields(bo.doc, cardId, { impact: 2, labels: ["people"] });
    for (const text of ["A", "Ag", "Agenda"]) setCardDescription(bo.doc, cardId, text);
    await waitFor(() => readBoard(ada.doc).cards.get(cardId)?.laneId === doing, 5_000, "Ada sees the move");
    archiveCard(ada.doc, cardId);
    restoreCard(ada.doc, cardId);
    const lane = createLane(ada.doc, { title: "Review" });
    renameLane(ada.doc, lane, "Peer review");

    const entries = await waitForEntries((list) => list.some((e) => e.kind === "lane.renamed"));
    const mine = (kind: string) => entries.filter((e) => e.kind === kind);
    expect(mine("card.created")[0]).toMatchObject({
      actorId: owner.id,
      actorName: "Ada Owner",
      cardId,
      laneId: backlog,
      data: { title: "Plan the offsite" },
    });
    expect(mine("card.moved")[0]).toMatchObject({
      actorId: editor.id,
      actorName: "Bo Editor",
      cardId,
      laneId: doing,
      data: { fromLaneId: backlog, toLaneId: doing },
    });
    expect(mine("card.renamed")[0]).toMatchObject({
      actorId: editor.id,
      data: { from: "Plan the offsite", to: "Plan the team offsite" },
    });
    expect(mine("card.fields")[0]).toMatchObject({
      actorId: editor.id,
      data: { fields: ["impact", "labels"] },
    });
    // Typing is coalesced: one entry per card per person per minute.
    expect(mine("card.description")).toHaveLength(1);
    expect(mine("card.description")[0]?.actorId).toBe(editor.id);
    expect(mine("card.archived")[0]).toMatchObject({ actorId: owner.id, cardId });
    expect(mine("card.restored")[0]).toMatchObject({ actorId: owner.id, cardId });
    expect(mine("lane.created")[0]).toMatchObject({
      actorId: owner.id,
      laneId: lane,
      data: { title: "Review" },
    });
    expect(mine("lane.renamed")[0]).toMatchObject({ data: { from: "Review", to: "Peer review" } });
    // Newest first.
    const seqs = entries.map((e) => e.seq);
    expect([...seqs].sort((a, b) => b - a)).toEqual(seqs);
  });

  it("lists one card's history and pages with before/limit; viewers may read, strangers may not", async () => {
    const { entries } = await activity(`?cardId=${cardId}`, viewer);
    expect(entries.length).toBeGreaterThanOrEqual(7);
    expect(entries.every((e) => e.cardId === cardId)).toBe(true);
    const first = await activity("?limit=2");
    expect(first.entries).toHaveLength(2);
    expect(first.nextBefore).toBe(first.entries[1]?.seq);
    const second = await activity(`?limit=2&before=${first.nextBefore}`);
    expect(second.entries[0]?.seq).toBeLessThan(first.entries[1]?.seq as number);
    const stranger = await signUp(server.url, "Di Stranger");
    const denied = await api(server.url, `/api/boards/${boardId}/activity`, { cookie: stranger.cookie });
    expect(denied.status).toBe(403);
    expect(
      (await api(server.url, `/api/boards/${boardId}/activity?limit=0`, { cookie: owner.cookie })).status,
    ).toBe(400);
  });

  it("records a deletion with the card's title", async () => {
    const ada = await connect(owner);
    const doomed = createCard(ada.doc, { laneId: backlog, title: "Doomed", by: owner.id });
    deleteCard(ada.doc, doomed);
    const entries = await waitForEntries((list) => list.some((e) => e.kind === "card.deleted"));
    expect(entries.find((e) => e.kind === "card.deleted")).toMatchObject({
      actorId: owner.id,
      cardId: doomed,
      laneId: backlog,
      data: { title: "Doomed", archived: false },
    });
  });

  it("records an import as the person importing", async () => {
    const response = await fetch(`${server.url}/api/boards/${boardId}/import?format=csv`, {
      method: "POST",
      headers: { cookie: editor.cookie, origin: server.url },
      body: "lane,title\nBacklog,Imported one\nBacklog,Imported two\n",
    });
    expect(response.status).toBe(200);
    const entries = await waitForEntries((list) => list.some((e) => e.kind === "board.imported"));
    expect(entries.find((e) => e.kind === "board.imported")).toMatchObject({
      actorId: editor.id,
      actorName: "Bo Editor",
      data: { format: "csv", cards: 2 },
    });
    expect(entries.filter((e) => e.data.via === "import")).toHaveLength(2);
  });

  it("serves per-day lane counts for a cumulative flow chart", async () => {
    const response = await api(server.url, `/api/boards/${boardId}/flow?days=7`, { cookie: viewer.cookie });
    expect(response.status).toBe(200);
    const days = (await response.json()) as FlowDay[];
    expect(days).toHaveLength(7);
    expect(days.map((day) => day.date)).toEqual([...days.map((day) => day.date)].sort());
    expect(days.at(-1)?.date).toBe(new Date().toISOString().slice(0, 10));
    const ada = await connect(owner);
    const board = readBoard(ada.doc);
    const today = days.at(-1)?.lanes ?? {};
    for (const lane of board.lanes) expect(today[lane.id]).toBe(lane.cardIds.length);
    // A week ago, before anything here happened, every lane was empty.
    expect(Object.values(days[0]?.lanes ?? {}).every((count) => count === 0)).toBe(true);
    expect(
      (await api(server.url, `/api/boards/${boardId}/flow?days=0`, { cookie: owner.cookie })).status,
    ).toBe(400);
  });
});
