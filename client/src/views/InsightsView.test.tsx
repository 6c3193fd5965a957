import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type * as Y from "yjs";
import { useBoard } from "../useBoard";
import { InsightsView } from "./InsightsView";
import { plannedBoard } from "./testBoard";

function Harness({ doc, visible }: { doc: Y.Doc; visible?: ReadonlySet<string> }) {
  const board = useBoard(doc);
  return (
    <InsightsView
      doc={doc}
      boardId="b1"
      board={board}
      visibleCardIds={visible ?? new Set(board.cards.keys())}
      readOnly={false}
      me={{ id: "u1", name: "Ada" }}
      members={[]}
      onOpenCard={() => undefined}
    />
  );
}

function tableRows(testId: string): string[][] {
  return within(screen.getByTestId(testId))
    .getAllByRole("row", { hidden: true })
    .slice(1)
    .map((row) => [...row.children].map((cell) => cell.textContent ?? ""));
}

beforeEach(() => {
  vi.stubGlobal(
    "ResizeObserver",
    class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  );
  vi.stubGlobal(
    "fetch",
    vi.fn(async () => new Response(JSON.stringify([{ date: "2000-01-01", lanes: {} }]), { status: 200 })),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

// Recharts is slow to mount in jsdom on a busy machine.
describe("InsightsView", { timeout: 30_000 }, () => {
  it("titles each chart, summarises it and shows its numbers on request", async () => {
    const { doc } = plannedBoard();
    render(<Harness doc={doc} />);
    expect(screen.getAllByRole("heading", { level: 3 }).map((h) => h.textContent)).toEqual([
      "Cards per lane",
      "Cards per team",
      "Score distribution (RICE)",
      "Evidence per goal",
      "Cumulative flow, last 30 days",
    ]);
    const lanes = screen.getByTestId("chart-lanes");
    expect(within(lanes).getByText(/4 cards across 3 lanes; the most in Backlog \(3\)/)).toBeTruthy();
    const toggle = within(lanes).getByRole("button", { name: "Show data" });
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(toggle);
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    expect(tableRows("data-lanes")).toEqual([
      ["Backlog", "3"],
      ["In progress", "1"],
      ["Done", "0"],
    ]);
    expect(tableRows("data-scores").at(-1)).toEqual(["No score", "1"]);
    await waitFor(() => expect(tableRows("data-flow")).toHaveLength(2));
    expect(tableRows("data-flow")[1]?.slice(1)).toEqual(["3", "1", "0"]);
  });

  it("counts only the visible cards", () => {
    const { doc, ids } = plannedBoard();
    render(<Harness doc={doc} visible={new Set([ids.audit])} />);
    expect(tableRows("data-lanes")).toEqual([
      ["Backlog", "0"],
      ["In progress", "1"],
      ["Done", "0"],
    ]);
  });

  it("says so when the server keeps no flow history", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(
        async () =>
          new Response(JSON.stringify({ error: { code: "not_found", message: "No." } }), { status: 404 }),
      ),
    );
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { doc } = plannedBoard();
    render(<Harness doc={doc} />);
    await waitFor(() =>
      expect(within(screen.getByTestId("chart-flow")).getByText(/keeps no flow history yet/)).toBeTruthy(),
    );
  });
});
