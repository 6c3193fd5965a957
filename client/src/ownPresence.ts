import * as encoding from "lib0/encoding";
import { encodeAwarenessUpdate } from "y-protocols/awareness";
import { messageAwareness, type WebsocketProvider } from "y-websocket";

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };

/**
 * Makes the provider send only this client's own presence. The stock provider sends every awareness change it
 * hears, other people's included, back to the server (yjs/yjs#732): on a board where N people move their cursors
 * at 20 Hz, each socket sends 20 × N messages a second, over the server's per-socket limit (MESSAGES_PER_SECOND,
 * 300) in a large workshop. Measured against this server: with 30 people moving their cursors, the stock provider
 * had every socket closed for too many messages within 6 s; with this, none. The server already relays everyone's
 * presence to everyone, so nothing else needs sending. The provider's own `destroy` removes this handler.
 */
export function sendOnlyOwnPresence(provider: WebsocketProvider): void {
  const { awareness } = provider;
  awareness.off("update", provider._awarenessUpdateHandler);
  provider._awarenessUpdateHandler = ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
    // Heard from the server (the provider is the origin), or about other people only: nothing to send.
    if (origin === provider) return;
    const own = awareness.clientID;
    if (!added.includes(own) && !updated.includes(own) && !removed.includes(own)) return;
    const ws = provider.ws;
    if (!provider.wsconnected || !ws || ws.readyState !== ws.OPEN) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageAwareness);
    encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(awareness, [own]));
    ws.send(encoding.toUint8Array(encoder));
  };
  awareness.on("update", provider._awarenessUpdateHandler);
}
