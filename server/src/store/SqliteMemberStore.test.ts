import { runMemberStoreContract } from "./memberStoreContract";
import { SqliteMemberStore } from "./SqliteMemberStore";
import { openSqlite } from "./sqlite";

runMemberStoreContract("SqliteMemberStore (:memory:)", async () => {
  const db = openSqlite(":memory:");
  return {
    store: new SqliteMemberStore(db),
    cleanup: async () => {
      db.close();
    },
  };
});
