/** Most cards one import may add (DESIGN: a board of 2,000 cards stays smooth; an import may not bury it). */
export const MAX_IMPORT_CARDS = 5_000;
/** Most lanes one import may add. */
export const MAX_IMPORT_LANES = 200;
/** Default largest import body (IMPORT_MAX_BYTES), larger than the 1 MiB of other REST bodies. */
export const DEFAULT_IMPORT_MAX_BYTES = 10 * 1024 * 1024;
