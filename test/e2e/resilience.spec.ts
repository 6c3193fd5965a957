import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, type Locator, type Page, test } from "@playwright/test";
// The reliability suites' own helper: main.ts as a child process, so it can be killed with -9.
import { spawnChildServer } from "../../server/src/reliability/childServer";
import {
  adaAndBoOnOneBoard,
  addCard,
  addMember,
  card,
  cardTitles,
  expectLive,
  openBoard,
  signUp,
} from "./board";

/**
 * Each test runs its own server process (Playwright's shared webServer cannot be killed) on its own port and
 * data directory, serving the built client (CLIENT_DIST). Ports RESILIENCE_PORT (default 3344) and up.
 */
const BASE_PORT = Number(process.env.RESILIENCE_PORT ?? 3344);

/** SQLite's busy_timeout (server/src/store/sqlite.ts) is 5 s: a write under a held lock fails after that wait. */
const STORE_FAILURE_TIMEOUT = 20_000;

/** One Converge server process that a test can kill with -9 and start again on the same port and data. */
class KillableServer {
  readonly url: string;
  readonly dataDir = mkdtempSync(join(tmpdir(), "converge-resilience-"));
  #child: ChildProcess | null = null;

  constructor(readonly port: number) {
    this.url = `http://127.0.0.1:${port}`;
  }

  async start(): Promise<void> {
    const server = await spawnChildServer(this.dataDir, {
      PORT: String(this.port),
      ALLOWED_ORIGINS: this.url,
    });
    this.#child = server.child;
  }

  async kill(): Promise<void> {
    const child = this.#child;
    this.#child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, "exit");
    child.kill("SIGKILL");
    await exited;
  }

