import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FanoutBus, FanoutMessage } from "./FanoutBus";

/** Buses under test (each one "instance") and how to dispose of them. */
export interface FanoutBusFixture {
  buses: FanoutBus[];
  cleanup(): Promise<void>;
}

/** Collects what a listener receives and waits for it. */
function inbox(): {
  messages: FanoutMessage[];
  listener: (m: FanoutMessage) => void;
  next(n?: number): Promise<void>;
} {
  const messages: FanoutMessage[] = [];
  return {
    messages,
    listener: (message) => messages.push(message),
    next: async (n = 1) => {
      const deadline = Date.now() + 5_000;
      while (messages.length < n) {
        if (Date.now() > deadline) throw new Error(`expected ${n} messages, got ${messages.length}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
  };
}

/** Long enough for a message that would arrive to have arrived. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

/** The acceptance suite every FanoutBus implementation passes, with three instances. */
export function runFanoutBusContract(
  name: string,
  makeBuses: (count: number) => Promise<FanoutBusFixture>,
): void {
  describe(`FanoutBus contract: ${name}`, () => {
    let fixture: FanoutBusFixture;
    let a: FanoutBus;
    let b: FanoutBus;
    let c: FanoutBus;

    beforeEach(async () => {
      fixture = await makeBuses(3);
      [a, b, c] = fixture.buses as [FanoutBus, FanoutBus, FanoutBus];
    });

    afterEach(async () => {
      await fixture.cleanup();
    });

    it("gives every instance its own id", () => {
      expect(new Set([a.instanceId, b.instanceId, c.instanceId]).size).toBe(3);
    });

    it("delivers each kind of message, bytes intact, to every other subscribed instance and never back to the sender", async () => {
      const atA = inbox();
      const atB = inbox();
      const atC = inbox();
      await a.subscribe("board-1", atA.listener);
      await b.subscribe("board-1", atB.listener);
      await c.subscribe("board-1", atC.listener);
      const update = new Uint8Array([0, 1, 2, 255, 128, 7]);

      await a.publish("board-1", { type: "update", update });
      await a.publish("board-1", { type: "awareness", update: new Uint8Array([9, 9]) });
      await a.publish("board-1", { type: "state", snapshot: new Uint8Array([]) });

      await atB.next(3);
      await atC.next(3);
      expect(atB.messages).toEqual([
        { type: "update", from: a.instanceId, update },
        { type: "awareness", from: a.instanceId, update: new Uint8Array([9, 9]) },
        { type: "state", from: a.instanceId, snapshot: new Uint8Array([]) },
      ]);
      expect(atC.messages).toEqual(atB.messages);
      await settle();
      expect(atA.messages).toEqual([]);
    });

    it("keeps one publisher's messages in order", async () => {
      const atB = inbox();
      await b.subscribe("ordered", atB.listener);
      for (let i = 0; i < 50; i++)
        await a.publish("ordered", { type: "update", update: new Uint8Array([i]) });
      await atB.next(50);
      expect(atB.messages.map((m) => (m.type === "update" ? m.update[0] : -1))).toEqual(
        Array.from({ length: 50 }, (_value, i) => i),
      );
    });

    it("keeps boards apart", async () => {
      const one = inbox();
      const two = inbox();
      await b.subscribe("board-1", one.listener);
      await b.subscribe("board-2", two.listener);

      await a.publish("board-2", { type: "update", update: new Uint8Array([2]) });
      await two.next();
      await settle();
      expect(one.messages).toEqual([]);
    });

    it("stops delivering after unsubscribe, to that listener only", async () => {
      const first = inbox();
      const second = inbox();
      const subscription = await b.subscribe("board-1", first.listener);
      await b.subscribe("board-1", second.listener);
      await subscription.unsubscribe();

      await a.publish("board-1", { type: "update", update: new Uint8Array([1]) });
      await second.next();
      await settle();
      expect(first.messages).toEqual([]);
    });

    it("delivers socket events to every other instance, whatever the board", async () => {
      const atA: string[] = [];
      const atB: Array<{ type: string; from: string }> = [];
      await a.subscribeSockets((event) => atA.push(event.type));
      await b.subscribeSockets((event, from) => atB.push({ type: event.type, from }));
      await a.publishSockets({ type: "close-session", key: "k1", code: 4401, reason: "signed out" });
      await a.publishSockets({ type: "set-role", boardId: "board-9", userId: "u1", role: "viewer" });

      const deadline = Date.now() + 5_000;
      while (atB.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(atB).toEqual([
        { type: "close-session", from: a.instanceId },
        { type: "set-role", from: a.instanceId },
      ]);
      await settle();
      expect(atA).toEqual([]);
    });

    it("refuses to publish once closed", async () => {
      await a.close();
      await expect(a.publish("board-1", { type: "update", update: new Uint8Array([1]) })).rejects.toThrow();
    });
  });
}
