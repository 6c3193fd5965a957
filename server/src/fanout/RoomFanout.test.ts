import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { decodeClientMessage, encodeAwarenessUpdate } from "../protocol";
import type { Principal, Room, RoomPeer } from "../rooms/Room";
import { RoomManager } from "../rooms/RoomManager";
import { MemoryDocStore } from "../store";
import { LocalFanoutHub } from "./LocalFanoutHub";
import { LossyFanoutBus } from "./LossyFanoutBus";

const logger = pino({ level: "silent" });

/** A socket stand-in that decodes what the room sends it. */
function peer(id: string, userId = "u1"): RoomPeer & { updates: Uint8Array[]; awareness: Uint8Array[] } {
  const principal: Principal = { userId, name: userId, canWrite: true, role: "editor" };
  const updates: Uint8Array[] = [];
  const awareness: Uint8Array[] = [];
  return {
    id,
    principal,
    updates,
    awareness,
    send(frame) {
      const message = decodeClientMessage(frame);
      if (message.type === "sync-update" || message.type === "sync-step-2") updates.push(message.update);
      if (message.type === "awareness") awareness.push(message.update);
    },
  };
}

async function waitFor(predicate: () => boolean, what: string, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function edit(room: Room, from: RoomPeer, key: string, value: string): Promise<unknown> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc));
  let update: Uint8Array | undefined;
  doc.once("update", (u: Uint8Array) => {
    update = u;
  });
  doc.getMap("cards").set(key, value);
  return room.receiveUpdate(from, update as Uint8Array);
}

