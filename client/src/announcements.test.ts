import { createCard, initBoard, readBoard } from "@converge/shared";
import type { Active, Over } from "@dnd-kit/core";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createAnnouncements } from "./announcements";

function item(id: string): Active & Over {
  return {
    id,
    data: { current: undefined },
    rect: { current: { initial: null, translated: null } },
  } as unknown as Active & Over;
}

describe("drag announcements", () => {
  it("speak card and lane titles, never ids", () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: "Plan" });
    const [backlog, , done] = readBoard(doc).lanes;
    if (!backlog || !done) throw new Error("default lanes missing");
    const cardId = createCard(doc, { laneId: backlog.id, title: "Login page", by: "u1" });
    const announce = createAnnouncements(() => readBoard(doc));
    const active = item(cardId);
    expect(announce.onDragStart({ active })).toBe("Picked up card “Login page”.");
    expect(announce.onDragOver({ active, over: item(done.id) })).toBe(
      "Card “Login page” is over lane “Done”.",
    );
    expect(announce.onDragEnd({ active, over: item(done.id) })).toBe(
      "Card “Login page” was dropped in lane “Done”.",
    );
    const spoken = [
      announce.onDragStart({ active }),
      announce.onDragCancel({ active, over: null }),
      announce.onDragEnd({ active, over: null }),
    ].join(" ");
    expect(spoken).not.toContain(cardId);
    expect(spoken).not.toContain(done.id);
  });
});
