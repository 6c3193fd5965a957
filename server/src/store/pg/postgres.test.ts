import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migratePostgres, PG_MIGRATIONS } from "./postgres";
import { createTestDatabase, type TestDatabase } from "./testDatabase";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

describe("PostgreSQL migrations", () => {
  it("records every version once, and migrating again (even concurrently) changes nothing", async () => {
    await Promise.all([migratePostgres(database.pool), migratePostgres(database.pool)]);

    const { rows } = await database.pool.query<{ version: number }>(
      "SELECT version FROM schema_migrations ORDER BY version",
    );
    expect(rows.map((row) => row.version)).toEqual(PG_MIGRATIONS.map((_sql, index) => index + 1));
  });

  it("refuses a database whose schema is newer than this server", async () => {
    await expect(migratePostgres(database.pool, PG_MIGRATIONS.slice(0, 1))).rejects.toThrow(/newer/);
  });

  it("applies a new migration added at the end", async () => {
    await migratePostgres(database.pool, [...PG_MIGRATIONS, "CREATE TABLE later_addition (id TEXT)"]);
    const { rows } = await database.pool.query<{ n: number }>(
      "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'later_addition'",
    );
    expect(rows[0]?.n).toBe(1);
  });
});
