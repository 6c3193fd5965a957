import type { Board } from "@converge/shared";
import { useEffect, useRef, useState } from "react";
import type * as Y from "yjs";
import { DecisionsPanel } from "./DecisionsPanel";
import { SummaryDialog } from "./SummaryDialog";
import { useLocalUndo } from "./useLocalUndo";
import { useDecisions, useSessionSummaries } from "./useSessionRecords";
import "./session.css";

/** Props of SessionTools. */
export interface SessionToolsProps {
  readonly doc: Y.Doc;
  readonly board: Board;
  readonly names: ReadonlyMap<string, string>;
  readonly readOnly: boolean;
  /** A live session is running (its end, seen here, opens the new summary). */
  readonly sessionActive: boolean;
  readonly onOpenCard: (cardId: string) => void;
}

/** The keyboard shortcut that opens the Decisions panel (outside text fields too: it types nothing). */
function isDecisionsShortcut(event: KeyboardEvent): boolean {
  return event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === "KeyD";
}

/**
 * The board's top-bar tools for planning together: my own undo and redo (buttons and Ctrl/Cmd+Z,
 * Ctrl/Cmd+Shift+Z, Ctrl+Y), the Decisions panel (Alt+Shift+D) and the session summaries: the newest
 * opens by itself when a session ends, and `?summary=<id>` in the address opens that one.
 */
export function SessionTools({ doc, board, names, readOnly, sessionActive, onOpenCard }: SessionToolsProps) {
  const history = useLocalUndo(doc, !readOnly);
  const decisions = useDecisions(doc);
  const summaries = useSessionSummaries(doc);
  const [open, setOpen] = useState<"decisions" | { summaryId: string } | null>(() => {
    const linked = new URLSearchParams(window.location.search).get("summary");
    return linked ? { summaryId: linked } : null;
  });
  const seenSummaries = useRef(summaries.length);
  const wasInSession = useRef(sessionActive);
  if (sessionActive) wasInSession.current = true;

  // A session I was in just ended (its summary arrived): show the summary to everyone who was here.
  useEffect(() => {
    const latest = summaries.at(-1);
    if (summaries.length > seenSummaries.current && latest && wasInSession.current) {
      wasInSession.current = false;
      setOpen({ summaryId: latest.id });
    }
    seenSummaries.current = summaries.length;
  }, [summaries]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isDecisionsShortcut(event)) return;
      event.preventDefault();
      setOpen("decisions");
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

  const openCard = (cardId: string) => {
    setOpen(null);
    onOpenCard(cardId);
  };
  const latest = summaries.at(-1);

  return (
    <div className="session-tools">
      {!readOnly && (
        <>
          <button
            type="button"
            className="button small ghost"
            aria-label="Undo my last change"
            aria-keyshortcuts="Control+Z Meta+Z"
            title="Undo (Ctrl+Z)"
            disabled={!history.canUndo}
            onClick={history.undo}
          >
            ↶ Undo
          </button>
          <button
            type="button"
            className="button small ghost"
            aria-label="Redo my last undone change"
            aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z Control+Y"
            title="Redo (Ctrl+Shift+Z)"
            disabled={!history.canRedo}
            onClick={history.redo}
          >
            ↷ Redo
          </button>
        </>
      )}
      <button
        type="button"
        className="button small ghost"
        aria-keyshortcuts="Alt+Shift+D"
        title="Decisions (Alt+Shift+D)"
        onClick={() => setOpen("decisions")}
      >
        Decisions{decisions.length > 0 ? ` (${decisions.length})` : ""}
      </button>
      {latest && (
        <button
          type="button"
          className="button small ghost"
          onClick={() => setOpen({ summaryId: latest.id })}
        >
          Session summary
        </button>
      )}
      {open === "decisions" && (
        <DecisionsPanel
          decisions={decisions}
          board={board}
          names={names}
          onOpenCard={openCard}
          onClose={() => setOpen(null)}
        />
      )}
      {open !== null && open !== "decisions" && summaries.length > 0 && (
        <SummaryDialog
          summaries={summaries}
          initialId={open.summaryId}
          names={names}
          onOpenCard={openCard}
          onClose={() => setOpen(null)}
        />
      )}
    </div>
  );
}
