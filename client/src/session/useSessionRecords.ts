import {
  createDecisionsReader,
  type Decision,
  getRoots,
  readSummaries,
  type SessionSummary,
} from "@converge/shared";
import { useEffect, useMemo, useSyncExternalStore } from "react";
import type * as Y from "yjs";

/** The decision log, live: re-read only when the `decisions` root changes. */
export function useDecisions(doc: Y.Doc): readonly Decision[] {
  const reader = useMemo(() => createDecisionsReader(doc), [doc]);
  useEffect(() => () => reader.destroy(), [reader]);
  return useSyncExternalStore(reader.subscribe, reader.getSnapshot);
}

/** The kept session summaries (oldest first), live: re-read when a key of the `session` root changes. */
export function useSessionSummaries(doc: Y.Doc): readonly SessionSummary[] {
  const store = useMemo(() => {
    const { session } = getRoots(doc);
    let snapshot: readonly SessionSummary[] | null = null;
    return {
      subscribe(onChange: () => void) {
        const observer = (event: Y.YMapEvent<unknown>) => {
          if (!event.keysChanged.has("summaries")) return;
          snapshot = null;
          onChange();
        };
        session.observe(observer);
        return () => session.unobserve(observer);
      },
      getSnapshot() {
        snapshot ??= readSummaries(doc);
        return snapshot;
      },
    };
  }, [doc]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
