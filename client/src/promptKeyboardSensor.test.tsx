import {
  type ClientRect,
  DndContext,
  type DragEndEvent,
  type KeyboardCoordinateGetter,
  KeyboardSensor,
  type MeasuringConfiguration,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PromptKeyboardSensor } from "./promptKeyboardSensor";

function Tile() {
  const { attributes, listeners, setNodeRef } = useDraggable({ id: "tile" });
  return (
    <div ref={setNodeRef} {...attributes} {...listeners} data-testid="tile">
      Tile
    </div>
  );
}

function Board({ sensor, onDragEnd }: { sensor: typeof KeyboardSensor; onDragEnd: () => void }) {
  const sensors = useSensors(useSensor(sensor));
  return (
    <DndContext sensors={sensors} onDragEnd={onDragEnd}>
      <Tile />
    </DndContext>
  );
}

/** Picks the tile up with Space and presses Space again before any timer could run. */
function pickUpAndDropAtOnce(sensor: typeof KeyboardSensor) {
  const onDragEnd = vi.fn();
  render(<Board sensor={sensor} onDragEnd={onDragEnd} />);
  const tile = screen.getByTestId("tile");
  tile.focus();
  act(() => {
    fireEvent.keyDown(tile, { code: "Space", key: " " });
  });
  expect(tile.getAttribute("aria-pressed")).toBe("true");
  act(() => {
    fireEvent.keyDown(tile, { code: "Space", key: " " });
  });
  return { onDragEnd, tile };
}

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** Two side-by-side drop zones and a tile in the left one, laid out by hand (jsdom has no layout). */
const LEFT: ClientRect = { left: 0, top: 0, width: 200, height: 100, right: 200, bottom: 100 };
const RIGHT: ClientRect = { left: 300, top: 0, width: 200, height: 100, right: 500, bottom: 100 };
const TILE: ClientRect = { left: 10, top: 10, width: 100, height: 40, right: 110, bottom: 50 };
const measure = (node: HTMLElement): ClientRect =>
  node.dataset.layout === "left" ? LEFT : node.dataset.layout === "right" ? RIGHT : TILE;
const MEASURING: MeasuringConfiguration = { draggable: { measure }, droppable: { measure } };

/** ArrowRight moves the tile into the right zone, as the roadmap's arrow keys jump a tile a cell. */
const toTheRight: KeyboardCoordinateGetter = (event) =>
  event.code === "ArrowRight" ? { x: RIGHT.left + 10, y: RIGHT.top + 10 } : undefined;

function Zone({ id, children }: { id: string; children?: ReactNode }) {
  const { setNodeRef } = useDroppable({ id });
  return (
    <div ref={setNodeRef} data-layout={id}>
      {children}
    </div>
  );
}

function Zones({
  sensor,
  onDragEnd,
  onDragMove,
}: {
  sensor: typeof KeyboardSensor;
  onDragEnd: (event: DragEndEvent) => void;
  onDragMove: () => void;
}) {
  const sensors = useSensors(useSensor(sensor, { coordinateGetter: toTheRight }));
  return (
    <DndContext sensors={sensors} measuring={MEASURING} onDragEnd={onDragEnd} onDragMove={onDragMove}>
      <Zone id="left">
        <Tile />
      </Zone>
      <Zone id="right" />
    </DndContext>
  );
}

/**
 * Picks the tile up, presses ArrowRight, and presses Space before dnd-kit has set `over` from that move:
 * from its onDragMove, which dnd-kit calls just before the effect that sets `over` (in a browser, a key
 * press waiting while the machine is busy runs in that gap too).
 */
async function moveRightAndDropAtOnce(sensor: typeof KeyboardSensor) {
  const ends: string[] = [];
  let droppedAtOnce: boolean | null = null;
  const dropNow = () => {
    if (droppedAtOnce !== null) return;
    tile().dispatchEvent(new KeyboardEvent("keydown", { code: "Space", key: " ", bubbles: true }));
    droppedAtOnce = ends.length > 0;
  };
  render(
    <Zones
      sensor={sensor}
      onDragEnd={({ over }) => ends.push(String(over?.id ?? "nowhere"))}
      onDragMove={dropNow}
    />,
  );
  const tile = () => screen.getByTestId("tile");
  tile().focus();
  act(() => {
    fireEvent.keyDown(tile(), { code: "Space", key: " " });
  });
  await act(() => new Promise((resolve) => setTimeout(resolve, 5))); // the stock sensor's listener timer
  await act(async () => {
    fireEvent.keyDown(tile(), { code: "ArrowRight", key: "ArrowRight" });
    await new Promise((resolve) => setTimeout(resolve, 50));
  });
  return { droppedAtOnce, ends };
}

describe("PromptKeyboardSensor", () => {
  it("takes the keys pressed right after the pick-up, before any timer ran", () => {
    vi.useFakeTimers();
    const { onDragEnd, tile } = pickUpAndDropAtOnce(PromptKeyboardSensor);
    expect(onDragEnd).toHaveBeenCalledTimes(1);
    expect(tile.getAttribute("aria-pressed")).not.toBe("true");
  });

  it("does not take the Space that picked the item up for a drop", () => {
    vi.useFakeTimers();
    const onDragEnd = vi.fn();
    render(<Board sensor={PromptKeyboardSensor} onDragEnd={onDragEnd} />);
    const tile = screen.getByTestId("tile");
    tile.focus();
    act(() => {
      fireEvent.keyDown(tile, { code: "Space", key: " " });
    });
    expect(onDragEnd).not.toHaveBeenCalled();
    expect(tile.getAttribute("aria-pressed")).toBe("true");
  });

  it("is needed: the stock sensor misses a key pressed before its timer ran", () => {
    vi.useFakeTimers();
    const { onDragEnd, tile } = pickUpAndDropAtOnce(KeyboardSensor);
    expect(onDragEnd).not.toHaveBeenCalled();
    expect(tile.getAttribute("aria-pressed")).toBe("true");
  });
});

describe("PromptKeyboardSensor's drop", () => {
  it("lands where the arrow key just moved the item, even when pressed straight after it", async () => {
    const { droppedAtOnce, ends } = await moveRightAndDropAtOnce(PromptKeyboardSensor);
    expect(droppedAtOnce).toBe(false);
    expect(ends).toEqual(["right"]);
  });

  it("is needed: with the stock sensor that drop lands where the item was picked up", async () => {
    const { ends } = await moveRightAndDropAtOnce(KeyboardSensor);
    expect(ends).toEqual(["left"]);
  });
});
