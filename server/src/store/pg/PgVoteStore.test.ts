import { afterAll, beforeAll } from "vitest";
import { runVoteStoreContract } from "../voteStoreContract";
import { PgVoteStore } from "./PgVoteStore";
import { createTestDatabase, type TestDatabase } from "./testDatabase";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

runVoteStoreContract("PgVoteStore (a fresh PostgreSQL database)", async () => {
  // The vote tables are not among testDatabase's; ballots go with their rounds (ON DELETE CASCADE).
  await database.pool.query("DELETE FROM vote_rounds");
  return { store: new PgVoteStore(database.pool), cleanup: async () => {} };
});
