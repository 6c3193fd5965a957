import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CloseCode, MessageType, SyncType } from "../protocol";
import { type DocStore, MemoryDocStore, type StoredDoc } from "../store";
import type { Principal, RoomPeer } from "./Room";
import { RoomManager } from "./RoomManager";

const logger = pino({ level: "silent" });
const editor: Principal = { userId: "u", name: "U", canWrite: true, role: "editor" };

/** A MemoryDocStore whose calls can be slowed down, held, made to fail and watched. */
class ControlledStore implements DocStore {
  readonly inner = new MemoryDocStore();
  readonly log: string[] = [];
  loads = 0;
  loadDelayMs = 0;
  loadError: Error | null = null;
  failAppends = 0;
  /** While set, appends wait for it. */
  appendGate: Promise<void> | null = null;

  async load(boardId: string): Promise<StoredDoc> {
    this.loads++;
    if (this.loadDelayMs) await sleep(this.loadDelayMs);
    if (this.loadError) throw this.loadError;
    return this.inner.load(boardId);
  }
  async append(boardId: string, update: Uint8Array): Promise<number> {
    this.log.push("append:start");
    if (this.appendGate) await this.appendGate;
    if (this.failAppends > 0) {
      this.failAppends--;
      this.log.push("append:failed");
      throw new Error("disk on fire");
    }
    const seq = await this.inner.append(boardId, update);
    this.log.push("append:stored");
    return seq;
  }
  async compact(boardId: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    this.log.push("compact");
    return this.inner.compact(boardId, snapshot, uptoSeq);
  }
  remove(boardId: string): Promise<void> {
    return this.inner.remove(boardId);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function gate(): { promise: Promise<void>; open(): void } {
  let open = (): void => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

async function until(predicate: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 3_000;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
}

/** A peer that records what it is sent (and, optionally, into a shared event log). */
function peer(
  id: string,
  log?: string[],
  principal: Principal = editor,
): RoomPeer & { frames: Uint8Array[] } {
  const frames: Uint8Array[] = [];
  return {
    id,
    principal,
    frames,
    send(frame) {
      frames.push(frame);
      log?.push(`send:${id}:${frame[0]}.${frame[1]}`);
    },
  };
}

function isUpdateFrame(frame: Uint8Array): boolean {
  return frame[0] === MessageType.sync && frame[1] === SyncType.update;
}

/** An update setting `key` in map `m`, from a fresh client. */
function setUpdate(key: string, value: unknown): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap("m").set(key, value);
  return Y.encodeStateAsUpdate(doc);
}

async function storedDoc(store: DocStore, boardId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const update of (await store.load(boardId)).updates) Y.applyUpdate(doc, update);
  return doc;
}

const managers: RoomManager[] = [];
function manager(store: DocStore, overrides: Partial<ConstructorParameters<typeof RoomManager>[0]> = {}) {
  const created = new RoomManager({
    store,
    logger,
    maxDocBytes: 1024 * 1024,
    compactAfterUpdates: 1000,
    roomIdleMs: 20,
    retry: { initialMs: 5, maxMs: 20 },
    ...overrides,
  });
  managers.push(created);
  return created;
}

afterEach(async () => {
  for (const m of managers.splice(0)) await m.closeAll(500);
});

describe("RoomManager and Room", () => {
  it("loads a room once when 50 sockets arrive together on a slow store", async () => {
    const store = new ControlledStore();
    await store.inner.append("b", setUpdate("seed", 1));
    store.loadDelayMs = 30;
    const rooms = manager(store);
    const loaded = await Promise.all(Array.from({ length: 50 }, () => rooms.acquire("b")));
    expect(store.loads).toBe(1);
    expect(new Set(loaded).size).toBe(1);
    expect(loaded[0]?.doc.getMap("m").get("seed")).toBe(1);
  });

  it("sends nothing before the stored state is loaded, then step 1 carrying the stored state", async () => {
    const store = new ControlledStore();
    await store.inner.append("b", setUpdate("seed", 1));
    store.loadDelayMs = 20;
    const rooms = manager(store);
    const p = peer("p");
    const pending = rooms.acquire("b");
    await sleep(5);
    expect(p.frames).toHaveLength(0);
    const room = await pending;
    room.join(p);
    expect(p.frames[0]?.[1]).toBe(SyncType.step1);
    expect(Y.decodeStateVector((p.frames[0] as Uint8Array).subarray(3)).size).toBe(1);
  });

  it("a failed load rejects every waiter, creates no room and writes nothing", async () => {
    const store = new ControlledStore();
    store.loadDelayMs = 10;
    store.loadError = new Error("corrupt");
    const rooms = manager(store);
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => rooms.acquire("b")));
    expect(results.every((r) => r.status === "rejected")).toBe(true);
    expect(store.loads).toBe(1);
    expect(rooms.size).toBe(0);
    expect(store.log).toEqual([]);
    store.loadError = null;
    const room = await rooms.acquire("b");
    expect(room.doc.getMap("m").size).toBe(0);
    expect(store.loads).toBe(2);
  });

