import { afterAll, beforeAll } from "vitest";
import { runMemberStoreContract } from "../memberStoreContract";
import { PgMemberStore } from "./PgMemberStore";
import { createTestDatabase, type TestDatabase } from "./testDatabase";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

runMemberStoreContract("PgMemberStore (a fresh PostgreSQL database)", async () => {
  await database.truncate();
  return { store: new PgMemberStore(database.pool), cleanup: async () => {} };
});
