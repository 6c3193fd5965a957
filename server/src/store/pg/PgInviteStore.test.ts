import { afterAll, beforeAll } from "vitest";
import { runInviteStoreContract } from "../inviteStoreContract";
import { PgInviteStore } from "./PgInviteStore";
import { createTestDatabase, type TestDatabase } from "./testDatabase";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

runInviteStoreContract("PgInviteStore (a fresh PostgreSQL database)", async () => {
  await database.truncate();
  return { store: new PgInviteStore(database.pool), cleanup: async () => {} };
});
