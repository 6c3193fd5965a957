import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { useBoard } from "../useBoard";
import { commitCardFields } from "./cardEdits";
import { RoadmapView } from "./RoadmapView";
import { plannedBoard } from "./testBoard";

function Harness({
  doc,
  readOnly = false,
  visible,
}: {
  doc: Y.Doc;
  readOnly?: boolean;
  visible?: ReadonlySet<string>;
}) {
  const board = useBoard(doc);
  return (
    <RoadmapView
      doc={doc}
      boardId="b1"
      board={board}
      visibleCardIds={visible ?? new Set(board.cards.keys())}
      readOnly={readOnly}
      me={{ id: "u1", name: "Ada" }}
      members={[]}
      onOpenCard={() => undefined}
    />
  );
}

function tilesIn(goal: string, column: string): string[] {
  const headers = within(screen.getByRole("table"))
    .getAllByRole("columnheader")
    .map((th) => th.textContent);
  const row = screen.getAllByTestId("roadmap-row").find((tr) => tr.querySelector("th")?.textContent === goal);
  const cell = row?.children[headers.indexOf(column)] as HTMLElement;
  return within(cell)
    .queryAllByTestId("roadmap-tile")
    .map((tile) => tile.querySelector(".roadmap-tile-title")?.textContent ?? "");
}

afterEach(cleanup);

describe("RoadmapView", () => {
  it("lays out the visible cards by goal and horizon", () => {
    const { doc, ids } = plannedBoard();
    render(<Harness doc={doc} visible={new Set([ids.search, ids.billing, ids.audit])} />);
    expect(screen.getAllByRole("columnheader").map((th) => th.textContent)).toEqual([
      "Goal",
      "Unplanned",
      "Now",
      "Next",
      "Later",
    ]);
    expect(tilesIn("No goal", "Now")).toEqual(["Search"]);
    expect(tilesIn("Grow signups", "Next")).toEqual(["Billing"]);
    expect(tilesIn("Grow signups", "Unplanned")).toEqual(["Audit log"]);
    expect(tilesIn("No goal", "Later")).toEqual([]);
  });

  it("switches to quarters, where Now shows as this quarter", () => {
    const { doc } = plannedBoard();
    render(<Harness doc={doc} />);
    fireEvent.click(screen.getByRole("button", { name: "Quarters" }));
    const headers = screen.getAllByRole("columnheader").map((th) => th.textContent);
    expect(headers).toHaveLength(7);
    expect(headers.at(-1)).toBe("Later");
    expect(tilesIn("No goal", headers[2] as string)).toEqual(["Search"]);
  });

  it("moves a tile live when another person re-plans its card", () => {
    const { doc, ids, growth } = plannedBoard();
    render(<Harness doc={doc} />);
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    expect(commitCardFields(remote, ids.search, { target: "later", goalId: growth }).ok).toBe(true);
    act(() => {
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)), "remote");
    });
    expect(tilesIn("No goal", "Now")).toEqual([]);
    expect(tilesIn("Grow signups", "Later")).toEqual(["Search"]);
  });

  it("gives a viewer focusable tiles without drag attributes", () => {
    const { doc } = plannedBoard();
    render(<Harness doc={doc} readOnly />);
    const tile = screen.getAllByTestId("roadmap-tile")[0] as HTMLElement;
    expect(tile.getAttribute("role")).toBe("button");
    expect(tile.tabIndex).toBe(0);
    expect(tile.getAttribute("aria-roledescription")).toBeNull();
  });
});
