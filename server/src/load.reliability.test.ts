import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CloseCode, encodeSyncStep1 } from "./protocol";
import { liveBytes } from "./reliability/forceGc";
import { scaled } from "./reliability/soak";
import type { RunningServer } from "./server";
import {
  connectClient,
  createBoard,
  rawSocket,
  signUp,
  startTestServer,
  type TestClient,
  tempDataDir,
  waitFor,
} from "./testServer";

const dirs: Array<{ remove(): void }> = [];
afterAll(() => {
  for (const dir of dirs) dir.remove();
});

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

describe("load and abuse", () => {
  it("a flooding client is closed with 4429 while the others' p99 latency stays under 250 ms", async () => {
    const data = tempDataDir();
    dirs.push(data);
    const server = await startTestServer(data.dir, { MESSAGES_PER_SECOND: "100", MESSAGE_BURST: "50" });
    const clients: TestClient[] = [];
    try {
      const owner = await signUp(server.url, "Flood owner");
      const boardId = await createBoard(server.url, owner, "Flooded");
      const writer = connectClient(server.url, boardId, owner);
      const readers = [0, 1, 2].map(() => connectClient(server.url, boardId, owner));
      clients.push(writer, ...readers);
      await Promise.all(clients.map((c) => c.synced));
      const latencies: number[] = [];
      const sentAt = new Map<string, number>();
      for (const reader of readers) {
        reader.doc.getMap("ping").observe((event) => {
          for (const key of event.keysChanged) {
            if (key !== "warm-up") latencies.push(performance.now() - (sentAt.get(key) ?? 0));
          }
        });
      }
      writer.doc.getMap("ping").set("warm-up", true);
      await waitFor(() => readers.every((r) => r.doc.getMap("ping").has("warm-up")), 15_000, "warm-up");
      const flooder = rawSocket(server.url, boardId, owner);
      await flooder.ready;
      // Full-state requests are the most expensive frame a member can send.
      const costly = encodeSyncStep1(Y.encodeStateVector(new Y.Doc()));
      let flooding = true;
      const flood = (async () => {
        while (flooding && flooder.ws.readyState === flooder.ws.OPEN) {
          for (let i = 0; i < 100; i++) flooder.ws.send(costly);
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      for (let i = 0; i < 40; i++) {
        const key = `p${i}`;
        sentAt.set(key, performance.now());
        writer.doc.getMap("ping").set(key, i);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      await waitFor(() => latencies.length === 40 * readers.length, 30_000, "every ping seen");
      flooding = false;
      await flood;
      expect((await flooder.closed).code).toBe(CloseCode.tooManyMessages);
      const p99 = percentile(latencies, 99);
      console.info(
        `honest latency under a flood: p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`,
      );
      expect(p99).toBeLessThan(250);
    } finally {
      for (const c of clients) c.destroy();
      await server.close();
    }
  }, 90_000);

  it("a stalled reader is cut off (4408) before it holds much more than MAX_BUFFERED_BYTES of server memory", async () => {
    const MAX_BUFFERED = 512 * 1024;
    const data = tempDataDir();
    dirs.push(data);
    const server = await startTestServer(data.dir, { MAX_BUFFERED_BYTES: String(MAX_BUFFERED) });
    const clients: TestClient[] = [];
    try {
      const owner = await signUp(server.url, "Stall owner");
      const boardId = await createBoard(server.url, owner, "Stalled");
      const writer = connectClient(server.url, boardId, owner);
      const reader = connectClient(server.url, boardId, owner);
      clients.push(writer, reader);
      await Promise.all([writer.synced, reader.synced]);
      const stalled = rawSocket(server.url, boardId, owner);
      await stalled.ready;
      (stalled.ws as unknown as { _socket: { pause(): void } })._socket.pause();
      const baseline = liveBytes();
      let peak = 0;
      const chunk = "x".repeat(128 * 1024);
      const before = server.stats().connections;
      for (let i = 0; i < 200 && server.stats().connections === before; i++) {
        writer.doc.getMap("bulk").set(`k${i % 8}`, `${i}${chunk}`);
        await waitFor(
          () => String(reader.doc.getMap("bulk").get(`k${i % 8}`)).startsWith(`${i}x`),
          15_000,
          "bulk",
        );
        if (i % 10 === 0) peak = Math.max(peak, liveBytes() - baseline);
      }
      await waitFor(() => server.stats().connections === before - 1, 15_000, "stalled reader cut off");
      const after = liveBytes() - baseline;
      console.info(
        `stalled reader: peak growth ${(peak / 1048576).toFixed(1)} MiB, after cut-off ${(after / 1048576).toFixed(1)} MiB (limit ${MAX_BUFFERED / 1024} KiB)`,
      );
      // The socket's buffer is capped; the rest is the honest clients' documents (8 keys of 128 KiB, each kept twice).
      expect(peak).toBeLessThan(48 * 1024 * 1024);
      (stalled.ws as unknown as { _socket: { resume(): void } })._socket.resume();
      expect((await stalled.closed).code).not.toBe(1000);
    } finally {
      for (const c of clients) c.destroy();
      await server.close();
    }
  }, 90_000);

  const STORM = scaled(60, 300);
  it(
    `soak: ${STORM} clients reconnect after a restart and all resync`,
    async () => {
      const data = tempDataDir();
      dirs.push(data);
      let server: RunningServer = await startTestServer(data.dir);
      const clients: TestClient[] = [];
      try {
        const owner = await signUp(server.url, "Storm owner");
        const boards = await Promise.all(
          [0, 1, 2, 3, 4, 5].map((i) => createBoard(server.url, owner, `Storm ${i}`)),
        );
        for (let i = 0; i < STORM; i++)
          clients.push(connectClient(server.url, boards[i % boards.length] as string, owner));
        await Promise.all(clients.map((c) => c.synced));
        const port = server.port;
        await server.close();
        await waitFor(() => clients.every((c) => !c.provider.wsconnected), 30_000, "all disconnected");
        server = await startTestServer(data.dir, { PORT: String(port) });
        await waitFor(() => clients.every((c) => c.provider.synced), 120_000, "all resynced");
        // Each board's first client writes; every client of that board sees it.
        boards.forEach((_board, b) => {
          clients[b]?.doc.getMap("cards").set("after-restart", b);
        });
        await waitFor(
          () => clients.every((c, i) => c.doc.getMap("cards").get("after-restart") === i % boards.length),
          120_000,
          "every client sees its board's write",
        );
        expect(server.stats().connections).toBe(STORM);
      } finally {
        for (const c of clients) c.destroy();
        await server.close();
      }
    },
    scaled(180_000, 900_000),
  );

  const CHURN = scaled(30, 400);
  it(
    `soak: connect/disconnect churn over ${CHURN} boards unloads every room and does not grow memory`,
    async () => {
      const data = tempDataDir();
      dirs.push(data);
      const server = await startTestServer(data.dir, { ROOM_IDLE_MS: "20" });
      try {
        const owner = await signUp(server.url, "Churn owner");
        const boards: string[] = [];
        for (let i = 0; i < CHURN; i++) boards.push(await createBoard(server.url, owner, `Churn ${i}`));
        const pass = async (n: number) => {
          for (let i = 0; i < boards.length; i += 10) {
            await Promise.all(
              boards.slice(i, i + 10).map(async (boardId) => {
                const c = connectClient(server.url, boardId, owner);
                await c.synced;
                c.doc.getMap("cards").set(`pass-${n}`, n);
                await waitFor(() => server.stats().rooms > 0, 15_000, "room");
                c.destroy();
              }),
            );
          }
          await waitFor(
            () => server.stats().rooms === 0 && server.stats().connections === 0,
            30_000,
            "rooms unloaded",
          );
        };
        await pass(0);
        const baseline = liveBytes();
        for (let n = 1; n <= 3; n++) await pass(n);
        const growth = liveBytes() - baseline;
        console.info(
          `churn over ${CHURN} boards ×3: live memory growth ${(growth / 1048576).toFixed(2)} MiB, rooms ${server.stats().rooms}`,
        );
        expect(server.stats().rooms).toBe(0);
        expect(growth).toBeLessThan(8 * 1024 * 1024);
      } finally {
        await server.close();
      }
    },
    scaled(120_000, 1_800_000),
  );
});
