import { join } from "node:path";
import * as encoding from "lib0/encoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CloseCode, encodeAwareness, encodeSyncUpdate } from "./protocol";
import type { RunningServer } from "./server";
import { openSqlite, SqliteDocStore } from "./store";
import {
  connectClient,
  createBoard,
  type RawSocket,
  rawSocket,
  signUp,
  startTestServer,
  type TestClient,
  type TestUser,
  tempDataDir,
  waitFor,
} from "./testServer";

const MAX_BUFFERED = 256 * 1024;
const data = tempDataDir();
let server: RunningServer;
let boardId: string;
let writer: TestClient;
let reader: TestClient;
let written = 0;
let owner: TestUser;

beforeAll(async () => {
  server = await startTestServer(data.dir, {
    MESSAGES_PER_SECOND: "50",
    MAX_BUFFERED_BYTES: String(MAX_BUFFERED),
  });
  owner = await signUp(server.url, "Limits owner");
  boardId = await createBoard(server.url, owner, "Limits");
  writer = connectClient(server.url, boardId, owner);
  reader = connectClient(server.url, boardId, owner);
  await Promise.all([writer.synced, reader.synced]);
});

afterAll(async () => {
  writer?.destroy();
  reader?.destroy();
  await server?.close();
  data.remove();
});

/** The honest clients still sync: a write by one reaches the other. */
async function honestClientsStillSync(): Promise<void> {
  const key = `honest-${++written}`;
  writer.doc.getMap("cards").set(key, written);
  await waitFor(() => reader.doc.getMap("cards").get(key) === written, 5_000, "honest sync");
}

async function opened(boardId: string): Promise<RawSocket> {
  const socket = rawSocket(server.url, boardId, owner);
  await socket.ready;
  return socket;
}

/** An update from a client that skipped its own first update: it depends on something nobody has. */
function gappedUpdate(): Uint8Array {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  doc.getMap("cards").set("evil-1", 1);
  doc.getMap("cards").set("evil-2", 2);
  return updates[1] as Uint8Array;
}

function frameWith(...parts: Array<number | Uint8Array>): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const part of parts) {
    if (typeof part === "number") encoding.writeVarUint(encoder, part);
    else encoding.writeVarUint8Array(encoder, part);
  }
  return encoding.toUint8Array(encoder);
}

describe("malformed frames close only the sender", () => {
  it.each<[string, () => Uint8Array | string, string]>([
    ["a truncated varint", () => new Uint8Array([0x80]), "truncated or invalid message type"],
    ["an unknown message type", () => new Uint8Array([42]), "unknown message type 42"],
    ["a bad sync sub-type", () => frameWith(0, 9, new Uint8Array([0, 0])), "unknown sync message type 9"],
    [
      "trailing garbage",
      () => new Uint8Array([...encodeSyncUpdate(new Uint8Array([0, 0])), 7, 7]),
      "trailing bytes",
    ],
    [
      "garbage update bytes",
      () => encodeSyncUpdate(new Uint8Array([5, 200, 3, 9, 9, 1, 250, 17])),
      "undecodable update",
    ],
    ["a gapped update", () => encodeSyncUpdate(gappedUpdate()), "update has missing dependencies"],
    [
      "a bad awareness update",
      () => encodeAwareness(new Uint8Array([1, 7, 1, 3, 123, 123, 123])),
      "awareness state is not JSON",
    ],
    ["a text frame", () => "hello", "only binary frames are accepted"],
  ])("%s", async (_name, frame, reason) => {
    const socket = await opened(boardId);
    socket.ws.send(frame());
    const closed = await socket.closed;
    expect(closed.code).toBe(CloseCode.malformed);
    expect(closed.reason).toContain(reason);
    await honestClientsStillSync();
  });

  it("a 40 MiB frame is refused with 1009 and the server stays up", async () => {
    const socket = await opened(boardId);
    socket.ws.send(new Uint8Array(40 * 1024 * 1024));
    expect((await socket.closed).code).toBe(CloseCode.messageTooBig);
    await honestClientsStillSync();
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it("a flooding socket is closed with 4429", async () => {
    const socket = await opened(boardId);
    for (let i = 0; i < 500; i++) socket.ws.send(new Uint8Array([3]));
    const closed = await socket.closed;
    expect(closed.code).toBe(CloseCode.tooManyMessages);
    await honestClientsStillSync();
  });

  it("nothing a refused socket sent reached the stored document", async () => {
    await honestClientsStillSync();
    const db = openSqlite(join(data.dir, "converge.db"));
    try {
      const stored = await new SqliteDocStore(db).load(boardId);
      const doc = new Y.Doc();
      for (const update of stored.updates) Y.applyUpdate(doc, update);
      expect(doc.store.pendingStructs).toBeNull();
      expect(doc.getMap("cards").toJSON()).toEqual(writer.doc.getMap("cards").toJSON());
      expect([...doc.getMap("cards").keys()].every((key) => key.startsWith("honest-"))).toBe(true);
    } finally {
      db.close();
    }
  });
});

describe("slow consumers", () => {
  it("a stalled reader is cut off once its outgoing buffer passes the limit", async () => {
    const socket = await opened(boardId);
    const before = server.stats().connections;
    (socket.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const chunk = "x".repeat(256 * 1024);
    for (let i = 0; i < 80 && server.stats().connections === before; i++) {
      writer.doc.getMap("bulk").set(`k${i}`, chunk);
      await waitFor(() => reader.doc.getMap("bulk").has(`k${i}`), 5_000, "bulk write");
    }
    await waitFor(() => server.stats().connections === before - 1, 5_000, "slow consumer cut off");
    (socket.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    await socket.closed;
    await honestClientsStillSync();
  });
});

describe("keep-alive", () => {
  it("terminates a socket that stops answering pings", async () => {
    const dir = tempDataDir();
    const pinging = await startTestServer(dir.dir, { PING_INTERVAL_MS: "50" });
    try {
      const pinger = await signUp(pinging.url, "Pinger");
      const id = await createBoard(pinging.url, pinger, "Pings");
      const silent = rawSocket(pinging.url, id, pinger, { autoPong: false });
      const answering = rawSocket(pinging.url, id, pinger);
      await Promise.all([silent.ready, answering.ready]);
      await silent.closed;
      expect(pinging.stats().connections).toBe(1);
      answering.ws.close();
      await answering.closed;
    } finally {
      await pinging.close();
      dir.remove();
    }
  });
});
