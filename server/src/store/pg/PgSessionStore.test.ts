import { afterAll, beforeAll } from "vitest";
import { runSessionStoreContract } from "../sessionStoreContract";
import { PgSessionStore } from "./PgSessionStore";
import { createTestDatabase, type TestDatabase } from "./testDatabase";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

runSessionStoreContract("PgSessionStore (a fresh PostgreSQL database)", async () => {
  await database.truncate();
  return { store: new PgSessionStore(database.pool), cleanup: async () => {} };
});
