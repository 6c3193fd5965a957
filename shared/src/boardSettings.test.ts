import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  addTeam,
  DEFAULT_TEAMS,
  removeTeam,
  renameTeam,
  setScoringModel,
  setVoteBudget,
} from "./boardSettings";
import { setCardFields } from "./cardFields";
import { createCard, initBoard } from "./operations";
import { readBoard } from "./readBoard";
import type { ScoringModel } from "./scoring";

function board() {
  const doc = new Y.Doc();
  initBoard(doc, { title: "Plan" });
  const laneId = readBoard(doc).lanes[0]?.id as string;
  return { doc, laneId };
}

describe("board settings", () => {
  it("starts with the default teams, RICE and no vote budget", () => {
    const { doc } = board();
    expect(readBoard(doc)).toMatchObject({ teams: DEFAULT_TEAMS, scoringModel: "rice", voteBudget: null });
    // A board created before settings existed reads the same defaults and can still be edited.
    const old = new Y.Doc();
    old.getMap("meta").set("title", "Old");
    expect(readBoard(old)).toMatchObject({ teams: DEFAULT_TEAMS, scoringModel: "rice", voteBudget: null });
    addTeam(old, "Sales");
    expect(readBoard(old).teams).toEqual([...DEFAULT_TEAMS, "Sales"]);
  });

  it("adds, renames and removes teams, carrying the cards along", () => {
    const { doc, laneId } = board();
    const card = createCard(doc, { laneId, title: "A", by: "u" });
    setCardFields(doc, card, { team: "Support" });
    addTeam(doc, "  Customer   success ");
    expect(readBoard(doc).teams.at(-1)).toBe("Customer success");
    expect(() => addTeam(doc, "design")).toThrow(/already a team/);
    renameTeam(doc, "Support", "Help desk");
    expect(readBoard(doc).teams).toEqual([
      "Engineering",
      "Design",
      "Marketing",
      "Help desk",
      "Customer success",
    ]);
    expect(readBoard(doc).cards.get(card)?.team).toBe("Help desk");
    expect(() => renameTeam(doc, "Support", "X")).toThrow(/no team/);
    removeTeam(doc, "Help desk");
    expect(readBoard(doc).teams).not.toContain("Help desk");
    expect(readBoard(doc).cards.get(card)?.team).toBeNull();
  });

  it("keeps both teams added at the same time, and one copy of a name added twice", () => {
    const { doc } = board();
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    addTeam(doc, "Sales");
    addTeam(doc, "Legal");
    addTeam(other, "Sales");
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    expect(readBoard(doc).teams).toEqual(readBoard(other).teams);
    expect(readBoard(doc).teams.filter((team) => team === "Sales")).toHaveLength(1);
    expect(readBoard(doc).teams).toContain("Legal");
  });

  it("sets the scoring model and vote budget, refusing unknown values", () => {
    const { doc } = board();
    setScoringModel(doc, "wsjf");
    setVoteBudget(doc, 5);
    expect(readBoard(doc)).toMatchObject({ scoringModel: "wsjf", voteBudget: 5 });
    setVoteBudget(doc, null);
    expect(readBoard(doc).voteBudget).toBeNull();
    expect(() => setScoringModel(doc, "ice" as ScoringModel)).toThrow(/scoring model/);
    expect(() => setVoteBudget(doc, 0)).toThrow(/vote budget/);
    doc.getMap("meta").set("scoringModel", "nonsense");
    expect(readBoard(doc).scoringModel).toBe("rice");
  });
});
