import { runBoardStoreContract } from "./boardStoreContract";
import { MemoryBoardStore } from "./MemoryBoardStore";

runBoardStoreContract("MemoryBoardStore", async () => ({
  store: new MemoryBoardStore(),
  cleanup: async () => {},
}));
