import { MemoryVoteStore } from "./MemoryVoteStore";
import { runVoteStoreContract } from "./voteStoreContract";

runVoteStoreContract("MemoryVoteStore", async () => ({
  store: new MemoryVoteStore(),
  cleanup: async () => {},
}));
