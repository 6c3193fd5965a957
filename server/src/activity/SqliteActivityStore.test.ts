import { openSqlite } from "../store/sqlite";
import { runActivityStoreContract } from "./activityStoreContract";
import { SqliteActivityStore } from "./SqliteActivityStore";

runActivityStoreContract("SqliteActivityStore (:memory:)", async () => {
  const db = openSqlite(":memory:");
  return {
    store: new SqliteActivityStore(db),
    cleanup: async () => {
      db.close();
    },
  };
});
