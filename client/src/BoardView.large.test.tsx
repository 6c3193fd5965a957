import { createCard, initBoard, readBoard, renameCard } from "@converge/shared";
import { act, cleanup, render, screen } from "@testing-library/react";
import { type MemoExoticComponent, memo, type ReactNode, useMemo } from "react";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { BoardView } from "./BoardView";
import { createBoardActions } from "./boardActions";
import type { CardProps } from "./Card";
import { useBoard } from "./useBoard";

// A 2,000-card board in jsdom with just enough layout for the lanes' virtualiser: a lane's card list shows
// 600 px (but, as in CSS, is never shorter than its own padding), a card is 62 px tall, and a ResizeObserver
// reports a list's new size after its style changed. On such a board a remote edit must re-render one card and
// mount or unmount none, and filtering must render each shown card once.

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

afterEach(() => {
  cleanup();
  renders.length = 0;
});

const ignore = () => undefined;

function Harness({ doc, visible }: { doc: Y.Doc; visible?: ReadonlySet<string> }) {
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
      visibleCardIds={visible}
    />
  );
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
