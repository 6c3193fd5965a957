/** Thrown by a store method called after `close()`, so a late write fails loudly instead of vanishing. */
export class StoreClosedError extends Error {
  override readonly name = "StoreClosedError";

  constructor(store: string) {
    super(`${store} is closed`);
  }
}
