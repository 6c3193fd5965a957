import { SqliteSessionStore } from "./SqliteSessionStore";
import { runSessionStoreContract } from "./sessionStoreContract";
import { openSqlite } from "./sqlite";

runSessionStoreContract("SqliteSessionStore (:memory:)", async () => {
  const db = openSqlite(":memory:");
  return {
    store: new SqliteSessionStore(db),
    cleanup: async () => {
      db.close();
    },
  };
});
