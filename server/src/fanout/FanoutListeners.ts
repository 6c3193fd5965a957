import type { FanoutMessage } from "./FanoutBus";

type Listener = (message: FanoutMessage) => void;

/**
 * The listeners of each board's channel within one bus, shared by the local and Redis buses: the first listener of a
 * board means "subscribe the channel", the last one leaving means "unsubscribe it".
 */
export class FanoutListeners {
  readonly #byBoard = new Map<string, Set<Listener>>();

  /** Adds a listener; true when it is the board's first. */
  add(boardId: string, listener: Listener): boolean {
    let listeners = this.#byBoard.get(boardId);
    const first = !listeners;
    if (!listeners) {
      listeners = new Set();
      this.#byBoard.set(boardId, listeners);
    }
    listeners.add(listener);
    return first;
  }

  /** Removes a listener; true when the board has none left. */
  remove(boardId: string, listener: Listener): boolean {
    const listeners = this.#byBoard.get(boardId);
    if (!listeners?.delete(listener)) return false;
    if (listeners.size > 0) return false;
    this.#byBoard.delete(boardId);
    return true;
  }

  /** Hands a message to every listener of the board; a throwing listener is reported and does not stop the others. */
  deliver(boardId: string, message: FanoutMessage, onError: (error: unknown) => void): void {
    for (const listener of this.#byBoard.get(boardId) ?? []) {
      try {
        listener(message);
      } catch (error) {
        onError(error);
      }
    }
  }

  /** The boards with at least one listener. */
  boards(): string[] {
    return [...this.#byBoard.keys()];
  }
}
