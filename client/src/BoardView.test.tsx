import {
  addChecklistItem,
  createCard,
  initBoard,
  readBoard,
  renameCard,
  setCardDescription,
  setCardFields,
} from "@converge/shared";
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { type MemoExoticComponent, memo, type ReactNode, useMemo } from "react";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { BoardView } from "./BoardView";
import { createBoardActions } from "./boardActions";
import type { CardProps } from "./Card";
import { useBoard } from "./useBoard";

const renders: string[] = [];

vi.mock("./Card", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./Card")>();
  const inner = (actual.Card as unknown as MemoExoticComponent<(props: CardProps) => ReactNode>).type;
  // The same component body behind the same default memo comparison, counting each render.
  const Counted = memo(function CountedCard(props: CardProps) {
    renders.push(props.card.id);
    return inner(props);
  });
  return { Card: Counted };
});

const ignore = () => undefined;

function Harness({
  doc,
  readOnly = false,
  visible,
  swimlanes,
}: {
  doc: Y.Doc;
  readOnly?: boolean;
  visible?: ReadonlySet<string>;
  swimlanes?: "none" | "team" | "goal";
}) {
  const board = useBoard(doc);
  const actions = useMemo(() => createBoardActions(doc, "me", ignore), [doc]);
  return (
    <BoardView
      board={board}
      actions={actions}
      peers={[]}
      onActivity={ignore}
      onOpenCard={ignore}
      onEditing={ignore}
      readOnly={readOnly}
      visibleCardIds={visible}
      swimlanes={swimlanes}
    />
  );
}

function seededBoard() {
  const doc = new Y.Doc();
  initBoard(doc, { title: "Plan" });
  const lanes = readBoard(doc).lanes;
  const backlog = lanes[0]?.id as string;
  const done = lanes[2]?.id as string;
  const ids = ["Login page", "Billing", "Search", "Onboarding"].map((title, i) =>
    createCard(doc, { laneId: i < 3 ? backlog : done, title, by: "u1" }),
  );
  return { doc, backlog, ids };
}

afterEach(() => {
  cleanup();
  renders.length = 0;
});

