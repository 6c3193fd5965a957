import { afterAll, beforeAll } from "vitest";
import { createTestDatabase, type TestDatabase } from "../store/pg/testDatabase";
import { runActivityStoreContract } from "./activityStoreContract";
import { PgActivityStore } from "./PgActivityStore";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

runActivityStoreContract("PgActivityStore (a fresh PostgreSQL database)", async () => {
  await database.truncate();
  return { store: new PgActivityStore(database.pool), cleanup: async () => {} };
});
