import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { BoardInputError } from "./errors";
import { createEvidence, deleteEvidence, editEvidence, linkEvidence, unlinkEvidence } from "./evidence";
import { createCard, deleteCard, initBoard } from "./operations";
import { readBoard } from "./readBoard";

function board() {
  const doc = new Y.Doc();
  initBoard(doc, { title: "Plan" });
  const laneId = readBoard(doc).lanes[0]?.id as string;
  const a = createCard(doc, { laneId, title: "SSO", by: "u" });
  const b = createCard(doc, { laneId, title: "Audit log", by: "u" });
  return { doc, a, b };
}

const counts = (doc: Y.Doc, cardId: string) => {
  const card = readBoard(doc).cards.get(cardId);
  return [card?.evidenceCount, card?.evidenceCustomerCount];
};

describe("customer evidence", () => {
  it("records, edits, links, unlinks and deletes evidence", () => {
    const { doc, a, b } = board();
    const id = createEvidence(doc, {
      quote: "  We can't roll out without SSO. ",
      source: "sales",
      customer: "Acme",
      date: "2026-03-02",
      cardIds: [a],
      by: "pm",
    });
    expect(readBoard(doc).evidence).toEqual([
      expect.objectContaining({
        id,
        quote: "We can't roll out without SSO.",
        source: "sales",
        customer: "Acme",
        date: "2026-03-02",
        cardIds: [a],
        createdBy: "pm",
      }),
    ]);
    editEvidence(doc, id, { source: "interview", date: null });
    linkEvidence(doc, id, b);
    linkEvidence(doc, id, b);
    expect(readBoard(doc).evidence[0]).toMatchObject({ source: "interview", date: null });
    expect(readBoard(doc).evidence[0]?.cardIds).toEqual([a, b].sort());
    unlinkEvidence(doc, id, a);
    expect(readBoard(doc).evidence[0]?.cardIds).toEqual([b]);
    deleteEvidence(doc, id);
    expect(readBoard(doc).evidence).toEqual([]);
  });

  it("counts evidence and distinct customers per card", () => {
    const { doc, a, b } = board();
    const add = (customer: string, cardIds: string[]) =>
      createEvidence(doc, { quote: "Please", source: "support", customer, cardIds, by: "u" });
    add("Acme", [a]);
    add("acme ", [a, b]);
    add("Globex", [a]);
    add("", [a]);
    expect(counts(doc, a)).toEqual([4, 2]);
    expect(counts(doc, b)).toEqual([1, 1]);
  });

  it("refuses bad fields and unknown cards, and forgets links to deleted cards", () => {
    const { doc, a } = board();
    const code = (run: () => void) => {
      try {
        run();
      } catch (error) {
        return (error as BoardInputError).code;
      }
    };
    expect(code(() => createEvidence(doc, { quote: " ", source: "sales", by: "u" }))).toBe("quote_invalid");
    expect(code(() => createEvidence(doc, { quote: "q", source: "tweet" as "other", by: "u" }))).toBe(
      "source_invalid",
    );
    expect(code(() => createEvidence(doc, { quote: "q", source: "other", date: "May", by: "u" }))).toBe(
      "date_invalid",
    );
    expect(code(() => createEvidence(doc, { quote: "q", source: "other", cardIds: ["x"], by: "u" }))).toBe(
      "card_not_found",
    );
    const id = createEvidence(doc, { quote: "q", source: "other", cardIds: [a], by: "u" });
    expect(() => linkEvidence(doc, "nope", a)).toThrow(BoardInputError);
    deleteCard(doc, a);
    expect(readBoard(doc).evidence.find((item) => item.id === id)?.cardIds).toEqual([]);
  });

  it("keeps links two people make at the same time", () => {
    const { doc, a, b } = board();
    const id = createEvidence(doc, { quote: "q", source: "survey", by: "u" });
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    linkEvidence(doc, id, a);
    linkEvidence(other, id, b);
    linkEvidence(other, id, a);
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    expect(readBoard(doc).evidence[0]?.cardIds).toEqual([a, b].sort());
    expect(readBoard(other).evidence).toEqual(readBoard(doc).evidence);
  });
});
