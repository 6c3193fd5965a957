import {
  closeSession,
  createCard,
  initBoard,
  readBoard,
  recordDecision,
  renameCard,
  startSession,
} from "@converge/shared";
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { UI_ORIGIN } from "../boardActions";
import { SessionTools } from "./SessionTools";

const names = new Map([
  ["ada", "Ada"],
  ["bo", "Bo"],
]);

function plannedBoard() {
  const doc = new Y.Doc();
  initBoard(doc, { title: "Plan", template: "product-backlog" });
  const laneId = readBoard(doc).lanes[0]?.id as string;
  const search = createCard(doc, { laneId, title: "Search", by: "ada" });
  const sso = createCard(doc, { laneId, title: "SSO", by: "ada" });
  return { doc, search, sso };
}

function Tools({
  doc,
  active = false,
  onOpenCard = () => {},
}: {
  doc: Y.Doc;
  active?: boolean;
  onOpenCard?: (id: string) => void;
}) {
  return (
    <SessionTools
      doc={doc}
      board={readBoard(doc)}
      names={names}
      readOnly={false}
      sessionActive={active}
      onOpenCard={onOpenCard}
    />
  );
}

afterEach(cleanup);

describe("SessionTools", () => {
  it("lists the decision log live, newest first, filtered by text, kind and card; a linked card opens", () => {
    const { doc, search, sso } = plannedBoard();
    recordDecision(doc, {
      title: "Search before SSO",
      decidedBy: "ada",
      alternatives: ["Search first", "SSO first"],
      rationale: "Twelve customers asked",
      cardIds: [search, sso],
      kind: "priority",
    });
    const onOpenCard = vi.fn();
    render(<Tools doc={doc} onOpenCard={onOpenCard} />);
    fireEvent.click(screen.getByRole("button", { name: "Decisions (1)" }));
    const panel = screen.getByTestId("decisions-panel");
    act(() => {
      recordDecision(doc, { title: "SSO is Later", decidedBy: "bo", cardIds: [sso], kind: "conflict" });
    });
    const titles = () =>
      within(panel)
        .queryAllByRole("heading", { level: 3 })
        .map((heading) => heading.textContent);
    expect(titles()).toEqual(["SSO is Later", "Search before SSO"]);
    expect(within(panel).getAllByTestId("decision")[1]?.textContent).toContain("by Ada");
    expect(within(panel).getAllByTestId("decision")[1]?.textContent).toContain("Search first · SSO first");

    fireEvent.change(within(panel).getByLabelText("Search decisions"), { target: { value: "customers" } });
    expect(titles()).toEqual(["Search before SSO"]);
    fireEvent.change(within(panel).getByLabelText("Search decisions"), { target: { value: "" } });
    fireEvent.change(within(panel).getByLabelText("Kind"), { target: { value: "conflict" } });
    expect(titles()).toEqual(["SSO is Later"]);
    fireEvent.change(within(panel).getByLabelText("Kind"), { target: { value: "" } });
    fireEvent.change(within(panel).getByLabelText("Card"), { target: { value: search } });
    expect(titles()).toEqual(["Search before SSO"]);

    fireEvent.click(within(panel).getByRole("button", { name: "Open card Search" }));
    expect(onOpenCard).toHaveBeenCalledWith(search);
    expect(screen.queryByTestId("decisions-panel")).toBeNull();
  });

  it("opens the Decisions panel with Alt+Shift+D", () => {
    const { doc } = plannedBoard();
    render(<Tools doc={doc} />);
    fireEvent.keyDown(window, { key: "D", code: "KeyD", altKey: true, shiftKey: true });
    expect(screen.getByTestId("decisions-panel").textContent).toContain("No decisions yet");
  });

  it("undoes and redoes my own edit from the toolbar and with Ctrl+Z, but not in a text field", () => {
    const { doc, search } = plannedBoard();
    render(<Tools doc={doc} />);
    const undo = screen.getByRole("button", { name: "Undo my last change" });
    expect((undo as HTMLButtonElement).disabled).toBe(true);
    act(() => renameCard(doc, search, "Search v2", UI_ORIGIN));
    fireEvent.click(undo);
    expect(readBoard(doc).cards.get(search)?.title).toBe("Search");
    fireEvent.click(screen.getByRole("button", { name: "Redo my last undone change" }));
    expect(readBoard(doc).cards.get(search)?.title).toBe("Search v2");

    const field = document.createElement("input");
    document.body.append(field);
    fireEvent.keyDown(field, { key: "z", ctrlKey: true });
    expect(readBoard(doc).cards.get(search)?.title).toBe("Search v2");
    fireEvent.keyDown(document.body, { key: "z", ctrlKey: true });
    expect(readBoard(doc).cards.get(search)?.title).toBe("Search");
    field.remove();
  });

  it("shows the summary when a session I was in ends, and reopens it later", () => {
    const { doc } = plannedBoard();
    startSession(doc, { facilitator: { id: "ada", name: "Ada" }, at: Date.now() });
    const { rerender } = render(<Tools doc={doc} active />);
    act(() => {
      recordDecision(doc, { title: "Search goes next", decidedBy: "bo", kind: "priority" });
      closeSession(doc, { at: Date.now(), endedBy: "ada" });
    });
    rerender(<Tools doc={doc} active={false} />);
    const summary = screen.getByTestId("session-summary");
    expect(within(summary).getByTestId("summary-decisions").textContent).toContain("Search goes next (Bo)");
    expect((within(summary).getByTestId("summary-link") as HTMLInputElement).value).toContain("?summary=");
    fireEvent.click(within(summary).getByRole("button", { name: "Close" }));
    expect(screen.queryByTestId("session-summary")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Session summary" }));
    expect(screen.getByTestId("session-summary")).toBeTruthy();
  });
});
