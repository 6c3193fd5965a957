import {
  getFirstCollision,
  KeyboardCode,
  type KeyboardCodes,
  KeyboardSensor,
  type KeyboardSensorProps,
  type SensorContext,
} from "@dnd-kit/core";

/** The parts of dnd-kit's KeyboardSensor (6.3) that `attach` uses; private in its typings. */
interface SensorInternals {
  readonly props: KeyboardSensorProps;
  readonly listeners: { add(eventName: string, handler: (event: Event) => void): void };
  readonly windowListeners: { add(eventName: string, handler: (event: Event) => void): void };
  handleStart(): void;
  handleKeyDown(event: Event): void;
  handleCancel(event: Event): void;
}

/** dnd-kit's own default keys (not exported by it), for a sensor given no `keyboardCodes`. */
const DEFAULT_CODES: KeyboardCodes = {
  start: [KeyboardCode.Space, KeyboardCode.Enter],
  cancel: [KeyboardCode.Esc],
  end: [KeyboardCode.Space, KeyboardCode.Enter, KeyboardCode.Tab],
};

/** How long a drop waits for dnd-kit to catch up with the last move before it lands regardless. */
export const CATCH_UP_MS = 500;

/**
 * Whether dnd-kit's `over` (what a drop lands on) is where the last move put the item. dnd-kit
 * computes the collisions in the render that applies a move, but sets `over` from an effect, in one
 * more render that React runs at normal priority, after any waiting key press: so a drop pressed
 * straight after an arrow key landed on the cell the item had just left.
 */
export function overIsCurrent(context: SensorContext): boolean {
  return (context.over?.id ?? null) === (getFirstCollision(context.collisions, "id") ?? null);
}

/**
 * dnd-kit's KeyboardSensor, taking the keys that move and drop a picked-up item from the moment it
 * is picked up, in the order pressed, and dropping it where the last move put it.
 *
 * The stock sensor adds its keydown listener in a setTimeout, so that the Space that picked the item
 * up, still bubbling to the document, is not taken for a drop. But the browser runs waiting key
 * presses before timers: when picking up took a while (right after a pointer drop), the arrow keys and
 * the Space that followed reached no listener. This sensor listens at once and skips the picking-up
 * event itself. And a drop key pressed before dnd-kit has caught up with the last move (see
 * `overIsCurrent`) waits for it, up to CATCH_UP_MS, with any keys pressed after it.
 */
export class PromptKeyboardSensor extends KeyboardSensor {}

function attach(this: SensorInternals): void {
  const { context, event: pickUp, options } = this.props;
  const { end, cancel } = options.keyboardCodes ?? DEFAULT_CODES;
  const waiting: KeyboardEvent[] = [];
  let waitingSince: number | null = null;
  const handleWaiting = () => {
    for (let next = waiting[0]; next; next = waiting[0]) {
      if (end.includes(next.code) && !overIsCurrent(context.current)) {
        waitingSince ??= performance.now();
        if (performance.now() - waitingSince < CATCH_UP_MS) {
          setTimeout(handleWaiting);
          return;
        }
      }
      waitingSince = null;
      waiting.shift();
      this.handleKeyDown(next);
      // A drop or a cancel detaches this sensor: keys pressed after it are not this drag's.
      if (end.includes(next.code) || cancel.includes(next.code)) waiting.length = 0;
    }
  };
  const handleCancel = (event: Event) => {
    waiting.length = 0;
    this.handleCancel(event);
  };

  this.handleStart();
  this.windowListeners.add("resize", handleCancel);
  this.windowListeners.add("visibilitychange", handleCancel);
  this.listeners.add("keydown", (event) => {
    if (event === pickUp || !(event instanceof KeyboardEvent)) return;
    waiting.push(event);
    if (waiting.length === 1) handleWaiting();
    // A key that waits is this drag's: it must not also scroll the page or move the focus.
    if (waiting.includes(event)) event.preventDefault();
  });
}

// The base constructor calls `attach`, so the override goes on the prototype (TypeScript will not let a
// subclass declare a member its base declares private).
Object.defineProperty(PromptKeyboardSensor.prototype, "attach", { value: attach });
