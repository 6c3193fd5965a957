/**
 * A child process that makes a running server's SQLite writes fail for real: it opens the database file argv[2]
 * as a second connection, takes the write lock with `BEGIN EXCLUSIVE`, prints `locked`, and holds it until its
 * stdin ends (or it is killed), then rolls back and exits. Every write of the server meanwhile waits out its
 * busy_timeout and fails with SQLITE_BUSY. Run with `node --import tsx holdSqliteLock.ts <file>`.
 */
import Database from "better-sqlite3";

const [file] = process.argv.slice(2);
if (!file) throw new Error("usage: holdSqliteLock.ts <database file>");

const db = new Database(file, { fileMustExist: true });
db.pragma("busy_timeout = 10000");
db.exec("BEGIN EXCLUSIVE");
process.stdout.write("locked\n");

process.stdin.resume();
process.stdin.once("end", () => {
  db.exec("ROLLBACK");
  db.close();
  process.stdout.write("released\n");
  process.exit(0);
});
