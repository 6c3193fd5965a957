import { type Board, createBoardReader } from "@converge/shared";
import { useEffect, useMemo, useSyncExternalStore } from "react";
import type * as Y from "yjs";

/** The board as plain readonly data, re-read after every transaction that touched it. */
export function useBoard(doc: Y.Doc): Board {
  const reader = useMemo(() => createBoardReader(doc), [doc]);
  useEffect(() => () => reader.destroy(), [reader]);
  return useSyncExternalStore(reader.subscribe, reader.getSnapshot);
}
