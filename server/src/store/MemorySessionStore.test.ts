import { MemorySessionStore } from "./MemorySessionStore";
import { runSessionStoreContract } from "./sessionStoreContract";

runSessionStoreContract("MemorySessionStore", async () => ({
  store: new MemorySessionStore(),
  cleanup: async () => {},
}));