  it("stores before it broadcasts, one merged append and one frame per turn", async () => {
    const store = new ControlledStore();
    const rooms = manager(store);
    const room = await rooms.acquire("b");
    const a = peer("a", store.log);
    const b = peer("b", store.log);
    room.join(a);
    room.join(b);
    store.log.length = 0;
    await Promise.all([room.receiveUpdate(a, setUpdate("x", 1)), room.receiveUpdate(a, setUpdate("y", 2))]);
    await room.flush();
    expect(store.log).toEqual(["append:start", "append:stored", "send:a:0.2", "send:b:0.2"]);
    const stored = await storedDoc(store, "b");
    expect(stored.getMap("m").toJSON()).toEqual({ x: 1, y: 2 });
    expect(b.frames.filter(isUpdateFrame)).toHaveLength(1);
  });

  it("a store failure keeps the updates, retries with backoff, and broadcasts only once stored", async () => {
    const store = new ControlledStore();
    const rooms = manager(store);
    const room = await rooms.acquire("b");
    const a = peer("a");
    room.join(a);
    store.failAppends = 2;
    expect(await room.receiveUpdate(a, setUpdate("x", 1))).toEqual({ ok: true });
    await until(() => store.log.includes("append:failed"), "first failure");
    expect(a.frames.filter(isUpdateFrame)).toHaveLength(0);
    await room.flush();
    expect(store.log.filter((e) => e === "append:failed")).toHaveLength(2);
    expect(a.frames.filter(isUpdateFrame)).toHaveLength(1);
    expect((await storedDoc(store, "b")).getMap("m").get("x")).toBe(1);
  });

