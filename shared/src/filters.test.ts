import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { type CardType, setCardFields } from "./cardFields";
import { filterCards, groupIntoSwimlanes } from "./filters";
import { archiveGoal, createGoal } from "./goals";
import { archiveCard, createCard, createLane, initBoard, renameCard, setCardDescription } from "./operations";
import { createBoardReader, readBoard } from "./readBoard";
import type { Board, Card } from "./schema";

const TYPES: CardType[] = ["feature", "bug", "debt", "research", "launch"];
const TEAMS = ["Engineering", "Design", "Marketing", "Support"];

function small() {
  const doc = new Y.Doc();
  initBoard(doc, { title: "Plan" });
  const [backlog, doing] = readBoard(doc).lanes.map((lane) => lane.id) as [string, string];
  const goal = createGoal(doc, { title: "Enterprise", by: "u" });
  const add = (laneId: string, title: string) => createCard(doc, { laneId, title, by: "u" });
  const sso = add(backlog, "SSO login");
  const audit = add(doing, "Audit log");
  const docs = add(backlog, "Write docs");
  const old = add(backlog, "Old SSO idea");
  setCardFields(doc, sso, {
    team: "Engineering",
    owner: "ana",
    type: "feature",
    labels: ["Security"],
    goalId: goal,
  });
  setCardFields(doc, audit, { team: "Engineering", type: "feature", labels: ["compliance"], goalId: goal });
  setCardDescription(doc, audit, "Needed for SOC 2 and enterprise security reviews");
  setCardFields(doc, docs, { team: "Support", type: "research" });
  archiveCard(doc, old);
  return { doc, backlog, doing, goal, sso, audit, docs };
}

describe("filterCards", () => {
  it("matches words in title, description and labels, case-insensitively, and each field exactly", () => {
    const { doc, goal, sso, audit, docs } = small();
    const board = readBoard(doc);
    const ids = (filter: Parameters<typeof filterCards>[1]) => [...filterCards(board, filter)].sort();
    expect(ids({})).toEqual([sso, audit, docs].sort());
    expect(ids({ text: "sso" })).toEqual([sso]);
    expect(ids({ text: "  SECURITY " })).toEqual([sso, audit].sort());
    expect(ids({ text: "security enterprise" })).toEqual([audit]);
    expect(ids({ label: "security" })).toEqual([sso]);
    expect(ids({ team: "Engineering", owner: "ana" })).toEqual([sso]);
    expect(ids({ owner: null })).toEqual([audit, docs].sort());
    expect(ids({ type: "research" })).toEqual([docs]);
    expect(ids({ goalId: goal, text: "audit" })).toEqual([audit]);
    expect(ids({ goalId: null })).toEqual([docs]);
  });
});

