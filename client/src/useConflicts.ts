import { type Conflict, getRoots, readConflicts } from "@converge/shared";
import { useEffect, useMemo, useSyncExternalStore } from "react";
import * as Y from "yjs";

/** A shared type a transaction changed. */
type ChangedType = Parameters<Y.Transaction["changed"]["get"]>[0];

/** The open priority conflicts of a document, re-read only after a transaction that could change them. */
export interface ConflictsReader {
  readonly subscribe: (onChange: () => void) => () => void;
  readonly getSnapshot: () => readonly Conflict[];
  readonly destroy: () => void;
}

/**
 * Keeps `readConflicts(doc)` current without reading every card after every change: a transaction
 * costs a look at the types it changed, and the cards are read again only when it touched a card's
 * `conflicts` map, or added or removed a card that has (or had) conflicts. A remote edit of a card's
 * title or fields therefore costs O(1) here and keeps the same snapshot.
 */
export function createConflictsReader(doc: Y.Doc): ConflictsReader {
  const { cards } = getRoots(doc);
  let snapshot = readConflicts(doc);
  let withConflicts = new Set(snapshot.map((conflict) => conflict.cardId));
  const listeners = new Set<() => void>();

  const holdsConflicts = (cardId: string) => {
    const card = cards.get(cardId);
    const stored = card instanceof Y.Map ? card.get("conflicts") : null;
    return stored instanceof Y.Map && stored.size > 0;
  };
  const touchesConflicts = (type: ChangedType, keys: Set<string | null>) => {
    if (type === (cards as unknown)) {
      for (const cardId of keys)
        if (cardId && (withConflicts.has(cardId) || holdsConflicts(cardId))) return true;
      return false;
    }
    if (type.parent === cards) return keys.has("conflicts");
    const card = type.parent;
    return card instanceof Y.Map && card.parent === cards && card.get("conflicts") === type;
  };
  const onTransaction = (transaction: Y.Transaction) => {
    for (const [type, keys] of transaction.changed) {
      if (!touchesConflicts(type, keys)) continue;
      snapshot = readConflicts(doc);
      withConflicts = new Set(snapshot.map((conflict) => conflict.cardId));
      for (const listener of listeners) listener();
      return;
    }
  };
  doc.on("afterTransaction", onTransaction);

  return {
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    getSnapshot: () => snapshot,
    destroy: () => doc.off("afterTransaction", onTransaction),
  };
}

/** The document's open conflicts as a stable array that changes only when the conflicts do. */
export function useConflicts(doc: Y.Doc): readonly Conflict[] {
  const reader = useMemo(() => createConflictsReader(doc), [doc]);
  useEffect(() => () => reader.destroy(), [reader]);
  return useSyncExternalStore(reader.subscribe, reader.getSnapshot);
}
