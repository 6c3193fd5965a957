import { MemoryUserStore } from "./MemoryUserStore";
import { runUserStoreContract } from "./userStoreContract";

runUserStoreContract("MemoryUserStore", async () => ({
  store: new MemoryUserStore(),
  cleanup: async () => {},
}));