describe("RoomFanout (two instances on a local hub and one shared store)", () => {
  const managers: RoomManager[] = [];
  afterEach(async () => {
    await Promise.all(managers.splice(0).map((manager) => manager.closeAll()));
  });

  function instances(repairIntervalMs = 60_000) {
    const hub = new LocalFanoutHub();
    const store = new MemoryDocStore();
    const make = () => {
      const bus = new LossyFanoutBus(hub.connect());
      const rooms = new RoomManager({
        store,
        logger,
        maxDocBytes: 1 << 24,
        compactAfterUpdates: 1_000,
        roomIdleMs: 10,
        fanout: { bus, repairIntervalMs },
      });
      managers.push(rooms);
      return { bus, rooms };
    };
    return { hub, store, a: make(), b: make() };
  }

  it("an update stored on A reaches B's sockets once, and B neither stores nor re-publishes it", async () => {
    const { store, a, b } = instances();
    const roomA = await a.rooms.acquire("board");
    const roomB = await b.rooms.acquire("board");
    const onA = peer("pa");
    const onB = peer("pb");
    roomA.join(onA);
    roomB.join(onB);

    await edit(roomA, onA, "c1", "from A");
    await waitFor(() => roomB.doc.getMap("cards").get("c1") === "from A", "B applies A's update");

    expect(onB.updates).toHaveLength(1);
    expect((await store.load("board")).updatesSinceSnapshot).toBe(1);
    expect(b.bus.published.filter((type) => type === "update")).toEqual([]);
    expect(a.bus.published.filter((type) => type === "update")).toEqual(["update"]);
  });

  it("presence crosses instances stamped by the origin, and leaves when that socket leaves", async () => {
    const { a, b } = instances();
    const roomA = await a.rooms.acquire("board");
    const roomB = await b.rooms.acquire("board");
    const onA = peer("pa", "alice");
    const onB = peer("pb", "bob");
    roomA.join(onA);
    roomB.join(onB);

    const clientDoc = new Y.Doc();
    const clientAwareness = new awarenessProtocol.Awareness(clientDoc);
    clientAwareness.setLocalState({ user: { id: "forged", name: "Forged", color: "#123456" }, cursor: 3 });
    expect(
      roomA.receiveAwareness(
        onA,
        awarenessProtocol.encodeAwarenessUpdate(clientAwareness, [clientDoc.clientID]),
      ),
    ).toBe(true);
    await waitFor(() => roomB.awareness.getStates().has(clientDoc.clientID), "B sees A's presence");
    expect(roomB.awareness.getStates().get(clientDoc.clientID)).toMatchObject({
      user: { id: "alice" },
      cursor: 3,
    });
    expect(onB.awareness.length).toBeGreaterThan(0);

    // Bob (on B) may not overwrite Alice's entry with a newer clock.
    const forged = encodeAwarenessUpdate([{ clientId: clientDoc.clientID, clock: 99, state: { cursor: 0 } }]);
    expect(roomB.receiveAwareness(onB, forged)).toBe(false);

    roomA.leave(onA);
    await waitFor(
      () => !roomB.awareness.getStates().has(clientDoc.clientID),
      "B drops it after A's socket left",
    );
    clientAwareness.destroy();
  });

  it("a room loading on B gets the presence already on A at once, not at the next renewal", async () => {
    const { a, b } = instances();
    const roomA = await a.rooms.acquire("board");
    const onA = peer("pa", "alice");
    roomA.join(onA);
    const entry = encodeAwarenessUpdate([{ clientId: 4242, clock: 1, state: { cursor: 1 } }]);
    expect(roomA.receiveAwareness(onA, entry)).toBe(true);

    const roomB = await b.rooms.acquire("board");
    await waitFor(() => roomB.awareness.getStates().has(4242), "B learns A's presence");
    expect(roomB.awareness.getStates().get(4242)).toMatchObject({ user: { id: "alice" }, cursor: 1 });
  });

  it("heals a dropped update through the periodic state exchange and the shared store", async () => {
    const { store, a, b } = instances(50);
    const roomA = await a.rooms.acquire("board");
    const roomB = await b.rooms.acquire("board");
    const onA = peer("pa");
    const onB = peer("pb");
    roomA.join(onA);
    roomB.join(onB);

    a.bus.dropNextUpdate = true;
    await edit(roomA, onA, "lost", "in transit");
    await waitFor(() => roomB.doc.getMap("cards").get("lost") === "in transit", "repair");

    expect(onB.updates.length).toBeGreaterThan(0);
    expect((await store.load("board")).updatesSinceSnapshot).toBe(1);
  });

  it("repairs from the store as soon as the bus reports a reconnect", async () => {
    const { hub, a, b } = instances();
    const roomA = await a.rooms.acquire("board");
    const roomB = await b.rooms.acquire("board");
    const onA = peer("pa");
    roomA.join(onA);

    a.bus.dropNextUpdate = true;
    await edit(roomA, onA, "missed", "while disconnected");
    await roomA.flush();
    hub.reconnectAll();
    await waitFor(
      () => roomB.doc.getMap("cards").get("missed") === "while disconnected",
      "repair on reconnect",
    );
  });

  it("repairs at once when a later update arrives gapped after a dropped one", async () => {
    const { a, b } = instances();
    const roomA = await a.rooms.acquire("board");
    const roomB = await b.rooms.acquire("board");
    const onA = peer("pa");
    roomA.join(onA);

    // One client writes twice: its second update continues its clock, so without the first it is gapped.
    const client = new Y.Doc();
    const updates: Uint8Array[] = [];
    client.on("update", (update: Uint8Array) => updates.push(update));
    client.getMap("cards").set("first", "dropped");
    client.getMap("cards").set("second", "arrives");
    a.bus.dropNextUpdate = true;
    await roomA.receiveUpdate(onA, updates[0] as Uint8Array);
    await roomA.flush();
    await roomA.receiveUpdate(onA, updates[1] as Uint8Array);
    await waitFor(
      () =>
        roomB.doc.getMap("cards").get("first") === "dropped" &&
        roomB.doc.getMap("cards").get("second") === "arrives",
      "B has both",
    );
  });

  it("a room loading on B while A writes ends with everything", async () => {
    const { a, b } = instances();
    const roomA = await a.rooms.acquire("board");
    const onA = peer("pa");
    roomA.join(onA);
    const loading = b.rooms.acquire("board");
    for (let i = 0; i < 20; i++) await edit(roomA, onA, `c${i}`, "x");
    const roomB = await loading;
    await waitFor(() => roomB.doc.getMap("cards").size === 20, "B has all 20");
  });
});
