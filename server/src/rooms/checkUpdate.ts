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

function gapped(reason: string): UpdateCheck {
  return { ok: false, kind: "gapped", reason };
}
