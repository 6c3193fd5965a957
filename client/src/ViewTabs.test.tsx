import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import type { BoardViewName } from "./boardViews";
import { boardViewPath } from "./boardViews";
import { ViewTabs } from "./ViewTabs";

function Harness() {
  const [view, setView] = useState<BoardViewName>("board");
  return <ViewTabs current={view} onSelect={setView} idPrefix="t" />;
}

afterEach(cleanup);

describe("ViewTabs", () => {
  it("is a tablist with one tab stop that arrows, Home and End move through, wrapping", () => {
    render(<Harness />);
    const tabs = screen.getAllByRole("tab");
    expect(tabs.map((tab) => tab.textContent)).toEqual([
      "Board",
      "Roadmap",
      "Priorities",
      "Matrix",
      "Insights",
    ]);
    expect(tabs.map((tab) => tab.tabIndex)).toEqual([0, -1, -1, -1, -1]);
    const list = screen.getByRole("tablist", { name: "Board views" });
    fireEvent.keyDown(list, { key: "ArrowRight" });
    expect(screen.getByRole("tab", { selected: true }).textContent).toBe("Roadmap");
    expect(document.activeElement?.textContent).toBe("Roadmap");
    fireEvent.keyDown(list, { key: "ArrowLeft" });
    fireEvent.keyDown(list, { key: "ArrowLeft" });
    expect(screen.getByRole("tab", { selected: true }).textContent).toBe("Insights");
    fireEvent.keyDown(list, { key: "Home" });
    expect(screen.getByRole("tab", { selected: true }).textContent).toBe("Board");
    fireEvent.keyDown(list, { key: "End" });
    expect(screen.getByRole("tab", { selected: true }).getAttribute("aria-controls")).toBe("t-panel");
  });

  it("gives each view its own path", () => {
    expect(boardViewPath("b 1", "board")).toBe("/boards/b%201");
    expect(boardViewPath("b1", "matrix")).toBe("/boards/b1/matrix");
  });
});
