import { runDocStoreContract } from "./docStoreContract";
import { MemoryDocStore } from "./MemoryDocStore";

runDocStoreContract("MemoryDocStore", async () => {
  const store = new MemoryDocStore();
  return { store, cleanup: () => store.close() };
});
