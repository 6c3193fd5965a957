import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ActivityStore, PgActivityStore, SqliteActivityStore } from "../activity";
import type { RunningServer } from "../server";
import { PgVoteStore, SqliteVoteStore, type VoteStore } from "../store";
import { createTestDatabase, type TestDatabase } from "../store/pg/testDatabase";
import { openSqlite } from "../store/sqlite";
import { api, createBoard, signUp, startTestServer, type TestUser, tempDataDir } from "../testServer";

/** The stores behind a running server, read directly: a deleted board answers 404 over REST. */
interface Backend {
  start(): Promise<{
    server: RunningServer;
    activity: ActivityStore;
    votes: VoteStore;
    stop(): Promise<void>;
  }>;
}

const sqlite: Backend = {
  async start() {
    const data = tempDataDir();
    const server = await startTestServer(data.dir);
    const db = openSqlite(join(data.dir, "converge.db"));
    return {
      server,
      activity: new SqliteActivityStore(db),
      votes: new SqliteVoteStore(db),
      stop: async () => {
        await server.close();
        db.close();
        data.remove();
      },
    };
  },
};

const postgres: Backend = {
  async start() {
    const data = tempDataDir();
    const database: TestDatabase = await createTestDatabase();
    const server = await startTestServer(data.dir, { DATABASE_URL: database.url });
    return {
      server,
      activity: new PgActivityStore(database.pool),
      votes: new PgVoteStore(database.pool),
      stop: async () => {
        await server.close();
        await database.drop();
        data.remove();
      },
    };
  },
};

describe.each([
  ["SQLite", sqlite],
  ["PostgreSQL", postgres],
])("deleting a board (%s)", (_name, backend) => {
  let running: Awaited<ReturnType<Backend["start"]>>;
  let owner: TestUser;
  beforeAll(async () => {
    running = await backend.start();
    owner = await signUp(running.server.url, "Ada Owner");
  });
  afterAll(async () => {
    await running?.stop();
  });

  /** A board with activity (an import) and an open dot vote with one ballot; returns its id and the round's. */
  async function boardWithHistory(title: string): Promise<{ boardId: string; roundId: string }> {
    const { url } = running.server;
    const boardId = await createBoard(url, owner, title);
    const imported = await fetch(`${url}/api/boards/${boardId}/import?format=csv`, {
      method: "POST",
      headers: { cookie: owner.cookie, origin: url, "content-type": "text/plain" },
      body: "lane,title\nBacklog,Faster search\nBacklog,Dark mode\n",
    });
    expect(imported.status).toBe(200);
    let cardId: string | undefined;
    for (const deadline = Date.now() + 5_000; !cardId && Date.now() < deadline; ) {
      const entries = await running.activity.listByBoard(boardId, { limit: 10 });
      cardId = entries.find((entry) => entry.kind === "card.created")?.cardId ?? undefined;
      if (!cardId) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(cardId).toBeDefined();
    const opened = await api(url, `/api/boards/${boardId}/votes/rounds`, {
      cookie: owner.cookie,
      body: { kind: "dot", cardIds: [cardId] },
    });
    expect(opened.status).toBe(201);
    const { roundId } = (await opened.json()) as { roundId: string };
    const cast = await api(url, `/api/boards/${boardId}/votes/rounds/${roundId}/ballots`, {
      cookie: owner.cookie,
      body: { cardId, value: 1 },
    });
    expect(cast.status).toBeLessThan(300);
    return { boardId, roundId };
  }

  it("removes its activity, voting rounds and ballots, and leaves other boards' alone", async () => {
    const doomed = await boardWithHistory("Doomed");
    const kept = await boardWithHistory("Kept");
    const { activity, votes } = running;
    expect(await activity.listByBoard(doomed.boardId, { limit: 10 })).not.toEqual([]);
    expect(await votes.listBallots(doomed.roundId)).toHaveLength(1);

    const deleted = await api(running.server.url, `/api/boards/${doomed.boardId}`, {
      method: "DELETE",
      cookie: owner.cookie,
    });
    expect(deleted.status).toBe(204);

    expect(await activity.listByBoard(doomed.boardId, { limit: 10 })).toEqual([]);
    expect(await votes.getRound(doomed.boardId, doomed.roundId)).toBeUndefined();
    expect(await votes.listBallots(doomed.roundId)).toEqual([]);
    expect((await activity.listByBoard(kept.boardId, { limit: 10 })).length).toBeGreaterThan(0);
    expect(await votes.getRound(kept.boardId, kept.roundId)).toMatchObject({ status: "open" });
    expect(await votes.listBallots(kept.roundId)).toHaveLength(1);
    const history = await api(running.server.url, `/api/boards/${kept.boardId}/activity`, {
      cookie: owner.cookie,
    });
    expect(((await history.json()) as { entries: unknown[] }).entries.length).toBeGreaterThan(0);
  });
});