  it("answers a sync step 1 only once what it would reveal is stored", async () => {
    const store = new ControlledStore();
    const rooms = manager(store);
    const room = await rooms.acquire("b");
    const writer = peer("w");
    const joiner = peer("j", store.log);
    room.join(writer);
    room.join(joiner);
    const held = gate();
    store.appendGate = held.promise;
    await room.receiveUpdate(writer, setUpdate("x", 1));
    await until(() => store.log.includes("append:start"), "append");
    store.log.length = 0;
    const replied = room.replyToStep1(joiner, new Uint8Array([0]));
    await sleep(10);
    expect(store.log).toEqual([]);
    store.appendGate = null;
    held.open();
    await replied;
    expect(store.log[0]).toBe("append:stored");
    const step2 = joiner.frames.find((f) => f[1] === SyncType.step2) as Uint8Array;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, step2.subarray(2 + ((step2[2] as number) >= 128 ? 2 : 1)));
    expect(doc.getMap("m").get("x")).toBe(1);
  });

  it("caches the full-state reply of a large document per document version", async () => {
    const store = new ControlledStore();
    const room = await manager(store).acquire("b");
    const a = peer("a");
    const b = peer("b");
    room.join(a);
    room.join(b);
    await room.receiveUpdate(a, setUpdate("big", "x".repeat(70_000)));
    await room.replyToStep1(a, new Uint8Array([0]));
    await room.replyToStep1(b, new Uint8Array([0]));
    expect(a.frames.at(-1)).toBe(b.frames.at(-1));
    await room.receiveUpdate(a, setUpdate("x", 1));
    await room.replyToStep1(b, new Uint8Array([0]));
    expect(b.frames.at(-1)).not.toBe(a.frames.at(-1));
  });

  it("encodes a small document's full state for each joiner rather than keeping a copy", async () => {
    const room = await manager(new ControlledStore()).acquire("b");
    const [a, b] = [peer("a"), peer("b")];
    room.join(a);
    room.join(b);
    await room.receiveUpdate(a, setUpdate("k", "v"));
    await room.replyToStep1(a, new Uint8Array([0]));
    await room.replyToStep1(b, new Uint8Array([0]));
    expect(b.frames.at(-1)).toEqual(a.frames.at(-1));
    expect(b.frames.at(-1)).not.toBe(a.frames.at(-1));
  });

  it("refuses a gapped update and an oversized one without applying or storing them", async () => {
    const store = new ControlledStore();
    const room = await manager(store, { maxDocBytes: 2_000 }).acquire("b");
    const a = peer("a");
    room.join(a);
    const author = new Y.Doc();
    const updates: Uint8Array[] = [];
    author.on("update", (u: Uint8Array) => updates.push(u));
    author.getMap("m").set("a", 1);
    author.getMap("m").set("b", 2);
    const gapped = await room.receiveUpdate(a, updates[1] as Uint8Array);
    expect(gapped).toMatchObject({
      ok: false,
      code: CloseCode.malformed,
      reason: "update has missing dependencies",
    });
    const big = await room.receiveUpdate(a, setUpdate("big", "x".repeat(5_000)));
    expect(big).toMatchObject({ ok: false, code: CloseCode.documentTooLarge });
    await room.flush();
    expect(room.doc.getMap("m").size).toBe(0);
    expect(store.log).toEqual([]);
    expect(room.doc.store.pendingStructs).toBeNull();
  });

  it("does not unload while a write is in flight, then unloads to nothing", async () => {
    const store = new ControlledStore();
    const rooms = manager(store);
    const room = await rooms.acquire("b");
    const a = peer("a");
    room.join(a);
    const held = gate();
    store.appendGate = held.promise;
    await room.receiveUpdate(a, setUpdate("x", 1));
    await until(() => store.log.includes("append:start"), "append");
    room.leave(a);
    rooms.release("b");
    await sleep(60); // three idle periods
    expect(rooms.peek("b")).toBe(room);
    store.appendGate = null;
    held.open();
    await until(() => rooms.size === 0, "unload");
    expect((await storedDoc(store, "b")).getMap("m").get("x")).toBe(1);
    expect(() => room.join(a)).toThrow("unloaded");
  });

  it("a socket joining during unload keeps the same room; one joining after gets a fresh load", async () => {
    const store = new ControlledStore();
    const rooms = manager(store);
    const room = await rooms.acquire("b");
    const a = peer("a");
    room.join(a);
    const held = gate();
    store.appendGate = held.promise;
    await room.receiveUpdate(a, setUpdate("x", 1));
    room.leave(a);
    rooms.release("b");
    await sleep(40); // the unload is now waiting for the write
    const again = await rooms.acquire("b");
    store.appendGate = null;
    held.open();
    await room.flush();
    await sleep(10);
    expect(again).toBe(room);
    expect(rooms.peek("b")).toBe(room);
    rooms.release("b");
    await until(() => rooms.size === 0, "unload");
    const fresh = await rooms.acquire("b");
    expect(fresh).not.toBe(room);
    expect(fresh.doc.getMap("m").get("x")).toBe(1);
    expect(store.loads).toBe(2);
  });

  it("compacts after N appends through the loaded document, keeping content and dropping history", async () => {
    const store = new ControlledStore();
    const rooms = manager(store, { compactAfterUpdates: 3 });
    const room = await rooms.acquire("b");
    const a = peer("a");
    room.join(a);
    const author = new Y.Doc();
    const updates: Uint8Array[] = [];
    author.on("update", (u: Uint8Array) => updates.push(u));
    const text = author.getText("t");
    for (let i = 0; i < 5; i++) {
      text.insert(text.length, "x".repeat(200));
      text.delete(0, 100);
      for (const u of updates.splice(0)) await room.receiveUpdate(a, u);
      await room.flush();
    }
    expect(store.log.filter((e) => e === "compact").length).toBeGreaterThanOrEqual(1);
    const stored = await store.load("b");
    expect(stored.updates.length).toBeLessThan(5);
    expect((await storedDoc(store, "b")).getText("t").toString()).toBe(text.toString());
    expect(stored.byteSize).toBeLessThan(1_000);
  });

  it("loads a long history as one document and folds it into a snapshot, so the next load is one update", async () => {
    const store = new ControlledStore();
    const author = new Y.Doc();
    const history: Uint8Array[] = [];
    author.on("update", (u: Uint8Array) => history.push(u));
    const cards = author.getMap("cards");
    for (let i = 0; i < 80; i++) cards.set(`c${i}`, i);
    for (let i = 0; i < 40; i++) cards.delete(`c${i}`);
    for (const update of history) await store.inner.append("b", update);
    const rooms = manager(store);
    const room = await rooms.acquire("b");
    expect(room.doc.getMap("cards").toJSON()).toEqual(cards.toJSON());
    await room.flush();
    expect(store.log).toEqual(["compact"]);
    const stored = await store.load("b");
    expect(stored.updates).toHaveLength(1);
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, stored.updates[0] as Uint8Array);
    expect(reloaded.getMap("cards").toJSON()).toEqual(cards.toJSON());
  });

  it("relays awareness to the others and removes a leaving socket's states", async () => {
    const store = new ControlledStore();
    const room = await manager(store).acquire("b");
    const a = peer("a");
    const b = peer("b");
    room.join(a);
    room.join(b);
    const { Awareness, encodeAwarenessUpdate } = await import("y-protocols/awareness");
    const local = new Awareness(new Y.Doc());
    local.setLocalState({ user: { name: "Ada" } });
    room.receiveAwareness(a, encodeAwarenessUpdate(local, [local.clientID]));
    expect(b.frames.at(-1)?.[0]).toBe(MessageType.awareness);
    expect(a.frames.some((f) => f[0] === MessageType.awareness)).toBe(false);
    expect(room.awareness.getStates().get(local.clientID)).toEqual({
      user: { id: "u", name: "U", color: expect.stringMatching(/^#[0-9a-f]{6}$/) },
    });
    room.leave(a);
    expect(room.awareness.getStates().has(local.clientID)).toBe(false);
    expect(b.frames.filter((f) => f[0] === MessageType.awareness)).toHaveLength(2);
    expect(() => room.receiveAwareness(b, new Uint8Array([1, 5]))).toThrow();
    local.destroy();
  });

  it("stamps presence with the socket's real user, keeping the client's colour and activity", async () => {
    const room = await manager(new ControlledStore()).acquire("b");
    const mallory = peer("m", undefined, {
      userId: "u-mallory",
      name: "Mallory",
      canWrite: true,
      role: "editor",
    });
    const watcher = peer("w");
    room.join(mallory);
    room.join(watcher);
    const { Awareness, encodeAwarenessUpdate } = await import("y-protocols/awareness");
    const local = new Awareness(new Y.Doc());
    const activity = { kind: "editing", cardId: "c1" };
    local.setLocalState({ user: { id: "u-ceo", name: "The CEO", color: "#123abc" }, activity });
    expect(room.receiveAwareness(mallory, encodeAwarenessUpdate(local, [local.clientID]))).toBe(true);
    expect(room.awareness.getStates().get(local.clientID)).toEqual({
      user: { id: "u-mallory", name: "Mallory", color: "#123abc" },
      activity,
    });
    local.setLocalState(42 as unknown as Record<string, unknown>);
    room.receiveAwareness(mallory, encodeAwarenessUpdate(local, [local.clientID]));
    expect(room.awareness.getStates().get(local.clientID)).toMatchObject({ user: { id: "u-mallory" } });
    local.destroy();
  });

  it("refuses awareness for a client id another person's socket owns; the same person's new socket takes it over", async () => {
    const room = await manager(new ControlledStore()).acquire("b");
    const ada = peer("a1", undefined, { userId: "u-ada", name: "Ada", canWrite: true, role: "editor" });
    const adaAgain = peer("a2", undefined, { userId: "u-ada", name: "Ada", canWrite: true, role: "editor" });
    const bob = peer("b1", undefined, { userId: "u-bob", name: "Bob", canWrite: true, role: "viewer" });
    for (const p of [ada, adaAgain, bob]) room.join(p);
    const { Awareness, encodeAwarenessUpdate } = await import("y-protocols/awareness");
    const local = new Awareness(new Y.Doc());
    local.setLocalState({ user: { color: "#000000" } });
    expect(room.receiveAwareness(ada, encodeAwarenessUpdate(local, [local.clientID]))).toBe(true);
    local.setLocalState(null);
    expect(room.receiveAwareness(bob, encodeAwarenessUpdate(local, [local.clientID]))).toBe(false);
    expect(room.awareness.getStates().get(local.clientID)).toMatchObject({ user: { id: "u-ada" } });
    // The stock client echoes what it hears: the same clock from someone else changes nothing and is not an attack.
    const echo = encodeAwarenessUpdate(room.awareness, [local.clientID]);
    expect(room.receiveAwareness(bob, echo)).toBe(true);
    expect(room.awareness.getStates().get(local.clientID)).toMatchObject({ user: { id: "u-ada" } });
    local.setLocalState({ user: { color: "#000000" } });
    expect(room.receiveAwareness(adaAgain, encodeAwarenessUpdate(local, [local.clientID]))).toBe(true);
    room.leave(ada);
    expect(room.awareness.getStates().get(local.clientID)).toMatchObject({ user: { id: "u-ada" } });
    room.leave(adaAgain);
    expect(room.awareness.getStates().has(local.clientID)).toBe(false);
    local.destroy();
  });

  it("sweeps out presence nobody renewed for 30 s, telling the others, and frees an unused full-state frame", async () => {
    const room = await manager(new ControlledStore()).acquire("b");
    await room.receiveUpdate(peer("w"), setUpdate("k", "v".repeat(70_000)));
    await room.flush();
    const [first, second, late, watcher] = [peer("1"), peer("2"), peer("3"), peer("w2")];
    const emptyVector = Y.encodeStateVector(new Y.Doc());
    for (const p of [first, second, watcher]) room.join(p);
    await room.replyToStep1(first, emptyVector);
    await room.replyToStep1(second, emptyVector);
    const fullState = first.frames.at(-1);
    // A join storm shares one encoding of the whole document.
    expect(second.frames.at(-1)).toBe(fullState);

    const { Awareness, encodeAwarenessUpdate } = await import("y-protocols/awareness");
    const local = new Awareness(new Y.Doc());
    local.setLocalState({ user: { name: "Ada" } });
    room.receiveAwareness(first, encodeAwarenessUpdate(local, [local.clientID]));
    const heardBefore = watcher.frames.filter((f) => f[0] === MessageType.awareness).length;
    room.sweep(Date.now() + 29_000);
    expect(room.awareness.getStates().has(local.clientID)).toBe(true);
    room.sweep(Date.now() + 30_000);
    expect(room.awareness.getStates().has(local.clientID)).toBe(false);
    expect(watcher.frames.filter((f) => f[0] === MessageType.awareness)).toHaveLength(heardBefore + 1);

    room.join(late);
    await room.replyToStep1(late, emptyVector);
    expect(late.frames.at(-1)).not.toBe(fullState);
    expect(late.frames.at(-1)).toEqual(fullState);
    local.destroy();
  });
});
