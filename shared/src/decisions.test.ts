import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  amendDecision,
  createDecisionsReader,
  filterDecisions,
  readDecisions,
  recordDecision,
} from "./decisions";
import { BoardInputError } from "./errors";

function code(run: () => void): string {
  try {
    run();
  } catch (error) {
    if (error instanceof BoardInputError) return error.code;
    throw error;
  }
  return "none";
}

describe("decision log", () => {
  it("appends decisions in order and filters them by card, kind, person and text", () => {
    const doc = new Y.Doc();
    const first = recordDecision(doc, {
      title: "  Search   before export ",
      decidedBy: "ada",
      alternatives: ["Search first", "Export first"],
      rationale: "Twelve customers asked for search.",
      cardIds: ["c1", "c2"],
      kind: "priority",
    });
    recordDecision(doc, { title: "SSO is Later", decidedBy: "bo", cardIds: ["c3"], kind: "vote" });
    const all = readDecisions(doc);
    expect(all.map((d) => d.title)).toEqual(["Search before export", "SSO is Later"]);
    expect(all[0]).toMatchObject({
      id: first,
      decidedBy: "ada",
      alternatives: ["Search first", "Export first"],
      cardIds: ["c1", "c2"],
      kind: "priority",
      amendedAt: null,
    });
    expect(readDecisions(doc, { cardId: "c3" }).map((d) => d.title)).toEqual(["SSO is Later"]);
    expect(readDecisions(doc, { kind: "priority" })).toHaveLength(1);
    expect(readDecisions(doc, { person: "bo" })).toHaveLength(1);
    expect(readDecisions(doc, { text: "customers SEARCH" }).map((d) => d.id)).toEqual([first]);
    expect(readDecisions(doc, { text: "export", person: "bo" })).toEqual([]);
    // The panel filters the live (cached) log the same way.
    expect(filterDecisions(all, { cardId: "c1", text: "twelve" }).map((d) => d.id)).toEqual([first]);
    expect(filterDecisions(all, { kind: "conflict" })).toEqual([]);
  });

  it("refuses bad decisions and lets only the author amend the rationale", () => {
    const doc = new Y.Doc();
    expect(code(() => recordDecision(doc, { title: " ", decidedBy: "ada", kind: "other" }))).toBe(
      "decision_title_invalid",
    );
    expect(code(() => recordDecision(doc, { title: "x", decidedBy: "ada", kind: "whim" as "other" }))).toBe(
      "decision_kind_invalid",
    );
    expect(code(() => recordDecision(doc, { title: "x", decidedBy: "", kind: "other" }))).toBe(
      "decided_by_invalid",
    );
    const id = recordDecision(doc, { title: "x", decidedBy: "ada", kind: "other" });
    expect(code(() => amendDecision(doc, id, { rationale: "mine now", by: "bo" }))).toBe(
      "decision_not_yours",
    );
    expect(code(() => amendDecision(doc, "nope", { rationale: "?", by: "ada" }))).toBe("decision_not_found");
    amendDecision(doc, id, { rationale: "Because the data said so.", by: "ada" });
    expect(readDecisions(doc)[0]).toMatchObject({ rationale: "Because the data said so." });
    expect(readDecisions(doc)[0]?.amendedAt).toEqual(expect.any(Number));
  });

  it("keeps both of two decisions recorded at once, in the same order on both peers", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    recordDecision(a, { title: "From A", decidedBy: "ada", kind: "other" });
    recordDecision(b, { title: "From B", decidedBy: "bo", kind: "other" });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readDecisions(a)).toHaveLength(2);
    expect(readDecisions(a)).toEqual(readDecisions(b));
  });

  it("reads junk entries without throwing and caches its snapshot until the log changes", () => {
    const doc = new Y.Doc();
    doc.getArray("decisions").push(["junk", new Y.Map([["title", "no id"]])]);
    expect(readDecisions(doc)).toEqual([]);
    const reader = createDecisionsReader(doc);
    const before = reader.getSnapshot();
    expect(reader.getSnapshot()).toBe(before);
    recordDecision(doc, { title: "New", decidedBy: "ada", kind: "other" });
    expect(reader.getSnapshot()).toHaveLength(1);
    reader.destroy();
  });
});
