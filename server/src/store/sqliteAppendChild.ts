/**
 * A child process for the kill -9 test of SqliteDocStore: appends one real Yjs update after another to
 * board argv[3] of the database file argv[2], printing `<seq> <index>` once each append has resolved,
 * until it is killed. Run with `node --import tsx sqliteAppendChild.ts <file> <boardId>`.
 */
import * as Y from "yjs";
import { SqliteDocStore } from "./SqliteDocStore";
import { openSqlite } from "./sqlite";

const [file, boardId] = process.argv.slice(2);
if (!file || !boardId) throw new Error("usage: sqliteAppendChild.ts <file> <boardId>");

const store = new SqliteDocStore(openSqlite(file));
const doc = new Y.Doc();
const log = doc.getArray<number>("log");
for (let index = 0; ; index++) {
  let update: Uint8Array | undefined;
  const capture = (u: Uint8Array) => {
    update = u;
  };
  doc.once("update", capture);
  log.push([index]);
  if (!update) throw new Error("push emitted no update");
  const seq = await store.append(boardId, update);
  process.stdout.write(`${seq} ${index}\n`);
  // Let the event loop flush stdout between appends, as a server would between turns.
  await new Promise((resolve) => setImmediate(resolve));
}
