import { KeyboardSensor, type KeyboardSensorProps } from "@dnd-kit/core";

/** The parts of dnd-kit's KeyboardSensor (6.3) that `attach` uses; private in its typings. */
interface SensorInternals {
  readonly props: KeyboardSensorProps;
  readonly listeners: { add(eventName: string, handler: (event: Event) => void): void };
  readonly windowListeners: { add(eventName: string, handler: (event: Event) => void): void };
  handleStart(): void;
  handleKeyDown(event: Event): void;
  handleCancel(event: Event): void;
}

/**
 * dnd-kit's KeyboardSensor, listening for the keys that move and drop a picked-up item from the moment
 * it is picked up. The stock sensor adds its keydown listener in a setTimeout, so that the Space that
 * picked the item up, still bubbling to the document, is not taken for a drop. But the browser runs
 * waiting key presses before timers: when picking up took a while (right after a pointer drop, or while a
 * reloaded board syncs), the arrow keys and the Space that followed reached no listener, and the item
 * stayed picked up where it was. This sensor listens at once and skips the picking-up event itself.
 */
export class PromptKeyboardSensor extends KeyboardSensor {}

function attach(this: SensorInternals): void {
  this.handleStart();
  this.windowListeners.add("resize", this.handleCancel);
  this.windowListeners.add("visibilitychange", this.handleCancel);
  const pickUp = this.props.event;
  this.listeners.add("keydown", (event) => {
    if (event !== pickUp) this.handleKeyDown(event);
  });
}

// The base constructor calls `attach`, so the override goes on the prototype (TypeScript will not let a
// subclass declare a member its base declares private).
Object.defineProperty(PromptKeyboardSensor.prototype, "attach", { value: attach });
