import type { ClientRect, SensorContext, UniqueIdentifier } from "@dnd-kit/core";
import { describe, expect, it } from "vitest";
import { type CellData, roadmapKeyboardCoordinates } from "./roadmapKeyboard";

/** Where the getter moves the tile to (dnd-kit's Coordinates, not exported). */
type Coordinates = { readonly x: number; readonly y: number };

/** One goal's row of cells, 260 wide with 8 between (as the roadmap lays them out), 64 high at y 230. */
const COLUMNS = ["now", "next", "later"] as const;
const cellRect = (index: number): ClientRect => {
  const left = 452 + index * 268;
  return { left, top: 230, width: 260, height: 64, right: left + 260, bottom: 294 };
};
/** A tile sitting in the Later cell. */
const TILE_IN_LATER: ClientRect = { left: 996, top: 238, width: 244, height: 52, right: 1240, bottom: 290 };

function context(collisionRect: ClientRect | null, measured: readonly string[] = COLUMNS): SensorContext {
  const containers = COLUMNS.map((columnId) => ({
    id: `goal|${columnId}`,
    data: { current: { kind: "cell", rowId: "goal", columnId, label: columnId } satisfies CellData },
  }));
  const rects = new Map<UniqueIdentifier, ClientRect>(
    COLUMNS.flatMap((columnId, index) =>
      measured.includes(columnId) ? [[`goal|${columnId}`, cellRect(index)]] : [],
    ),
  );
  return {
    collisionRect,
    droppableRects: rects,
    droppableContainers: { getEnabled: () => containers },
  } as unknown as SensorContext;
}

function press(code: string, sensorContext: SensorContext) {
  const event = new KeyboardEvent("keydown", { code, cancelable: true });
  const point = roadmapKeyboardCoordinates(event, {
    active: "card",
    context: sensorContext,
    currentCoordinates: { x: 0, y: 0 },
  }) as Coordinates | undefined; // the getter's `void` is "no move"
  return { point, prevented: event.defaultPrevented };
}

const isInside = (point: Coordinates | undefined, rect: ClientRect) =>
  point !== undefined &&
  point.x >= rect.left &&
  point.x <= rect.left + rect.width &&
  point.y >= rect.top &&
  point.y <= rect.top + rect.height;

describe("roadmap arrow keys", () => {
  it("jump a picked-up tile one cell: Left from Later lands in Next, not Now", () => {
    const { point, prevented } = press("ArrowLeft", context(TILE_IN_LATER));
    expect(isInside(point, cellRect(1))).toBe(true);
    expect(prevented).toBe(true);
  });

  it("leave the tile where it is past the last cell of the row", () => {
    expect(press("ArrowRight", context(TILE_IN_LATER)).point).toBeUndefined();
  });

  it("pass over a cell dnd-kit has not measured, to the next one it can drop on", () => {
    const { point } = press("ArrowLeft", context(TILE_IN_LATER, ["now", "later"]));
    expect(isInside(point, cellRect(0))).toBe(true);
  });

  it("leave the tile where it is until the pick-up has measured it, and still keep the page from scrolling", () => {
    const { point, prevented } = press("ArrowLeft", context(null));
    expect(point).toBeUndefined();
    expect(prevented).toBe(true);
  });
});
