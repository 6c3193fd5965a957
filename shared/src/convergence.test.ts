import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addTeam, removeTeam, renameTeam, setScoringModel } from "./boardSettings";
import { CARD_TYPES, type CardFieldsPatch, IMPACT_VALUES, setCardFields } from "./cardFields";
import {
  addChecklistItem,
  editChecklistItem,
  moveChecklistItem,
  removeChecklistItem,
  toggleChecklistItem,
} from "./checklist";
import { addComment, deleteComment, editComment, readComments } from "./comments";
import { ConflictTracker, readConflicts, settleConflict } from "./conflicts";
import { amendDecision, readDecisions, recordDecision } from "./decisions";
import { BoardInputError } from "./errors";
import {
  createEvidence,
  deleteEvidence,
  EVIDENCE_SOURCES,
  editEvidence,
  linkEvidence,
  unlinkEvidence,
} from "./evidence";
import { archiveGoal, createGoal, renameGoal, setGoalDescription } from "./goals";
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
import { SCORING_MODELS } from "./scoring";
import {
  addTime,
  endSession,
  handOver,
  nextPhase,
  pauseTimer,
  previousPhase,
  readSession,
  resumeTimer,
  setFacilitatorView,
  setPhase,
  spotlightCard,
  startSession,
  startTimer,
} from "./session";

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
  /** The person editing on this peer, whose tracker opens the priority conflicts it sees. */
  user: string;
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
    const peer: Peer = { doc, online: true, user: `user-${i % 3}` };
    new ConflictTracker(doc, { actor: peer.user });
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

  const editPlanning = (doc: Y.Doc, board: ReturnType<typeof readBoard>, card: string) => {
    const cardView = board.cards.get(card);
    const goal = random.pick(board.goals);
    const evidence = random.pick(board.evidence);
    const item = random.pick(cardView?.checklist ?? []);
    const comment = random.pick(readComments(doc, card));
    const team = random.pick(board.teams);
    const author = `user-${random.int(3)}`;
    const area = random.next();
    const roll = random.next();
    if (area < 0.3) {
      const patch: Record<string, unknown> = {};
      const fields: [string, () => unknown][] = [
        ["type", () => random.pick(CARD_TYPES)],
        ["team", () => team ?? null],
        ["owner", () => author],
        ["estimate", () => random.int(13)],
        ["reach", () => random.int(5000)],
        ["impact", () => random.pick(IMPACT_VALUES)],
        ["confidence", () => random.pick([50, 80, 100])],
        ["effort", () => 0.5 + random.int(6)],
        ["value", () => 1 + random.int(10)],
        ["businessValue", () => 1 + random.int(21)],
        ["goalId", () => (goal && !goal.archived ? goal.id : null)],
        ["target", () => random.pick(["now", "next", "later", "2027-Q1"])],
        ["labels", () => ["api", "mobile", "q3", "growth"].filter(() => random.next() < 0.4)],
        ["labels", () => [...(cardView?.labels ?? []), random.pick(["api", "mobile", "q3", "growth"])]],
        ["dueDate", () => `2027-0${1 + random.int(9)}-1${random.int(10)}`],
      ];
      for (let i = 0, n = 1 + random.int(4); i < n; i++) {
        const [name, value] = random.pick(fields) as [string, () => unknown];
        patch[name] = random.next() < 0.1 ? null : value();
      }
      setCardFields(doc, card, patch as CardFieldsPatch, undefined, author);
    } else if (area < 0.45) {
      if (!item || roll < 0.3)
        addChecklistItem(doc, card, { text: `Step ${random.int(100)}`, index: random.int(4) });
      else if (roll < 0.5) toggleChecklistItem(doc, card, item.id, random.next() < 0.5);
      else if (roll < 0.75)
        moveChecklistItem(doc, card, item.id, random.int(cardView?.checklist.length ?? 1));
      else if (roll < 0.85) editChecklistItem(doc, card, item.id, `Edited ${random.int(100)}`);
      else removeChecklistItem(doc, card, item.id);
    } else if (area < 0.58) {
      if (!goal || roll < 0.35) createGoal(doc, { title: `Goal ${random.int(50)}`, by: author });
      else if (roll < 0.6) renameGoal(doc, goal.id, `Goal ${random.int(50)}`);
      else if (roll < 0.85) setGoalDescription(doc, goal.id, `${goal.description}${"ab"[random.int(2)]}`);
      else archiveGoal(doc, goal.id, !goal.archived);
    } else if (area < 0.78) {
      if (!evidence || roll < 0.3) {
        createEvidence(doc, {
          quote: `Quote ${random.int(100)}`,
          source: random.pick(EVIDENCE_SOURCES) ?? "other",
          customer: random.pick(["Acme", "acme", "Globex", ""]) ?? "",
          cardIds: [card],
          by: author,
        });
      } else if (roll < 0.6) linkEvidence(doc, evidence.id, card);
      else if (roll < 0.8 && evidence.cardIds[0]) unlinkEvidence(doc, evidence.id, evidence.cardIds[0]);
      else if (roll < 0.92)
        editEvidence(doc, evidence.id, { customer: random.pick(["Acme", "Initech", ""]) ?? "" });
      else deleteEvidence(doc, evidence.id);
    } else if (area < 0.92) {
      if (!comment || roll < 0.5) {
        addComment(doc, card, { body: `Hi @[P${random.int(3)}](user-${random.int(3)})`, by: author });
      } else if (roll < 0.8) {
        editComment(doc, card, comment.id, { body: `Edited ${random.int(100)}`, by: comment.authorId });
      } else deleteComment(doc, card, comment.id);
    } else if (!team || roll < 0.35) addTeam(doc, `Team ${random.int(6)}`);
    else if (roll < 0.6) renameTeam(doc, team, `Team ${random.int(6)}`);
    else if (roll < 0.75) removeTeam(doc, team);
    else setScoringModel(doc, random.pick(SCORING_MODELS) ?? "rice");
  };

  /** Session, timer, decision and conflict operations, as a facilitator and the people in the room do them. */
  const editSession = (
    doc: Y.Doc,
    board: ReturnType<typeof readBoard>,
    card: string | undefined,
    user: string,
  ) => {
    const session = readSession(doc);
    const clock = 1_000_000 + random.int(100_000);
    const roll = random.next();
    const decision = random.pick(readDecisions(doc));
    const conflict = random.pick(readConflicts(doc));
    if (!session.active || roll < 0.06) {
      startSession(doc, { facilitator: { id: user, name: user }, at: clock });
    } else if (roll < 0.2) {
      const step = random.next();
      if (step < 0.4) nextPhase(doc);
      else if (step < 0.6) previousPhase(doc);
      else setPhase(doc, random.int(session.phases.length));
    } else if (roll < 0.4) {
      const step = random.next();
      if (!session.timer || step < 0.25)
        startTimer(doc, { durationMs: 1_000 * (1 + random.int(600)), now: clock });
      else if (step < 0.5) pauseTimer(doc, clock);
      else if (step < 0.75) resumeTimer(doc, clock);
      else addTime(doc, random.pick([-30_000, 30_000, 60_000]) ?? 30_000);
    } else if (roll < 0.5) {
      spotlightCard(doc, random.next() < 0.2 ? null : (card ?? null));
    } else if (roll < 0.58 && session.facilitator) {
      setFacilitatorView(doc, {
        by: session.facilitator.id,
        view: random.pick(["board", "roadmap", "priorities"] as const) ?? "board",
        anchorCardId: card ?? null,
      });
    } else if (roll < 0.62) {
      handOver(doc, { id: `user-${random.int(3)}`, name: "Next" });
    } else if (roll < 0.64) {
      endSession(doc);
    } else if (roll < 0.78 || !decision) {
      recordDecision(doc, {
        title: `Decision ${random.int(100)}`,
        decidedBy: user,
        alternatives: ["A", "B"].slice(0, random.int(3)),
        rationale: `Because ${random.int(10)}`,
        cardIds: card ? [card] : [],
        kind: random.pick(["priority", "vote", "other"] as const) ?? "other",
      });
    } else if (roll < 0.86) {
      amendDecision(doc, decision.id, { rationale: `Amended ${random.int(10)}`, by: decision.decidedBy });
    } else if (conflict) {
      settleConflict(doc, conflict.cardId, conflict.id, {
        keep: random.int(2),
        decidedBy: user,
        rationale: "Settled",
      });
    } else if (card) {
      const lane = random.pick(board.lanes);
      if (lane) moveCard(doc, { cardId: card, laneId: lane.id, index: 0, by: user });
    }
  };

  const edit = (peer: Peer) => {
    try {
      editOnce(peer);
    } catch (error) {
      // A random edit may be refused (say, renaming a team to a name that exists); refusals change nothing.
      if (!(error instanceof BoardInputError)) throw error;
    }
  };

  const editOnce = (peer: Peer) => {
    const { doc } = peer;
    const board = readBoard(doc);
    const lanes = board.lanes;
    const live = lanes.flatMap((lane) => lane.cardIds);
    const lane = random.pick(lanes);
    const card = random.pick(live);
    if (random.next() < 0.15) {
      editSession(doc, board, card, peer.user);
      return;
    }
    if (card && random.next() < 0.4) {
      editPlanning(doc, board, card);
      return;
    }
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
      moveCard(doc, {
        cardId: card,
        laneId: lane.id,
        index: random.int(lane.cardIds.length + 1),
        by: peer.user,
      });
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
      moveCard(doc, { cardId: card, laneId: lane.id, index: 0, by: peer.user });
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
  it.each(seeds)(
    "seed %i: every peer ends identical (board, planning data, comments, session, decisions, conflicts), every card once",
    (seed) => {
      const peers = simulate(seed);
      const [first, ...rest] = peers.map((peer) => readBoard(peer.doc));
      const reference = first as ReturnType<typeof readBoard>;
      for (const board of rest) expect(board).toEqual(reference);
      const vectors = peers.map((peer) =>
        Array.from(Y.decodeStateVector(Y.encodeStateVector(peer.doc))).sort(),
      );
      for (const vector of vectors) expect(vector).toEqual(vectors[0]);
      const threads = new Set(peers.flatMap((peer) => [...peer.doc.getMap("comments").keys()]));
      for (const cardId of threads) {
        const [firstThread, ...otherThreads] = peers.map((peer) => readComments(peer.doc, cardId));
        for (const thread of otherThreads) expect(thread).toEqual(firstThread);
      }
      const [session, ...sessions] = peers.map((peer) => readSession(peer.doc));
      for (const other of sessions) expect(other).toEqual(session);
      const [decisions, ...decisionLogs] = peers.map((peer) => readDecisions(peer.doc));
      for (const other of decisionLogs) expect(other).toEqual(decisions);
      const [conflicts, ...conflictLists] = peers.map((peer) => readConflicts(peer.doc));
      for (const other of conflictLists) expect(other).toEqual(conflicts);

      const placed = reference.lanes.flatMap((lane) => lane.cardIds);
      expect(new Set(placed).size).toBe(placed.length);
      const liveCards = [...reference.cards.values()].filter((card) => !card.archived).map((card) => card.id);
      const unplaced = reference.unplaced.map((card) => card.id);
      expect(new Set([...placed, ...unplaced])).toEqual(new Set(liveCards));
      expect(placed.length + unplaced.length).toBe(liveCards.length);
      if (reference.lanes.length > 0) expect(unplaced).toEqual([]);
    },
  );
});
