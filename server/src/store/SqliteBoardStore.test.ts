import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runBoardStoreContract } from "./boardStoreContract";
import { SqliteBoardStore } from "./SqliteBoardStore";
import { openSqlite } from "./sqlite";

runBoardStoreContract("SqliteBoardStore (:memory:)", async () => {
  const db = openSqlite(":memory:");
  return {
    store: new SqliteBoardStore(db),
    cleanup: async () => {
      db.close();
    },
  };
});

describe("SqliteBoardStore", () => {
  it("keeps boards across closing and reopening the file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "converge-boards-"));
    try {
      const file = join(dir, "converge.db");
      const first = openSqlite(file);
      await new SqliteBoardStore(first).create({ id: "b1", title: "Kept", createdAt: 42 });
      first.close();

      const second = openSqlite(file);
      expect(await new SqliteBoardStore(second).list()).toEqual([{ id: "b1", title: "Kept", createdAt: 42 }]);
      second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
