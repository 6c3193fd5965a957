import { useEffect, useState } from "react";
import type * as Y from "yjs";
import { createLocalUndo } from "./localUndo";
import { undoShortcut } from "./undoShortcut";

/** My undo/redo on this board, for the toolbar buttons. */
export interface LocalUndo {
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  undo(): void;
  redo(): void;
}

/**
 * Per-person undo/redo of my own edits (see createLocalUndo), with Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z and
 * Ctrl+Y anywhere on the page but in text fields, which keep their native undo. Off for viewers.
 */
export function useLocalUndo(doc: Y.Doc, enabled: boolean): LocalUndo {
  const [manager, setManager] = useState<Y.UndoManager | null>(null);
  const [, setVersion] = useState(0);

  useEffect(() => {
    if (!enabled) return;
    const created = createLocalUndo(doc);
    const changed = () => setVersion((version) => version + 1);
    for (const event of ["stack-item-added", "stack-item-popped", "stack-cleared"] as const)
      created.on(event, changed);
    setManager(created);
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const action = undoShortcut(event);
      if (action === null) return;
      event.preventDefault();
      if (action === "undo") created.undo();
      else created.redo();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => {
      window.removeEventListener("keydown", onKeyDown);
      created.destroy();
      setManager(null);
    };
  }, [doc, enabled]);

  return {
    canUndo: manager?.canUndo() ?? false,
    canRedo: manager?.canRedo() ?? false,
    undo: () => manager?.undo(),
    redo: () => manager?.redo(),
  };
}
