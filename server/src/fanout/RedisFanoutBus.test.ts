import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { createLogger } from "../logger";
import { runFanoutBusContract } from "./fanoutBusContract";
import { RedisFanoutBus } from "./RedisFanoutBus";
import { TEST_REDIS_URL, testRedisPrefix } from "./testRedis";

const logger = createLogger({ logLevel: "silent" });

function buses(count: number, prefix = testRedisPrefix()): RedisFanoutBus[] {
  return Array.from({ length: count }, () => new RedisFanoutBus({ url: TEST_REDIS_URL, prefix, logger }));
}

runFanoutBusContract("RedisFanoutBus (a fresh channel prefix)", async (count) => {
  const created = buses(count);
  return {
    buses: created,
    cleanup: async () => Promise.all(created.map((bus) => bus.close())).then(() => undefined),
  };
});

describe("RedisFanoutBus", () => {
  it("reports a reconnect after its subscriber connection was killed, and still receives afterwards", async () => {
    const prefix = testRedisPrefix();
    const [a, b] = buses(2, prefix) as [RedisFanoutBus, RedisFanoutBus];
    const admin = new Redis(TEST_REDIS_URL);
    try {
      const received: number[] = [];
      await b.subscribe("board", (message) => {
        if (message.type === "update") received.push(message.update[0] ?? -1);
      });
      let reconnects = 0;
      b.onReconnect(() => reconnects++);

      // Kill exactly b's subscriber connection (by its name), never anyone else's on this Redis.
      const name = `${prefix}:${b.instanceId}:sub`;
      const line = String(await admin.call("CLIENT", "LIST"))
        .split("\n")
        .find((entry) => entry.includes(` name=${name} `));
      const id = /\bid=(\d+)/.exec(line ?? "")?.[1];
      expect(id).toBeDefined();
      await admin.call("CLIENT", "KILL", "ID", id as string);
      const deadline = Date.now() + 5_000;
      while (reconnects === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(reconnects).toBe(1);
      while (!received.includes(7) && Date.now() < deadline) {
        await a.publish("board", { type: "update", update: new Uint8Array([7]) });
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(received).toContain(7);
    } finally {
      admin.disconnect();
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("drops an undecodable message on its channel and keeps listening", async () => {
    const prefix = testRedisPrefix();
    const [a, b] = buses(2, prefix) as [RedisFanoutBus, RedisFanoutBus];
    const raw = new Redis(TEST_REDIS_URL);
    try {
      const received: string[] = [];
      await b.subscribe("board", (message) => received.push(message.type));
      await raw.publish(`${prefix}:board:board`, Buffer.from([0xff, 0xff, 0xff]));
      await a.publish("board", { type: "state", snapshot: new Uint8Array([0, 0]) });
      const deadline = Date.now() + 5_000;
      while (received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      expect(received).toEqual(["state"]);
    } finally {
      raw.disconnect();
      await Promise.all([a.close(), b.close()]);
    }
  });
});