  async dispose(): Promise<void> {
    await this.kill();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

const LOCK_HOLDER = fileURLToPath(new URL("../../server/src/reliability/holdSqliteLock.ts", import.meta.url));
const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** A second connection holding SQLite's write lock on the server's database (server/src/reliability/holdSqliteLock.ts). */
async function holdWriteLock(databaseFile: string): Promise<{ release(): Promise<void> }> {
  const child = spawn(process.execPath, ["--import", "tsx", LOCK_HOLDER, databaseFile], {
    cwd: REPO_ROOT,
    stdio: ["pipe", "pipe", "inherit"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (output.includes("locked\n")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`lock holder exited with ${code} before locking`)));
  });
  return {
    async release() {
      const exited = once(child, "exit");
      child.stdin.end();
      const [code] = await exited;
      expect(code, "the lock holder rolls back and exits cleanly").toBe(0);
    },
  };
}

function badge(page: Page): Locator {
  return page.getByTestId("connection-status");
}

/** Opens a card's dialog by clicking it. */
async function openCard(page: Page, title: string): Promise<Locator> {
  await card(page, title).click();
  const dialog = page.getByTestId("card-dialog");
  await expect(dialog).toBeVisible();
  return dialog;
}

/** The description of a card as its dialog shows it (the dialog is closed again). */
async function descriptionOf(page: Page, title: string): Promise<string> {
  const dialog = await openCard(page, title);
  const text = await dialog.getByLabel("Description").inputValue();
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();
  return text;
}

let server: KillableServer;

// Each test starts a server process two or three times and waits out SQLite's busy timeout or the client's backoff.
test.describe.configure({ timeout: 180_000 });

test.beforeEach(async () => {
  server = new KillableServer(BASE_PORT + test.info().parallelIndex);
  await server.start();
});

test.afterEach(async () => {
  await server.dispose();
});

test("the server killed with -9 while someone edits: the page says so, keeps every edit, and delivers them once it is back", async ({
  browser,
}) => {
  const { bo, boardId, adaPage, boPage } = await adaAndBoOnOneBoard(browser, server.url, "Outage drill");
  await addCard(adaPage, "Backlog", "Pricing page");
  await adaPage.keyboard.press("Escape");

  await server.kill();
  await expect(badge(adaPage)).toHaveAttribute("data-state", "offline");
  await expect(badge(adaPage)).toContainText("Can’t reach the server — changes saved on this device");

  await addCard(adaPage, "Backlog", "Written during the outage");
  await adaPage.keyboard.press("Escape");
  const dialog = await openCard(adaPage, "Pricing page");
  await dialog.getByTitle("Rename: Card title").click();
  await dialog.getByLabel("Card title").fill("Pricing page, annual plans");
  await dialog.getByLabel("Card title").press("Enter");
  await dialog.getByLabel("Description").pressSequentially("Typed while the server was down.");
  await dialog.getByRole("button", { name: "Close" }).click();

  // Still offline, every edit still on the page.
  const expectedTitles = ["Pricing page, annual plans", "Written during the outage"];
  expect(await cardTitles(adaPage, "Backlog")).toEqual(expectedTitles);
  expect(await descriptionOf(adaPage, "Pricing page, annual plans")).toBe("Typed while the server was down.");
  await expect(badge(adaPage)).toHaveAttribute("data-state", "offline");

  await server.start();
  await expectLive(adaPage);
  await expect(badge(adaPage)).toHaveText("Live");

  const boFresh = await openBoard(bo, boardId);
  await expect.poll(() => cardTitles(boFresh, "Backlog")).toEqual(expectedTitles);
  await expect.poll(() => cardTitles(boPage, "Backlog")).toEqual(expectedTitles);
  expect(await descriptionOf(boFresh, "Pricing page, annual plans")).toBe("Typed while the server was down.");

  await adaPage.reload();
  await expectLive(adaPage);
  expect(await cardTitles(adaPage, "Backlog")).toEqual(expectedTitles);
  expect(await descriptionOf(adaPage, "Pricing page, annual plans")).toBe("Typed while the server was down.");
});

test("while the store refuses writes (another process holds SQLite's lock) the page says 'Not saved yet — retrying', and clears once the edit is stored", async ({
  browser,
}) => {
  const { ada, boardId, adaPage, boPage } = await adaAndBoOnOneBoard(browser, server.url, "Busy disk");
  await addCard(adaPage, "Backlog", "Stored before the lock");
  await expect(card(boPage, "Stored before the lock")).toBeVisible();

  const lock = await holdWriteLock(join(server.dataDir, "converge.db"));
  await addCard(adaPage, "Backlog", "Written while the store is locked");
  await expect(badge(adaPage)).toHaveAttribute("data-state", "error", { timeout: STORE_FAILURE_TIMEOUT });
  await expect(badge(adaPage)).toContainText("Not saved yet — retrying");
  await expect(badge(boPage)).toContainText("Not saved yet — retrying");
  // Nothing unstored is shown to anyone else.
  await expect(card(boPage, "Written while the store is locked")).toHaveCount(0);
  expect(await cardTitles(adaPage, "Backlog")).toEqual([
    "Stored before the lock",
    "Written while the store is locked",
  ]);

  await lock.release();
  await expect(badge(adaPage)).toHaveText("Live", { timeout: STORE_FAILURE_TIMEOUT });
  await expect(badge(boPage)).toHaveText("Live");
  await expect(card(boPage, "Written while the store is locked")).toBeVisible();

  await server.kill();
  await server.start();
  const cy = await signUp(browser, "Cy", server.url);
  await addMember(ada, boardId, cy, "viewer");
  const cyPage = await openBoard(cy, boardId);
  await expect
    .poll(() => cardTitles(cyPage, "Backlog"))
    .toEqual(["Stored before the lock", "Written while the store is locked"]);
});

test("an edit made while the server is down survives a reload from this device's copy and syncs once the server is reachable", async ({
  browser,
}) => {
  const { ada, adaPage, boPage } = await adaAndBoOnOneBoard(browser, server.url, "Reload drill");

  await server.kill();
  await expect(badge(adaPage)).toHaveAttribute("data-state", "offline");
  await addCard(adaPage, "Backlog", "Kept through a reload");

  // The page itself comes from the server (there is no offline shell), so the server returns for HTTP while
  // Ada's sync socket still cannot reach it: the card after the reload can only come from IndexedDB.
  let socketReachable = false;
  await ada.context.routeWebSocket(/\/ws\//, (socket) => {
    if (socketReachable) socket.connectToServer();
    else void socket.close({ code: 1011, reason: "unreachable" });
  });
  // The open page was loaded before the route existed (Playwright routes sockets of pages loaded after it), so it
  // leaves before the server is back: its provider could otherwise reconnect and deliver the card before the reload.
  const boardUrl = adaPage.url();
  await adaPage.goto("about:blank");
  await server.start();
  await adaPage.goto(boardUrl);
  await expect(card(adaPage, "Kept through a reload")).toBeVisible();
  await expect(badge(adaPage)).toHaveAttribute("data-state", "offline");
  await expectLive(boPage);
  await expect(card(boPage, "Kept through a reload")).toHaveCount(0);

  socketReachable = true;
  await expectLive(adaPage);
  await expect(card(boPage, "Kept through a reload")).toBeVisible();
  await boPage.reload();
  await expectLive(boPage);
  expect(await cardTitles(boPage, "Backlog")).toEqual(["Kept through a reload"]);
});