// The first render imports dnd-kit cold; on a loaded two-core machine that alone can pass 5 s.
describe("BoardView", { timeout: 20_000 }, () => {
  it("renders lanes and cards with their test hooks and accessible names", () => {
    const { doc } = seededBoard();
    render(<Harness doc={doc} />);
    const lanes = screen.getAllByTestId("lane");
    expect(lanes.map((lane) => within(lane).getByRole("heading", { level: 2 }).textContent)).toEqual([
      "Backlog",
      "In progress",
      "Done",
    ]);
    expect(screen.getAllByTestId("card")).toHaveLength(4);
    expect(screen.getByRole("button", { name: "Login page" }).dataset.testid).toBe("card");
  });

  it("re-renders only the card a remote edit changed", () => {
    const { doc, ids } = seededBoard();
    render(<Harness doc={doc} />);
    expect([...renders].sort()).toEqual([...ids].sort());
    renders.length = 0;

    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    const target = ids[1] as string;
    renameCard(remote, target, "Billing v2");
    setCardDescription(remote, target, "Stripe first");
    act(() => {
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)), "remote");
    });

    expect(renders).toEqual([target]);
    expect(screen.getByRole("button", { name: "Billing v2" })).toBeTruthy();
  });

  it("re-renders only the card whose planning fields changed, and shows its badges", () => {
    const { doc, ids } = seededBoard();
    render(<Harness doc={doc} />);
    renders.length = 0;

    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    const target = ids[2] as string;
    setCardFields(remote, target, {
      type: "bug",
      team: "Design",
      reach: 500,
      impact: 2,
      confidence: 80,
      effort: 2,
    });
    addChecklistItem(remote, target, { text: "Repro" });
    act(() => {
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)), "remote");
    });

    expect(renders).toEqual([target]);
    const card = screen.getByRole("button", { name: /^Search/ });
    expect(within(card).getByTestId("badge-type").textContent).toBe("bug");
    expect(within(card).getByTestId("badge-score").textContent).toBe("score 400");
    expect(within(card).getByTestId("badge-checklist").textContent).toBe("☑ 0/1");
  });

  it("shows only the filtered cards, with the lane's count of shown cards", () => {
    const { doc, ids } = seededBoard();
    render(<Harness doc={doc} visible={new Set([ids[0] as string, ids[3] as string])} />);
    expect(screen.getAllByTestId("card").map((card) => card.getAttribute("aria-label"))).toEqual([
      "Login page",
      "Onboarding",
    ]);
    expect(within(screen.getAllByTestId("lane")[0] as HTMLElement).getByTestId("wip").textContent).toBe(
      "1 of 3",
    );
  });

  it("splits the lanes into swimlanes by team, with a No team band last", () => {
    const { doc, ids } = seededBoard();
    setCardFields(doc, ids[1] as string, { team: "Design" });
    render(<Harness doc={doc} swimlanes="team" />);
    const bands = screen.getAllByTestId("swimlane");
    expect(bands.map((band) => within(band).getByRole("heading").textContent)).toEqual([
      "Engineering 0",
      "Design 1",
      "Marketing 0",
      "Support 0",
      "No team 3",
    ]);
    expect(within(bands[1] as HTMLElement).getByRole("button", { name: /^Billing/ })).toBeTruthy();
  });

  it("renders only a window of a lane longer than 60 cards", () => {
    const { doc, backlog } = seededBoard();
    for (let i = 0; i < 200; i++) createCard(doc, { laneId: backlog, title: `Bulk ${i}`, by: "u1" });
    render(<Harness doc={doc} />);
    const lane = screen.getAllByTestId("lane")[0] as HTMLElement;
    expect(within(lane).getByTestId("wip").textContent).toBe("203");
    expect(within(lane).queryAllByTestId("card").length).toBeLessThan(60);
  });

  it("adds a card from the lane composer with Enter and cancels with Escape", () => {
    const { doc, backlog } = seededBoard();
    render(<Harness doc={doc} />);
    const lane = screen.getAllByTestId("lane")[1] as HTMLElement;
    fireEvent.click(within(lane).getByRole("button", { name: "Add card" }));
    const input = within(lane).getByPlaceholderText("Card title");
    fireEvent.change(input, { target: { value: "Pricing page" } });
    fireEvent.keyDown(input, { key: "Enter" });
    expect(within(lane).getByRole("button", { name: "Pricing page" })).toBeTruthy();
    expect(readBoard(doc).lanes[1]?.cardIds).toHaveLength(1);
    fireEvent.keyDown(within(lane).getByPlaceholderText("Card title"), { key: "Escape" });
    expect(within(lane).queryByPlaceholderText("Card title")).toBeNull();
    expect(readBoard(doc).lanes[0]?.id).toBe(backlog);
  });

  it("shows the WIP count against the limit and flags a lane over it", async () => {
    const { doc } = seededBoard();
    render(<Harness doc={doc} />);
    const backlog = screen.getAllByTestId("lane")[0] as HTMLElement;
    expect(within(backlog).getByTestId("wip").textContent).toBe("3");
    fireEvent.click(within(backlog).getByRole("button", { name: "Lane actions for Backlog" }));
    fireEvent.click(within(backlog).getByRole("button", { name: "Set WIP limit…" }));
    fireEvent.change(within(backlog).getByRole("spinbutton"), { target: { value: "2" } });
    fireEvent.click(within(backlog).getByRole("button", { name: "Save" }));
    expect(within(backlog).getByTestId("wip").textContent).toBe("3 / 2");
    expect(backlog.classList.contains("is-over-limit")).toBe(true);
  });

  it("shows a viewer the cards but no add, rename, move or lane controls", () => {
    const { doc } = seededBoard();
    render(<Harness doc={doc} readOnly />);
    expect(screen.getAllByTestId("card")).toHaveLength(4);
    expect(screen.queryAllByRole("button", { name: "Add card" })).toHaveLength(0);
    expect(screen.queryAllByRole("button", { name: /Add lane/ })).toHaveLength(0);
    expect(screen.queryAllByRole("button", { name: /^Move lane/ })).toHaveLength(0);
    expect(screen.queryAllByRole("button", { name: /^Lane actions/ })).toHaveLength(0);
    const card = screen.getByRole("button", { name: "Login page" });
    expect(card.getAttribute("aria-roledescription")).toBeNull();
    fireEvent.keyDown(card, { key: "F2" });
    expect(screen.queryByLabelText("Card title")).toBeNull();
  });
});

// A 2,000-card board in jsdom with just enough layout for the lanes' virtualiser: a lane's card list shows
// 600 px (but, as in CSS, is never shorter than its own padding), a card is 62 px tall, and a ResizeObserver
// reports a list's new size after its style changed. On such a board a remote edit must re-render one card and
// mount or unmount none, and filtering must render each shown card at most twice.

const LIST_HEIGHT = 600;
const CARD_HEIGHT = 62;

function px(value: string): number {
  return Number.parseFloat(value) || 0;
}

/** The height CSS would give a lane's card list: its viewport, or its padding if that is taller. */
function listHeight(list: HTMLElement): number {
  return Math.max(LIST_HEIGHT, px(list.style.paddingTop) + px(list.style.paddingBottom));
}

/** Reports the observed elements' sizes a task after their style or children changed, like the browser's. */
class StyleResizeObserver {
  private readonly mutations: MutationObserver;
  private pending: ReturnType<typeof setTimeout> | null = null;
  constructor(callback: ResizeObserverCallback) {
    this.mutations = new MutationObserver(() => {
      if (this.pending) return;
      this.pending = setTimeout(() => {
        this.pending = null;
        callback([], this as unknown as ResizeObserver);
      });
    });
  }
  observe(target: Element) {
    this.mutations.observe(target, { attributes: true, attributeFilter: ["style"], childList: true });
  }
  unobserve() {}
  disconnect() {
    this.mutations.disconnect();
    if (this.pending) clearTimeout(this.pending);
  }
}

