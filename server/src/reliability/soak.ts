/** True when the long (soak) versions of the reliability suites run: `SOAK=1` (see the root `test:soak` script). */
export const SOAK = process.env.SOAK === "1";

/** Picks the fast figure for `pnpm test` or the long one under `SOAK=1`. */
export function scaled<T>(fast: T, soak: T): T {
  return SOAK ? soak : fast;
}