describe("groupIntoSwimlanes", () => {
  it("bands the visible cards by team in the board's team order, none last", () => {
    const { doc, backlog, doing, sso, audit, docs } = small();
    const board = readBoard(doc);
    const lanes = groupIntoSwimlanes(board, "team", filterCards(board, {}));
    expect(lanes.map((lane) => [lane.title, lane.count])).toEqual([
      ["Engineering", 2],
      ["Design", 0],
      ["Marketing", 0],
      ["Support", 1],
      ["No team", 0],
    ]);
    expect(lanes[0]?.lanes.map((lane) => [lane.laneId, lane.cardIds])).toEqual([
      [backlog, [sso]],
      [doing, [audit]],
      [board.lanes[2]?.id, []],
    ]);
    expect(lanes[3]?.lanes[0]?.cardIds).toEqual([docs]);
  });

  it("bands by goal, skipping archived goals without visible cards", () => {
    const { doc, goal, sso, audit, docs } = small();
    const unused = createGoal(doc, { title: "Unused", by: "u" });
    archiveGoal(doc, unused);
    const board = readBoard(doc);
    const lanes = groupIntoSwimlanes(board, "goal", new Set([sso, audit, docs]));
    expect(lanes.map((lane) => [lane.key, lane.count])).toEqual([
      [goal, 2],
      [null, 1],
    ]);
  });

  it("filters and bands 2,000 cards correctly (timing printed, not asserted)", () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: "Big" });
    createLane(doc, { title: "Review" });
    const template = readBoard(doc).cards.get(
      createCard(doc, { laneId: readBoard(doc).lanes[0]?.id as string, title: "T", by: "u" }),
    ) as Card;
    const goals = [createGoal(doc, { title: "G0", by: "u" }), createGoal(doc, { title: "G1", by: "u" })];
    const base = readBoard(doc);
    // A synthetic 2,000-card board (filterCards is pure over Board), spread over the board's lanes.
    const cards = new Map<string, Card>();
    const laneCards = base.lanes.map(() => [] as string[]);
    for (let i = 0; i < 2000; i++) {
      const id = `card-${String(i).padStart(4, "0")}`;
      cards.set(id, {
        ...template,
        id,
        title: i % 10 === 0 ? `Export batch ${i}` : `Card ${i}`,
        description: i % 3 === 0 ? "Customers asked for this in interviews" : "",
        team: TEAMS[i % 4] as string,
        type: TYPES[i % 5] as CardType,
        owner: `user-${i % 13}`,
        labels: [`l${i % 7}`],
        goalId: goals[i % 2] as string,
        archived: i % 100 === 99,
      });
      if (i % 100 !== 99) laneCards[i % laneCards.length]?.push(id);
    }
    const board: Board = {
      ...base,
      cards,
      lanes: base.lanes.map((lane, index) => ({ ...lane, cardIds: laneCards[index] ?? [] })),
    };
    const started = performance.now();
    const visible = filterCards(board, { text: "export", team: "Marketing" });
    const byTeam = groupIntoSwimlanes(board, "team", visible);
    const middle = performance.now();
    const some = filterCards(board, { text: "card interviews", label: "L3" });
    const byGoal = groupIntoSwimlanes(board, "goal", some);
    const finished = performance.now();
    console.log(
      `filterCards + groupIntoSwimlanes over 2,000 cards: ${(middle - started).toFixed(2)} ms (text+team, by team), ` +
        `${(finished - middle).toFixed(2)} ms (two words+label, by goal)`,
    );
    // "Export" titles are i % 10 === 0 and Marketing is i % 4 === 2, so i ≡ 10 (mod 20): 100 cards, none archived.
    expect(visible.size).toBe(100);
    for (const id of visible) expect(cards.get(id)).toMatchObject({ team: "Marketing", archived: false });
    expect(byTeam.map((band) => band.count)).toEqual([0, 0, 100, 0, 0]);
    const expected = [...cards.values()].filter(
      (card) =>
        !card.archived &&
        card.title.startsWith("Card") &&
        card.description.includes("interviews") &&
        card.labels.includes("l3"),
    );
    expect([...some].sort()).toEqual(expected.map((card) => card.id).sort());
    expect(byGoal.reduce((sum, band) => sum + band.count, 0)).toBe(expected.length);
    expect(byGoal.map((band) => band.key)).toEqual([...goals, null]);
  });
});

// shared/ compiles without DOM or Node types; performance exists in every runtime the tests use.
declare const performance: { now(): number };
declare const console: { log(message: string): void };

describe("filterCards on a large live board", () => {
  it("reads each card's text once across queries, and after an edit only that card's", () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: "Big" });
    const laneId = readBoard(doc).lanes[0]?.id as string;
    doc.transact(() => {
      for (let i = 0; i < 2000; i++)
        createCard(doc, { laneId, title: `Card ${i % 20 === 0 ? "Zebra " : ""}${i}`, by: "u" });
    });
    const reader = createBoardReader(doc);
    // Counts reads of each card's title through one stand-in per Card object (the reader's own objects stay keys).
    let titleReads = 0;
    const standIns = new WeakMap<Card, Card>();
    const counted = (board: Board): Board => {
      const cards = new Map<string, Card>();
      for (const [id, card] of board.cards) {
        let standIn = standIns.get(card);
        if (!standIn) {
          standIn = new Proxy(card, {
            get(target, key, receiver) {
              if (key === "title") titleReads++;
              return Reflect.get(target, key, receiver);
            },
          });
          standIns.set(card, standIn);
        }
        cards.set(id, standIn);
      }
      return { ...board, cards };
    };

    const board = counted(reader.getSnapshot());
    expect(filterCards(board, { text: "zebra" }).size).toBe(100);
    expect(titleReads).toBe(2000);
    titleReads = 0;
    for (const text of ["z", "ze", "zeb", "zebr", "zebra", "zebra 1", ""]) filterCards(board, { text });
    expect(titleReads).toBe(0);

    const target = [...board.cards.keys()][7] as string;
    renameCard(doc, target, "Zebra crossing");
    const edited = counted(reader.getSnapshot());
    expect(filterCards(edited, { text: "zebra" }).size).toBe(101);
    expect(titleReads).toBe(1);
    reader.destroy();
  });
});
