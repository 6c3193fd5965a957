import { readBoard, setCardFields } from "@converge/shared";
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { useBoard } from "../useBoard";
import { commitCardFields } from "./cardEdits";
import { PrioritiesView } from "./PrioritiesView";
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
    <PrioritiesView
      doc={doc}
      boardId="b1"
      board={board}
      visibleCardIds={visible ?? new Set(board.cards.keys())}
      readOnly={readOnly}
      me={{ id: "u1", name: "Ada" }}
      members={[{ id: "u1", name: "Ada", role: "owner" }]}
      onOpenCard={() => undefined}
    />
  );
}

function titles(): string[] {
  return screen
    .getAllByTestId("priority-row")
    .map((row) => within(row).getByRole("button").textContent ?? "");
}

function cell(title: string, header: string): HTMLElement {
  const headers = screen.getAllByRole("columnheader").map((th) => th.textContent);
  const row = screen.getAllByTestId("priority-row").find((tr) => tr.textContent?.includes(title));
  return row?.children[headers.indexOf(header)] as HTMLElement;
}

beforeEach(() => {
  // jsdom lays nothing out: give the scroll box a height so the virtualiser renders rows.
  vi.spyOn(HTMLElement.prototype, "clientHeight", "get").mockReturnValue(600);
  vi.spyOn(HTMLElement.prototype, "clientWidth", "get").mockReturnValue(1000);
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe("PrioritiesView", () => {
  it("lists the cards by RICE score with a column per input, '—' for missing ones", () => {
    const { doc } = plannedBoard();
    render(<Harness doc={doc} />);
    expect(screen.getAllByRole("columnheader").map((th) => th.textContent)).toEqual([
      "Rank",
      "Card",
      "Reach",
      "Impact",
      "Confidence %",
      "Effort",
      "Score",
      "Lane",
      "Team",
      "Owner",
    ]);
    expect(titles()).toEqual(["Billing", "Search", "Export", "Audit log"]);
    expect(cell("Audit log", "Score").textContent).toBe("—");
    expect(cell("Audit log", "Rank").textContent).toBe("—");
    expect(cell("Billing", "Impact").textContent).toBe("2 high");
  });

  it("edits an input in place with the keyboard and re-sorts live", () => {
    const { doc, ids } = plannedBoard();
    render(<Harness doc={doc} />);
    const reach = cell("Export", "Reach");
    act(() => reach.focus());
    fireEvent.keyDown(reach, { key: "Enter" });
    const input = screen.getByRole("textbox", { name: "Reach of Export" });
    fireEvent.change(input, { target: { value: "100000" } });
    fireEvent.keyDown(input, { key: "Enter" });
    expect(readBoard(doc).cards.get(ids.export)?.reach).toBe(100_000);
    expect(titles()).toEqual(["Export", "Billing", "Search", "Audit log"]);
    expect(cell("Export", "Score").textContent).toBe("60000");
  });

  it("shows the operation's message for an invalid value and writes nothing", () => {
    const { doc, ids } = plannedBoard();
    render(<Harness doc={doc} />);
    const confidence = cell("Search", "Confidence %");
    act(() => confidence.focus());
    fireEvent.keyDown(confidence, { key: "F2" });
    const input = screen.getByRole("textbox", { name: "Confidence % of Search" });
    fireEvent.change(input, { target: { value: "150" } });
    fireEvent.keyDown(input, { key: "Enter" });
    expect(screen.getByRole("alert").textContent).toBe(
      "The card's confidence must be a percentage from 0 to 100.",
    );
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(readBoard(doc).cards.get(ids.search)?.confidence).toBe(100);
  });

  it("moves between cells with the arrow keys", () => {
    const { doc } = plannedBoard();
    render(<Harness doc={doc} />);
    const start = cell("Billing", "Card");
    expect(start.tabIndex).toBe(0);
    act(() => start.focus());
    fireEvent.keyDown(start, { key: "ArrowRight" });
    expect(document.activeElement).toBe(cell("Billing", "Reach"));
    fireEvent.keyDown(document.activeElement as Element, { key: "ArrowDown" });
    expect(document.activeElement).toBe(cell("Search", "Reach"));
    expect(cell("Search", "Reach").tabIndex).toBe(0);
    expect(cell("Billing", "Card").tabIndex).toBe(-1);
  });

  it("re-ranks several cards as one update for everyone else (never half re-ranked)", () => {
    const { doc, ids } = plannedBoard();
    setCardFields(doc, ids.export, { reach: 100_000 });
    render(<Harness doc={doc} />);
    let updates = 0;
    doc.on("update", () => updates++);
    fireEvent.click(screen.getByRole("button", { name: "Re-rank backlog" }));
    expect(readBoard(doc).lanes[0]?.cardIds).toEqual([ids.export, ids.billing, ids.search]);
    expect(screen.getByRole("status").textContent).toContain("2 cards moved");
    expect(updates).toBe(1);
  });

  it("re-ranks the backlog lane by score", () => {
    const { doc, ids } = plannedBoard();
    render(<Harness doc={doc} />);
    fireEvent.click(screen.getByRole("button", { name: "Re-rank backlog" }));
    expect(readBoard(doc).lanes[0]?.cardIds).toEqual([ids.billing, ids.search, ids.export]);
    expect(screen.getByRole("status").textContent).toContain("1 card moved");
    expect((screen.getByRole("button", { name: "Re-rank backlog" }) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });

  it("shows another person's edit live and honours the filter", () => {
    const { doc, ids } = plannedBoard();
    render(<Harness doc={doc} visible={new Set([ids.search, ids.export, ids.audit])} />);
    expect(titles()).toEqual(["Search", "Export", "Audit log"]);
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    commitCardFields(remote, ids.audit, { reach: 5000, impact: 3, confidence: 100 });
    act(() => {
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)), "remote");
    });
    expect(titles()).toEqual(["Audit log", "Search", "Export"]);
  });

  it("gives a viewer no editor and no re-rank button", () => {
    const { doc } = plannedBoard();
    render(<Harness doc={doc} readOnly />);
    const reach = cell("Search", "Reach");
    act(() => reach.focus());
    fireEvent.keyDown(reach, { key: "Enter" });
    expect(screen.queryByRole("textbox")).toBeNull();
    expect(screen.queryByRole("button", { name: "Re-rank backlog" })).toBeNull();
  });
});
