import * as decoding from "lib0/decoding";
import { describe, expect, it } from "vitest";
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from "y-protocols/awareness";
import { messageAwareness, WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { sendOnlyOwnPresence } from "./ownPresence";

/** A provider whose socket is a recorder, as if connected. */
function connectedProvider(): { provider: WebsocketProvider; sent: Uint8Array[] } {
  const provider = new WebsocketProvider("ws://localhost:1", "board", new Y.Doc(), {
    connect: false,
    disableBc: true,
  });
  const sent: Uint8Array[] = [];
  provider.ws = {
    OPEN: 1,
    readyState: 1,
    send: (data: Uint8Array) => sent.push(data),
    close: () => undefined,
  } as unknown as WebSocket;
  provider.wsconnected = true;
  return { provider, sent };
}

/** What the server relays when someone else moves their cursor. */
function someoneElsesMove(x: number): Uint8Array {
  const other = new Awareness(new Y.Doc());
  other.setLocalState({ user: { name: "Bo" }, cursor: { x, y: 0 } });
  const update = encodeAwarenessUpdate(other, [other.clientID]);
  other.destroy();
  return update;
}

/** The client ids a sent awareness frame carries. */
function clientIdsIn(frame: Uint8Array): number[] {
  const decoder = decoding.createDecoder(frame);
  expect(decoding.readVarUint(decoder)).toBe(messageAwareness);
  const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
  const ids: number[] = [];
  for (let count = decoding.readVarUint(update); count > 0; count--) {
    ids.push(decoding.readVarUint(update));
    decoding.readVarUint(update); // clock
    decoding.readVarString(update); // state
  }
  return ids;
}

describe("sendOnlyOwnPresence", () => {
  it("the stock provider sends other people's presence back to the server", () => {
    const { provider, sent } = connectedProvider();
    for (let x = 0; x < 3; x++) applyAwarenessUpdate(provider.awareness, someoneElsesMove(x), provider);
    expect(sent).toHaveLength(3);
    provider.destroy();
  });

  it("sends this client's own presence only, once per change", () => {
    const { provider, sent } = connectedProvider();
    sendOnlyOwnPresence(provider);
    for (let x = 0; x < 3; x++) applyAwarenessUpdate(provider.awareness, someoneElsesMove(x), provider);
    expect(sent).toHaveLength(0);
    expect(provider.awareness.getStates().size).toBe(4);

    provider.awareness.setLocalStateField("cursor", { x: 10, y: 20 });
    expect(sent.map(clientIdsIn)).toEqual([[provider.awareness.clientID]]);
    provider.awareness.setLocalState(null);
    expect(sent).toHaveLength(2);

    // Destroying says goodbye once (the provider's own "left" message); after that nothing is sent.
    provider.destroy();
    const afterDestroy = sent.length;
    provider.awareness.setLocalStateField("cursor", { x: 1, y: 1 });
    expect(sent).toHaveLength(afterDestroy);
  });
});
