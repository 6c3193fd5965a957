import { describe, expect, it } from "vitest";
import { createAuthorize } from "./authorize";
import { MemoryBoardStore } from "./store";

describe("authorize", () => {
  it("lets anyone read and write an existing board and refuses an unknown one with 404", async () => {
    const boards = new MemoryBoardStore();
    await boards.create({ id: "b1", title: "Roadmap", createdAt: 1 });
    const authorize = createAuthorize({ boards });
    const request = new Request("http://localhost/ws/b1");
    await expect(authorize(request, "b1")).resolves.toMatchObject({
      ok: true,
      principal: { canWrite: true },
    });
    await expect(authorize(request, "nope")).resolves.toMatchObject({ ok: false, status: 404 });
  });
});
