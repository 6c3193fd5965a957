import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "./server";
import { openSqlite } from "./store";
import { api, signUp, startTestServer, type TestUser, tempDataDir } from "./testServer";

describe("REST while another process holds the SQLite write lock", () => {
  const data = tempDataDir();
  let server: RunningServer;
  let ada: TestUser;

  beforeAll(async () => {
    server = await startTestServer(data.dir);
    ada = await signUp(server.url, "Ada");
  });

  afterAll(async () => {
    await server.close();
    data.remove();
  });

  it("answers 503 store_busy with Retry-After at once, changes nothing, and works again once the lock is gone", async () => {
    const foreign = openSqlite(join(data.dir, "converge.db"));
    foreign.exec("BEGIN EXCLUSIVE");
    let refused: Response;
    try {
      refused = await api(server.url, "/api/boards", {
        cookie: ada.cookie,
        body: { title: "Q3 plan", template: "empty" },
      });
    } finally {
      foreign.exec("ROLLBACK");
      foreign.close();
    }
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("store_busy");

    const listed = (await (await api(server.url, "/api/boards", { cookie: ada.cookie })).json()) as unknown[];
    expect(listed).toEqual([]);

    const created = await api(server.url, "/api/boards", {
      cookie: ada.cookie,
      body: { title: "Q3 plan", template: "empty" },
    });
    expect(created.status).toBe(201);
  });
});
