import { afterAll, beforeAll } from "vitest";
import { runUserStoreContract } from "../userStoreContract";
import { PgUserStore } from "./PgUserStore";
import { createTestDatabase, type TestDatabase } from "./testDatabase";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

runUserStoreContract("PgUserStore (a fresh PostgreSQL database)", async () => {
  await database.truncate();
  return { store: new PgUserStore(database.pool), cleanup: async () => {} };
});
