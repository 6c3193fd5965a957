import { SqliteUserStore } from "./SqliteUserStore";
import { openSqlite } from "./sqlite";
import { runUserStoreContract } from "./userStoreContract";

runUserStoreContract("SqliteUserStore (:memory:)", async () => {
  const db = openSqlite(":memory:");
  return {
    store: new SqliteUserStore(db),
    cleanup: async () => {
      db.close();
    },
  };
});
