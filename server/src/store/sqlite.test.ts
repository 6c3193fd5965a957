import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrateSqlite, openSqlite, SQLITE_BUSY_TIMEOUT_MS, SQLITE_MIGRATIONS } from "./sqlite";

describe("openSqlite", () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "converge-sqlite-"));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function versions(db: ReturnType<typeof openSqlite>): number[] {
    return db
      .prepare<[], { version: number }>("SELECT version FROM schema_migrations ORDER BY version")
      .all()
      .map((row) => row.version);
  }

  it("creates the directory and file, in WAL mode with a busy timeout, with every migration applied", () => {
    const file = join(dir, "nested", "data", "converge.db");
    const db = openSqlite(file);

    expect(existsSync(file)).toBe(true);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("synchronous", { simple: true })).toBe(1);
    expect(db.pragma("busy_timeout", { simple: true })).toBe(SQLITE_BUSY_TIMEOUT_MS);
    expect(versions(db)).toEqual(SQLITE_MIGRATIONS.map((_, index) => index + 1));
    db.close();
  });

  it("fails a write fast with SQLITE_BUSY while another process's connection holds the write lock", () => {
    const file = join(dir, "converge.db");
    const db = openSqlite(file);
    const foreign = openSqlite(file);
    foreign.exec("BEGIN EXCLUSIVE");
    const started = performance.now();
    expect(() => db.exec("CREATE TABLE t (x INTEGER)")).toThrow(
      expect.objectContaining({ code: "SQLITE_BUSY" }),
    );
    // The wait is spent on the event loop: it must stay far below the 100 ms stall bound, not the old 5 s.
    expect(performance.now() - started).toBeLessThan(100 + SQLITE_BUSY_TIMEOUT_MS);
    foreign.exec("ROLLBACK");
    db.exec("CREATE TABLE t (x INTEGER)");
    foreign.close();
    db.close();
  });

  it("applies each migration once across reopenings", () => {
    const file = join(dir, "converge.db");
    openSqlite(file).close();
    const db = openSqlite(file);

    expect(versions(db)).toEqual(SQLITE_MIGRATIONS.map((_, index) => index + 1));
    db.close();
  });

  it("applies only the migrations added since the last opening", () => {
    const db = openSqlite(":memory:");
    migrateSqlite(db, [...SQLITE_MIGRATIONS, "CREATE TABLE later_feature (id TEXT PRIMARY KEY)"]);

    expect(versions(db)).toHaveLength(SQLITE_MIGRATIONS.length + 1);
    expect(db.prepare("SELECT count(*) AS n FROM later_feature").get()).toEqual({ n: 0 });
    db.close();
  });

  it("rolls back a failing migration and records nothing for it", () => {
    const db = openSqlite(":memory:");

    expect(() =>
      migrateSqlite(db, [...SQLITE_MIGRATIONS, "CREATE TABLE half_done (id TEXT); NOT SQL"]),
    ).toThrow();
    expect(versions(db)).toHaveLength(SQLITE_MIGRATIONS.length);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined();
    db.close();
  });

  it("refuses a database whose schema is newer than the code", () => {
    const file = join(dir, "converge.db");
    const db = openSqlite(file);
    db.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)").run(
      SQLITE_MIGRATIONS.length + 1,
      0,
    );
    db.close();

    expect(() => openSqlite(file)).toThrow(/newer/);
  });

  it("opens an in-memory database", () => {
    const db = openSqlite(":memory:");
    expect(versions(db)).toHaveLength(SQLITE_MIGRATIONS.length);
    db.close();
  });
});
