import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  archiveCard,
  createCard,
  createLane,
  deleteCard,
  deleteLane,
  initBoard,
  moveCard,
  moveLane,
  renameCard,
  renameLane,
  restoreCard,
  setCardDescription,
} from "./operations";
import { readBoard } from "./readBoard";

// Yjs-style fuzzing: several peers edit one board concurrently while a simulated network delivers
// updates in random order and peers drop off and come back. Every peer must end identical.

/** mulberry32: a small seeded PRNG so a failing seed can be replayed. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (max: number) => Math.floor(next() * max),
    pick: <T>(items: readonly T[]): T | undefined => items[Math.floor(next() * items.length)],
  };
}

// shared/ compiles without Node types; the test runner is Node.
declare const process: { env: Record<string, string | undefined> };

const REMOTE = Symbol("remote");

interface Peer {
  doc: Y.Doc;
  online: boolean;
}

function simulate(seed: number) {
  const random = prng(seed);
  const peerCount = 3 + random.int(3);
  const origin = new Y.Doc();
  initBoard(origin, { title: `Seed ${seed}` });
  const seed0 = Y.encodeStateAsUpdate(origin);
  const peers: Peer[] = [];
  const inFlight: { to: Peer; update: Uint8Array }[] = [];

  for (let i = 0; i < peerCount; i++) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, seed0, REMOTE);
    const peer: Peer = { doc, online: true };
    doc.on("update", (update: Uint8Array, from: unknown) => {
      if (from === REMOTE || !peer.online) return;
      for (const other of peers) if (other !== peer && other.online) inFlight.push({ to: other, update });
    });
    peers.push(peer);
  }

  const syncPair = (a: Peer, b: Peer) => {
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc)), REMOTE);
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc)), REMOTE);
  };
  const reconnect = (peer: Peer) => {
    peer.online = true;
    for (const other of peers) if (other !== peer && other.online) syncPair(peer, other);
  };

  const edit = (peer: Peer) => {
    const { doc } = peer;
    const board = readBoard(doc);
    const lanes = board.lanes;
    const live = lanes.flatMap((lane) => lane.cardIds);
    const lane = random.pick(lanes);
    const card = random.pick(live);
    const roll = random.next();
    if (!lane) {
      createLane(doc, { title: `Lane ${random.int(100)}` });
    } else if (roll < 0.25 || !card) {
      createCard(doc, {
        laneId: lane.id,
        title: `Card ${random.int(1000)}`,
        by: "fuzz",
        index: random.int(5),
      });
    } else if (roll < 0.55) {
      moveCard(doc, { cardId: card, laneId: lane.id, index: random.int(lane.cardIds.length + 1) });
    } else if (roll < 0.65) {
      renameCard(doc, card, `Renamed ${random.int(1000)}`);
    } else if (roll < 0.72) {
      const text = board.cards.get(card)?.description ?? "";
      const at = random.int(text.length + 1);
      setCardDescription(doc, card, `${text.slice(0, at)}${"xyz"[random.int(3)]}${text.slice(at)}`);
    } else if (roll < 0.77) {
      archiveCard(doc, card);
    } else if (roll < 0.8 && board.archived[0]) {
      restoreCard(doc, board.archived[0].id);
    } else if (roll < 0.83) {
      deleteCard(doc, card);
    } else if (roll < 0.87) {
      moveLane(doc, lane.id, random.int(lanes.length));
    } else if (roll < 0.9) {
      renameLane(doc, lane.id, `Lane ${random.int(100)}`);
    } else if (roll < 0.92 && lanes.length > 1) {
      deleteLane(doc, lane.id);
    } else if (roll < 0.94) {
      createLane(doc, { title: `Lane ${random.int(100)}` });
    } else {
      moveCard(doc, { cardId: card, laneId: lane.id, index: 0 });
    }
  };

  const steps = 150 + random.int(100);
  for (let step = 0; step < steps; step++) {
    const roll = random.next();
    if (roll < 0.45) {
      const peer = random.pick(peers) as Peer;
      edit(peer);
    } else if (roll < 0.9 && inFlight.length > 0) {
      const [message] = inFlight.splice(random.int(inFlight.length), 1);
      if (message?.to.online) Y.applyUpdate(message.to.doc, message.update, REMOTE);
    } else if (roll < 0.95) {
      const peer = random.pick(peers) as Peer;
      if (peer.online) peer.online = false;
      else reconnect(peer);
    }
  }
  for (const peer of peers) if (!peer.online) reconnect(peer);
  while (inFlight.length > 0) {
    const [message] = inFlight.splice(random.int(inFlight.length), 1);
    if (message) Y.applyUpdate(message.to.doc, message.update, REMOTE);
  }
  return peers;
}

describe("convergence under concurrent edits, random delivery and disconnects", () => {
  // CONVERGENCE_SEEDS=2000 runs a longer soak of the same property.
  const seeds = Array.from({ length: Number(process.env.CONVERGENCE_SEEDS ?? 60) }, (_, i) => i + 1);
  it.each(seeds)("seed %i: every peer ends identical, every card once, same order", (seed) => {
    const peers = simulate(seed);
    const [first, ...rest] = peers.map((peer) => readBoard(peer.doc));
    const reference = first as ReturnType<typeof readBoard>;
    for (const board of rest) expect(board).toEqual(reference);
    const vectors = peers.map((peer) =>
      Array.from(Y.decodeStateVector(Y.encodeStateVector(peer.doc))).sort(),
    );
    for (const vector of vectors) expect(vector).toEqual(vectors[0]);

    const placed = reference.lanes.flatMap((lane) => lane.cardIds);
    expect(new Set(placed).size).toBe(placed.length);
    const liveCards = [...reference.cards.values()].filter((card) => !card.archived).map((card) => card.id);
    const unplaced = reference.unplaced.map((card) => card.id);
    expect(new Set([...placed, ...unplaced])).toEqual(new Set(liveCards));
    expect(placed.length + unplaced.length).toBe(liveCards.length);
    if (reference.lanes.length > 0) expect(unplaced).toEqual([]);
  });
});
