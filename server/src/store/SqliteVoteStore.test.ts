import { SqliteVoteStore } from "./SqliteVoteStore";
import { openSqlite } from "./sqlite";
import { runVoteStoreContract } from "./voteStoreContract";

runVoteStoreContract("SqliteVoteStore (:memory:)", async () => {
  const db = openSqlite(":memory:");
  return {
    store: new SqliteVoteStore(db),
    cleanup: async () => {
      db.close();
    },
  };
});
