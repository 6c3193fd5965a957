import * as Y from "yjs";

/** The verdict on a client's update before it touches the room's document. */
export type UpdateCheck =
  | {
      ok: true /** True when the update carries structs the document lacks (deletions alone do not count). */;
      hasNewStructs: boolean;
    }
  | {
      ok: false /** Undecodable bytes, or a decodable update with missing dependencies. */;
      kind: "undecodable" | "gapped";
      reason: string;
    };

/**
 * Decides whether `update` can be applied to `doc` completely, without anything parked as pending: it must decode,
 * and must not be "gapped" — no struct starting past what the document (or earlier in the update) has for its client,
 * no Skip structs, no origin, right origin or parent id that is neither in the document nor in the update, and no
 * deletion of a clock nobody has. Yjs would park such an update in memory; we refuse it instead.
 */
export function checkUpdate(doc: Y.Doc, update: Uint8Array): UpdateCheck {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (error) {
    return { ok: false, kind: "undecodable", reason: `undecodable update: ${(error as Error).message}` };
  }
  // For each client, the clock just past the last struct seen so far (document first, then this update).
  const known = new Map<number, number>();
  const knownEnd = (client: number): number => known.get(client) ?? Y.getState(doc.store, client);
  let hasNewStructs = false;
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) return gapped("update has missing dependencies (skipped range)");
    const { client, clock } = struct.id;
    const end = knownEnd(client);
    if (clock > end) return gapped("update has missing dependencies");
    if (clock < end && clock + struct.length > end && !continuesRun(doc, struct, end)) {
      return gapped("update re-sends known clocks as another run (forged ids)");
    }
    if (clock + struct.length > end) {
      hasNewStructs = true;
      known.set(client, clock + struct.length);
    }
  }
  // A reference may point anywhere in the document or the update, except that a struct may only refer to earlier
  // clocks of its own client (Yjs integrates one client's structs in clock order).
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    const refs = [struct.origin, struct.rightOrigin, struct.parent instanceof Y.ID ? struct.parent : null];
    for (const ref of refs) {
      if (ref === null) continue;
      const sameClient = ref.client === struct.id.client;
      if (sameClient ? ref.clock >= struct.id.clock : ref.clock >= knownEnd(ref.client)) {
        return gapped("update has missing dependencies");
      }
    }
  }
  for (const [client, deletions] of decoded.ds.clients) {
    const end = knownEnd(client);
    for (const deletion of deletions) {
      if (deletion.clock + deletion.len > end) return gapped("update has missing dependencies");
    }
  }
  return { ok: true, hasNewStructs };
}

/**
 * Whether `struct`, which starts at clocks the document already has and reaches past them (`end`), continues the run
 * the document has there. Yjs integrates only the new tail, linking it after the document's struct at `end - 1` but
 * keeping the parent and map key `struct` itself resolves to; a forged run claiming another parent or key (the same
 * ids reused for other content) would splice the tail into a foreign list and leave the live document different from
 * every re-encoding of it. An overlap with an earlier struct of the same update is never honest either.
 */
function continuesRun(doc: Y.Doc, struct: Y.Item | Y.GC, end: number): boolean {
  if (end > Y.getState(doc.store, struct.id.client)) return false;
  if (!(struct instanceof Y.Item)) return true;
  const place = placementOf(doc, struct);
  if (place === "garbage") return true;
  if (place === null) return false;
  const previous = Y.getItem(doc.store, Y.createID(struct.id.client, end - 1));
  return previous instanceof Y.Item && previous.parent === place.parent && previous.parentSub === place.key;
}

/**
 * The parent type and map key Yjs gives a decoded item (as `Item.getMissing` does), from references the document
 * already has: "garbage" when a neighbour or the parent was garbage-collected (Yjs drops the item), null when a
 * reference is not in the document.
 */
function placementOf(doc: Y.Doc, item: Y.Item): { parent: unknown; key: string | null } | "garbage" | null {
  const find = (id: Y.ID | null) =>
    id === null ? undefined : id.clock < Y.getState(doc.store, id.client) ? Y.getItem(doc.store, id) : null;
  const left = find(item.origin);
  const right = find(item.rightOrigin);
  if (left === null || right === null) return null;
  if (left instanceof Y.GC || right instanceof Y.GC) return "garbage";
  const neighbour = left ?? right;
  if (neighbour) return { parent: neighbour.parent, key: neighbour.parentSub };
  if (typeof item.parent === "string") return { parent: doc.share.get(item.parent), key: item.parentSub };
  if (!(item.parent instanceof Y.ID)) return null;
  const parentItem = find(item.parent);
  if (!parentItem) return null;
  if (parentItem instanceof Y.GC) return "garbage";
  return parentItem.content instanceof Y.ContentType
    ? { parent: parentItem.content.type, key: item.parentSub }
    : null;
}

function gapped(reason: string): UpdateCheck {
  return { ok: false, kind: "gapped", reason };
}
