import { MemoryMemberStore } from "./MemoryMemberStore";
import { runMemberStoreContract } from "./memberStoreContract";

runMemberStoreContract("MemoryMemberStore", async () => ({
  store: new MemoryMemberStore(),
  cleanup: async () => {},
}));
