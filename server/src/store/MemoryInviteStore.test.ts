import { runInviteStoreContract } from "./inviteStoreContract";
import { MemoryInviteStore } from "./MemoryInviteStore";

runInviteStoreContract("MemoryInviteStore", async () => ({
  store: new MemoryInviteStore(),
  cleanup: async () => {},
}));
