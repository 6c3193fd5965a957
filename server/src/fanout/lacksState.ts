import * as Y from "yjs";

/**
 * Whether `doc` lacks something another instance's document has, given that document's `Y.encodeSnapshot(
 * Y.snapshot(doc))`: a struct past our state vector, or a deletion we have not applied (a deletion alone leaves the
 * state vector unchanged, so comparing vectors would miss a dropped "delete card" message). Throws for bad bytes.
 */
export function lacksState(doc: Y.Doc, theirSnapshot: Uint8Array): boolean {
  const theirs = Y.decodeSnapshot(theirSnapshot);
  for (const [client, clock] of theirs.sv) {
    if (clock > Y.getState(doc.store, client)) return true;
  }
  if (theirs.ds.clients.size === 0) return false;
  const ours = Y.createDeleteSetFromStructStore(doc.store);
  for (const [client, deletions] of theirs.ds.clients) {
    // Ours is sorted and merged (adjacent deleted structs form one range), so each of theirs must sit inside one.
    const ranges = ours.clients.get(client) ?? [];
    for (const deletion of deletions) {
      const covered = ranges.some(
        (range) => range.clock <= deletion.clock && range.clock + range.len >= deletion.clock + deletion.len,
      );
      if (!covered) return true;
    }
  }
  return false;
}

/** This document's state for `lacksState` on another instance. */
export function encodeDocState(doc: Y.Doc): Uint8Array {
  return Y.encodeSnapshot(Y.snapshot(doc));
}
