import { DndContext, KeyboardSensor, useDraggable, useSensor, useSensors } from "@dnd-kit/core";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
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
