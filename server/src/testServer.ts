import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { loadConfig } from "./config";
import { type RunningServer, startServer } from "./server";

/** A temporary DATA_DIR for one test file; `remove()` deletes it. */
export function tempDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "converge-test-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Starts the real server (SQLite in `dataDir`) on a free port with quiet logs and the given env overrides. */
export function startTestServer(dataDir: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent", DATA_DIR: dataDir, ...env });
  return startServer(config);
}

/** Creates a board over REST and returns its id. */
export async function createBoard(baseUrl: string, title = "Test board"): Promise<string> {
  const response = await fetch(`${baseUrl}/api/boards`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title }),
  });
  if (response.status !== 201) throw new Error(`create board: ${response.status} ${await response.text()}`);
  const { id } = (await response.json()) as { id: string };
  return id;
}

/** A stock y-websocket client in Node. */
export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Resolves when the first sync completed. */
  synced: Promise<void>;
  destroy(): void;
}

/** Connects the stock `WebsocketProvider` (the interoperability promise) to a board. */
export function connectClient(
  baseUrl: string,
  boardId: string,
  doc: Y.Doc = new Y.Doc(),
  params: Record<string, string> = {},
): TestClient {
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, "ws")}/ws`, boardId, doc, {
    params,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once("sync", () => resolve());
  });
  return {
    doc,
    provider,
    synced,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Polls `predicate` every few milliseconds until it holds, or throws after `timeoutMs`. */
export async function waitFor(
  predicate: () => boolean,
  timeoutMs = 5_000,
  what = "condition",
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Tries a raw WebSocket upgrade and resolves with the HTTP status of a refusal (or 101 if it was accepted). */
export function upgradeStatus(baseUrl: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, "ws")}${path}`);
    ws.on("unexpected-response", (_request, response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => {
        body += chunk.toString("utf8");
      });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    ws.on("open", () => {
      ws.terminate();
      resolve({ status: 101, body: "" });
    });
    ws.on("error", (error) => {
      if (!error.message.startsWith("Unexpected server response")) reject(error);
    });
  });
}

/** A raw `ws` socket on a board that records every frame and how it closed. */
export interface RawSocket {
  ws: WebSocket;
  frames: Uint8Array[];
  /** Resolves once the server's first frame (sync step 1, sent after the room loaded) arrived. */
  ready: Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
}

/** Opens a raw socket on a board, for sending frames the stock client never would. */
export function rawSocket(baseUrl: string, boardId: string, options: { autoPong?: boolean } = {}): RawSocket {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, "ws")}/ws/${boardId}`, {
    autoPong: options.autoPong ?? true,
  });
  const frames: Uint8Array[] = [];
  ws.on("error", () => {
    // A socket the server cuts off may report EPIPE/ECONNRESET while writing; the close event carries the outcome.
  });
  const ready = new Promise<void>((resolve) => {
    ws.on("message", (data: Buffer) => {
      frames.push(new Uint8Array(data));
      resolve();
    });
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on("close", (code, reason) => resolve({ code, reason: reason.toString("utf8") }));
  });
  return { ws, frames, ready, closed };
}
