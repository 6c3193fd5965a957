import { type Board, createCard, initBoard, readBoard } from "@converge/shared";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CardFieldsForm } from "./CardFieldsForm";

function setup(readOnly = false) {
  const doc = new Y.Doc();
  initBoard(doc, { title: "Plan" });
  const laneId = readBoard(doc).lanes[0]?.id as string;
  const cardId = createCard(doc, { laneId, title: "Billing", by: "u1" });
  const members = [{ id: "u1", name: "Ada", role: "owner" }];
  const view = (board: Board) => (
    <CardFieldsForm
      doc={doc}
      card={board.cards.get(cardId) as NonNullable<ReturnType<Board["cards"]["get"]>>}
      board={board}
      members={members}
      readOnly={readOnly}
    />
  );
  const result = render(view(readBoard(doc)));
  const rerender = () => result.rerender(view(readBoard(doc)));
  return { doc, cardId, rerender };
}

afterEach(cleanup);

describe("CardFieldsForm", () => {
  it("writes each field through setCardFields and shows the live RICE score", () => {
    const { doc, cardId, rerender } = setup();
    fireEvent.change(screen.getByLabelText("Type"), { target: { value: "bug" } });
    fireEvent.change(screen.getByLabelText("Team"), { target: { value: "Design" } });
    fireEvent.change(screen.getByLabelText("Impact"), { target: { value: "2" } });
    for (const [label, value] of [
      ["Reach", "300"],
      ["Confidence %", "50"],
      ["Effort", "3"],
    ] as const) {
      const input = screen.getByLabelText(label);
      fireEvent.focus(input);
      fireEvent.change(input, { target: { value } });
      fireEvent.blur(input);
    }
    const card = readBoard(doc).cards.get(cardId);
    expect(card).toMatchObject({
      type: "bug",
      team: "Design",
      reach: 300,
      impact: 2,
      confidence: 50,
      effort: 3,
    });
    rerender();
    expect(screen.getByTestId("card-score").textContent).toBe("100");
  });

  it("keeps a refused value in the field with the operation's message", () => {
    const { doc, cardId } = setup();
    const input = screen.getByLabelText("Confidence %");
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: "150" } });
    fireEvent.keyDown(input, { key: "Enter" });
    expect(screen.getByRole("alert").textContent).toBe(
      "The card's confidence must be a percentage from 0 to 100.",
    );
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(readBoard(doc).cards.get(cardId)?.confidence).toBeNull();
  });

  it("adds and removes labels as chips", () => {
    const { doc, cardId, rerender } = setup();
    const input = screen.getByLabelText("Add a label");
    fireEvent.change(input, { target: { value: "  q3   launch " } });
    fireEvent.keyDown(input, { key: "Enter" });
    expect(readBoard(doc).cards.get(cardId)?.labels).toEqual(["q3 launch"]);
    rerender();
    fireEvent.click(screen.getByRole("button", { name: "Remove label q3 launch" }));
    expect(readBoard(doc).cards.get(cardId)?.labels).toEqual([]);
  });

  it("lets a viewer read the fields but not change them", () => {
    setup(true);
    expect((screen.getByLabelText("Type") as HTMLSelectElement).disabled).toBe(true);
    expect(screen.queryByLabelText("Add a label")).toBeNull();
  });
});
