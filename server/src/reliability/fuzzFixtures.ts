/**
 * Inputs the frame fuzzer once found to misbehave, replayed by fuzz.reliability.test.ts for ever: each is a hex
 * frame, what went wrong before the fix, and the close code the server must now answer with (null: kept open).
 */
export interface FuzzFixture {
  name: string;
  hex: string;
  /** What the input did before it was fixed (and which commit fixed it). */
  found: string;
  /** The close code the sender must now get, or null when the frame is legitimate and the socket stays open. */
  expectedClose: number | null;
}

/** Every regression the fuzzer found; append, never remove. */
export const FUZZ_FIXTURES: readonly FuzzFixture[] = [];
