/** A file that cannot be imported, with a message naming what is wrong and where (`cards[3].title: …`, `row 7: …`). */
export class ImportInputError extends Error {
  override readonly name = "ImportInputError";
  constructor(
    /** A stable machine-readable reason: `invalid_json`, `invalid_csv`, `invalid_file` or `too_many_cards`. */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
