import { afterAll, beforeAll } from "vitest";
import { runBoardStoreContract } from "../boardStoreContract";
import { PgBoardStore } from "./PgBoardStore";
import { createTestDatabase, type TestDatabase } from "./testDatabase";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

runBoardStoreContract("PgBoardStore (a fresh PostgreSQL database)", async () => {
  await database.truncate();
  return { store: new PgBoardStore(database.pool), cleanup: async () => {} };
});
