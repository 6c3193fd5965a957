import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { type Config, loadConfig } from "./config";
import { type RunningServer, type ServerDeps, startServer } from "./server";

/** A temporary DATA_DIR for one test file; `remove()` deletes it. */
export function tempDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "converge-test-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The test config: a free port, quiet logs, SQLite in `dataDir`, plus env overrides. */
export function testConfig(dataDir: string, env: Record<string, string> = {}): Config {
  return loadConfig({ PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent", DATA_DIR: dataDir, ...env });
}

/** Starts the real server (SQLite in `dataDir`) on a free port with quiet logs and the given env overrides. */
export function startTestServer(
  dataDir: string,
  env: Record<string, string> = {},
  options: { deps?: ServerDeps; config?: Partial<Config> } = {},
): Promise<RunningServer> {
  return startServer({ ...testConfig(dataDir, env), ...options.config }, options.deps);
}

/** A password the policy accepts. */
export const TEST_PASSWORD = "plum-Harbor-7-quiet-lantern";

/** A signed-up account in a test: its id and name, and the Cookie header value that carries its session. */
export interface TestUser {
  id: string;
  name: string;
  email: string;
  cookie: string;
}

let accounts = 0;

/** Options of `api`: a method, a JSON body, the caller's cookie and Origin (default: the server's own). */
export interface ApiOptions {
  method?: string;
  body?: unknown;
  cookie?: string;
  origin?: string | null;
  headers?: Record<string, string>;
}

/** Calls the REST API like the browser app does: JSON, the session cookie and the page's Origin. */
export function api(baseUrl: string, path: string, options: ApiOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (options.cookie) headers.cookie = options.cookie;
  const origin = options.origin === undefined ? baseUrl : options.origin;
  if (origin !== null) headers.origin = origin;
  return fetch(`${baseUrl}${path}`, {
    method: options.method ?? (options.body === undefined ? "GET" : "POST"),
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
}

/** The `name=value` of the session cookie a response sets (for the next request's Cookie header). */
export function sessionCookie(response: Response): string {
  const cookie = response.headers.getSetCookie().find((value) => value.startsWith("converge_session="));
  if (!cookie) throw new Error("no session cookie was set");
  return cookie.split(";")[0] as string;
}

/** Signs a new account up over REST and returns it with its session cookie. */
export async function signUp(baseUrl: string, name = `Tester ${++accounts}`): Promise<TestUser> {
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, ".")}.${Date.now()}.${accounts}@example.com`;
  const response = await api(baseUrl, "/api/auth/signup", { body: { email, password: TEST_PASSWORD, name } });
  if (response.status !== 201) throw new Error(`sign up: ${response.status} ${await response.text()}`);
  const { id } = (await response.json()) as { id: string };
  return { id, name, email, cookie: sessionCookie(response) };
}

/** Creates a board over REST as `user` and returns its id. */
export async function createBoard(baseUrl: string, user: TestUser, title = "Test board"): Promise<string> {
  const response = await api(baseUrl, "/api/boards", { body: { title }, cookie: user.cookie });
  if (response.status !== 201) throw new Error(`create board: ${response.status} ${await response.text()}`);
  const { id } = (await response.json()) as { id: string };
  return id;
}

/** Invites a new member with `role` to a board (as its owner) and accepts as `member`. */
export async function addMember(
  baseUrl: string,
  boardId: string,
  owner: TestUser,
  member: TestUser,
  role: "owner" | "editor" | "viewer",
): Promise<void> {
  const invite = await api(baseUrl, `/api/boards/${boardId}/invites`, {
    body: { role },
    cookie: owner.cookie,
  });
  if (invite.status !== 201) throw new Error(`invite: ${invite.status} ${await invite.text()}`);
  const { token } = (await invite.json()) as { token: string };
  const accepted = await api(baseUrl, `/api/invites/${token}/accept`, {
    method: "POST",
    cookie: member.cookie,
  });
  if (accepted.status !== 200) throw new Error(`accept: ${accepted.status} ${await accepted.text()}`);
}

/** `ws`'s WebSocket with fixed extra headers (cookie, Origin), as the stock provider's WebSocketPolyfill. */
export function webSocketWith(headers: Record<string, string>): typeof globalThis.WebSocket {
  class HeaderWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  return HeaderWebSocket as unknown as typeof globalThis.WebSocket;
}

/** A stock y-websocket client in Node. */
export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Resolves when the first sync completed. */
  synced: Promise<void>;
  /** Every close code the provider saw. */
  closes: number[];
  destroy(): void;
}

/** Connects the stock `WebsocketProvider` (the interoperability promise) to a board as `user` (cookie and Origin). */
export function connectClient(
  baseUrl: string,
  boardId: string,
  user: TestUser,
  doc: Y.Doc = new Y.Doc(),
  options: { origin?: string } = {},
): TestClient {
  const Polyfill = webSocketWith({ cookie: user.cookie, origin: options.origin ?? baseUrl });
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, "ws")}/ws`, boardId, doc, {
    WebSocketPolyfill: Polyfill,
    disableBc: true,
    maxBackoffTime: 200,
  });
  const closes: number[] = [];
  provider.on("connection-close", (event) => {
    if (event) closes.push(event.code);
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once("sync", () => resolve());
  });
  return {
    doc,
    provider,
    synced,
    closes,
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
export function upgradeStatus(
  baseUrl: string,
  path: string,
  headers: Record<string, string> = { origin: baseUrl },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, "ws")}${path}`, { headers });
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

/** Opens a raw socket on a board as `user`, for sending frames the stock client never would. */
export function rawSocket(
  baseUrl: string,
  boardId: string,
  user: TestUser,
  options: { autoPong?: boolean } = {},
): RawSocket {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, "ws")}/ws/${boardId}`, {
    autoPong: options.autoPong ?? true,
    headers: { cookie: user.cookie, origin: baseUrl },
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
