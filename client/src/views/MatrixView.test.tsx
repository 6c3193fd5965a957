import { readBoard } from "@converge/shared";
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type * as Y from "yjs";
import { useBoard } from "../useBoard";
import { MatrixView } from "./MatrixView";
import { plannedBoard } from "./testBoard";

function Harness({
  doc,
  readOnly = false,
  onOpenCard = () => undefined,
}: {
  doc: Y.Doc;
  readOnly?: boolean;
  onOpenCard?: (cardId: string) => void;
}) {
  const board = useBoard(doc);
  return (
    <MatrixView
      doc={doc}
      boardId="b1"
      board={board}
      visibleCardIds={new Set(board.cards.keys())}
      readOnly={readOnly}
      me={{ id: "u1", name: "Ada" }}
      members={[]}
      onOpenCard={onOpenCard}
    />
  );
}

afterEach(cleanup);

describe("MatrixView", () => {
  it("draws a named, focusable dot per card with value and effort and lists the rest", () => {
    const { doc } = plannedBoard();
    render(<Harness doc={doc} />);
    expect(screen.getAllByTestId("matrix-dot").map((dot) => dot.getAttribute("aria-label"))).toEqual([
      "Search: value 3, effort 1",
      "Billing: value 8, effort 2",
      "Export: value 2, effort 4",
    ]);
    expect(screen.getByRole("button", { name: "Billing: value 8, effort 2" }).tabIndex).toBe(0);
    const missing = screen.getByRole("complementary", { name: /Missing value or effort/ });
    expect(within(missing).getByRole("button", { name: "Audit log" })).toBeTruthy();
    expect(screen.getByText(/1 quick wins, 0 big bets, 2 fill-ins, 0 time sinks/)).toBeTruthy();
  });

  it("moves a dot with the arrow keys and writes value and effort once, on key release", () => {
    const { doc, ids } = plannedBoard();
    render(<Harness doc={doc} />);
    const dot = screen.getByRole("button", { name: "Search: value 3, effort 1" });
    act(() => dot.focus());
    fireEvent.keyDown(dot, { key: "ArrowUp" });
    fireEvent.keyDown(dot, { key: "ArrowUp" });
    fireEvent.keyDown(dot, { key: "ArrowRight" });
    expect(readBoard(doc).cards.get(ids.search)?.value).toBe(3);
    expect(dot.getAttribute("aria-label")).toBe("Search: value 5, effort 2");
    expect(screen.getByTestId("matrix-announcement").textContent).toBe(
      "Search: value 5, effort 2, Fill-ins.",
    );
    fireEvent.keyUp(dot, { key: "ArrowRight" });
    const card = readBoard(doc).cards.get(ids.search);
    expect([card?.value, card?.effort]).toEqual([5, 2]);
    expect(document.activeElement).toBe(dot);
  });

  it("opens a card with Enter and lets a viewer look but not move", () => {
    const { doc, ids } = plannedBoard();
    const onOpenCard = vi.fn();
    render(<Harness doc={doc} readOnly onOpenCard={onOpenCard} />);
    const dot = screen.getByRole("button", { name: "Billing: value 8, effort 2" });
    fireEvent.keyDown(dot, { key: "ArrowUp" });
    fireEvent.keyUp(dot, { key: "ArrowUp" });
    expect(readBoard(doc).cards.get(ids.billing)?.value).toBe(8);
    fireEvent.keyDown(dot, { key: "Enter" });
    expect(onOpenCard).toHaveBeenCalledWith(ids.billing);
  });
});
