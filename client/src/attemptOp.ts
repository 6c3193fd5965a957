import { BoardInputError } from "@converge/shared";

/**
 * Runs one shared operation and returns null when it was applied, or the operation's own message
 * when it refused the input (BoardInputError), so a form can show it beside the field. Any other
 * error is a bug and is rethrown.
 */
export function attemptOp(change: () => void): string | null {
  try {
    change();
    return null;
  } catch (error) {
    if (!(error instanceof BoardInputError)) throw error;
    return error.message;
  }
}