/** 2,000 cards over the three lanes; one in twenty has "Zebra" in its title. */
function largeBoard() {
  const doc = new Y.Doc();
  initBoard(doc, { title: "Big" });
  const lanes = readBoard(doc).lanes;
  const zebras = new Set<string>();
  doc.transact(() => {
    for (let i = 0; i < 2000; i++) {
      const zebra = i % 20 === 0;
      const laneId = lanes[i % lanes.length]?.id as string;
      const id = createCard(doc, { laneId, title: `${zebra ? "Zebra " : ""}Card ${i}`, by: "u1" });
      if (zebra) zebras.add(id);
    }
  });
  return { doc, zebras };
}

/** Lets the layout stand-ins report and React settle: a few tasks. */
async function settle() {
  for (let i = 0; i < 5; i++) {
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
  }
}

describe("BoardView with 2,000 cards", { timeout: 30_000 }, () => {
  const saved = {
    clientHeight: Object.getOwnPropertyDescriptor(HTMLElement.prototype, "clientHeight"),
    offsetHeight: Object.getOwnPropertyDescriptor(HTMLElement.prototype, "offsetHeight"),
    rect: HTMLElement.prototype.getBoundingClientRect,
    observer: globalThis.ResizeObserver,
  };

  beforeAll(() => {
    Object.defineProperty(HTMLElement.prototype, "clientHeight", {
      configurable: true,
      get(this: HTMLElement) {
        return this.classList.contains("lane-cards") ? listHeight(this) : 0;
      },
    });
    Object.defineProperty(HTMLElement.prototype, "offsetHeight", {
      configurable: true,
      get(this: HTMLElement) {
        return this.classList.contains("card-slot") ? CARD_HEIGHT : 0;
      },
    });
    HTMLElement.prototype.getBoundingClientRect = function (this: HTMLElement) {
      const height = this.classList.contains("card-slot") ? CARD_HEIGHT : 0;
      return { x: 0, y: 0, top: 0, left: 0, right: 280, bottom: height, width: 280, height, toJSON() {} };
    };
    globalThis.ResizeObserver = StyleResizeObserver as unknown as typeof ResizeObserver;
  });

  afterAll(() => {
    if (saved.clientHeight) Object.defineProperty(HTMLElement.prototype, "clientHeight", saved.clientHeight);
    if (saved.offsetHeight) Object.defineProperty(HTMLElement.prototype, "offsetHeight", saved.offsetHeight);
    HTMLElement.prototype.getBoundingClientRect = saved.rect;
    globalThis.ResizeObserver = saved.observer;
  });

  it("mounts only the cards in view and keeps them mounted while the layout settles", async () => {
    const { doc } = largeBoard();
    render(<Harness doc={doc} />);
    await settle();
    const mounted = screen.getAllByTestId("card").length;
    // Three lanes of 600 px at 62 px a card, plus the virtualiser's overscan.
    expect(mounted).toBeGreaterThan(0);
    expect(mounted).toBeLessThan(100);
    renders.length = 0;
    await settle();
    expect(renders).toEqual([]);
  });

  it("re-renders only the card a remote edit changed, mounting and unmounting none", async () => {
    const { doc } = largeBoard();
    render(<Harness doc={doc} />);
    await settle();
    const before = screen.getAllByTestId("card").map((card) => card.getAttribute("data-card-id"));
    renders.length = 0;

    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    const target = readBoard(remote).lanes[0]?.cardIds[0] as string;
    renameCard(remote, target, "Renamed remotely");
    act(() => {
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)), "remote");
    });
    await settle();

    expect(renders).toEqual([target]);
    expect(screen.getAllByTestId("card").map((card) => card.getAttribute("data-card-id"))).toEqual(before);
    expect(screen.getByRole("button", { name: "Renamed remotely" })).toBeTruthy();
  });

  it("renders each card a filter shows at most twice (its props, then its lane's new sortable items) and no other", async () => {
    const { doc, zebras } = largeBoard();
    const { rerender } = render(<Harness doc={doc} />);
    await settle();
    renders.length = 0;
    rerender(<Harness doc={doc} visible={zebras} />);
    await settle();
    const shown = screen.getAllByTestId("card").map((card) => card.getAttribute("data-card-id"));
    expect(shown.length).toBe(zebras.size);
    expect(shown.every((id) => zebras.has(id as string))).toBe(true);
    const times = new Map<string, number>();
    for (const id of renders) times.set(id, (times.get(id) ?? 0) + 1);
    expect([...times.keys()].sort()).toEqual([...(shown as string[])].sort());
    expect(Math.max(...times.values())).toBeLessThanOrEqual(2);
  });
});
