import { getRoots } from "@converge/shared";
import * as Y from "yjs";
import { UI_ORIGIN } from "../boardActions";

/**
 * The origin of edits that go on the record and must not be undone: a settled conflict, a recorded
 * decision (the decision log is append-only). Not tracked by the undo manager.
 */
export const RECORD_ORIGIN = "converge-record";

/**
 * Per-person undo/redo: a Y.UndoManager over the board's content (meta, lanes, cards, goals, evidence,
 * comments; not the session or the decision log) that tracks only this client's own edits — the
 * transactions with the UI's local origin. Remote updates arrive with the provider's origin and are
 * never tracked, and Yjs never overwrites a teammate's later change to the same key on undo, so undoing
 * never reverts someone else's edit.
 */
export function createLocalUndo(doc: Y.Doc, origin: unknown = UI_ORIGIN): Y.UndoManager {
  const { meta, lanes, cards, goals, feedback, comments } = getRoots(doc);
  return new Y.UndoManager([meta, lanes, cards, goals, feedback, comments], {
    trackedOrigins: new Set([origin]),
    captureTimeout: 500,
  });
}
