/** Thrown by a board operation given input it cannot apply (an empty title, an unknown card); nothing was changed. */
export class BoardInputError extends Error {
  override name = "BoardInputError";
  constructor(
    /** A stable machine-readable reason, e.g. `title_empty`, `card_not_found`. */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
