import { runInviteStoreContract } from "./inviteStoreContract";
import { SqliteInviteStore } from "./SqliteInviteStore";
import { openSqlite } from "./sqlite";

runInviteStoreContract("SqliteInviteStore (:memory:)", async () => {
  const db = openSqlite(":memory:");
  return {
    store: new SqliteInviteStore(db),
    cleanup: async () => {
      db.close();
    },
  };
});
