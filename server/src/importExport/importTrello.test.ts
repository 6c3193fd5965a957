import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ImportInputError } from "./ImportInputError";
import { importTrello } from "./importTrello";

const fixture = readFileSync(new URL("./fixtures/trello-board.json", import.meta.url), "utf8");

function withBoard(change: (board: Record<string, unknown[]>) => void): string {
  const board = JSON.parse(fixture) as Record<string, unknown[]>;
  change(board);
  return JSON.stringify(board);
}

describe("importTrello", () => {
  const plan = importTrello(fixture);

  it("makes open lists lanes in pos order and leaves archived lists out", () => {
    expect(plan.lanes.map((lane) => lane.title)).toEqual(["Ideas", "To Do", "Doing", "Done"]);
  });

  it("puts open cards in pos order within their list, leaving archived cards and archived lists' cards out", () => {
    const titles = plan.cards.map((card) => [plan.lanes[card.lane]?.title, card.title]);
    expect(titles).toEqual([
      ["Ideas", "Dark mode"],
      ["To Do", "Onboarding tour, first draft"],
      ["To Do", "Sign in with a passkey"],
      ["To Do", "Accessibility pass"],
      ["Doing", "Offline mode for the app"],
      ["Done", "Ship 1.0 to the stores"],
    ]);
    expect(plan.cards.every((card) => !card.archived)).toBe(true);
  });

  it("maps desc, label names (a colour-only label by its colour), due dates, checklists and comments", () => {
    const byTitle = new Map(plan.cards.map((card) => [card.title, card]));
    const passkey = byTitle.get("Sign in with a passkey");
    expect(passkey?.fields).toEqual({ labels: ["Backend", "UX"], dueDate: "2026-03-14" });
    expect(passkey?.checklist).toEqual([
      { text: "Design: Sketch the flow", done: true },
      { text: "Design: Pick the library", done: true },
      { text: "Design: Review with security", done: false },
      { text: "Launch: Announce in the changelog", done: false },
    ]);
    expect(passkey?.comments).toEqual([
      'Robin Example (2026-02-08): Do we support "platform" authenticators, too?',
      "Sasha Sample (2026-02-09): Security review booked for Tuesday.",
    ]);
    expect(byTitle.get("Onboarding tour, first draft")?.fields).toEqual({ labels: ["purple"] });
    expect(byTitle.get("Offline mode for the app")?.description).toBe(
      'Sync queue, conflict banner.\n\n- keep edits\n- show "saved" state',
    );
    expect(byTitle.get("Dark mode")).toMatchObject({
      description: "",
      fields: {},
      checklist: [],
      comments: [],
    });
  });

  it("names what is wrong: a list name of the wrong type, truncated JSON, a card name that is too long", () => {
    const wrongType = withBoard((board) => {
      (board.lists?.[3] as Record<string, unknown>).name = 42;
    });
    expect(() => importTrello(wrongType)).toThrow(
      new ImportInputError("invalid_file", "lists[3].name: expected string"),
    );
    expect(() => importTrello(fixture.slice(0, 500))).toThrow(/not valid JSON/);
    const longName = withBoard((board) => {
      (board.cards?.[1] as Record<string, unknown>).name = "n".repeat(501);
    });
    expect(() => importTrello(longName)).toThrow("cards[1].name is longer than 500 characters");
    expect(() => importTrello(JSON.stringify({ name: "not a board" }))).toThrow("lists: expected array");
  });
});
