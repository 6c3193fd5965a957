import { runActivityStoreContract } from "./activityStoreContract";
import { MemoryActivityStore } from "./MemoryActivityStore";

runActivityStoreContract("MemoryActivityStore", async () => ({
  store: new MemoryActivityStore(),
  cleanup: async () => {},
}));
