import { expect, type Page, test } from "@playwright/test";
import { addCard, addMember, card, createBoard, expectLive, openBoard, signUp } from "./board";

/** y-websocket frame kinds, by their first two varuints (all small, so one byte each). */
const SYNC = 0;
const SYNC_UPDATE = 2;
const AUTH = 2;
const PERMISSION_DENIED = 0;

/** What crossed a board socket: the viewer's document updates out, and "permission denied" answers in. */
interface Traffic {
  updatesSent: number;
  permissionDenied: number;
}

declare global {
  interface Window {
    /** Lets the page open IndexedDB (see slowDeviceStorage). */
    releaseDeviceStorage?: () => void;
  }
}

/**
 * From the next page load on, IndexedDB opens only when the test calls `window.releaseDeviceStorage()`:
 * a slow disk, so this device's copy of the board can come after the socket has opened.
 */
async function slowDeviceStorage(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const open = IDBFactory.prototype.open;
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    window.releaseDeviceStorage = release;
    IDBFactory.prototype.open = function (this: IDBFactory, name: string, version?: number) {
      const pending: Partial<IDBOpenDBRequest> = {};
      void released.then(() => {
        const request = version === undefined ? open.call(this, name) : open.call(this, name, version);
        request.onupgradeneeded = (event) => pending.onupgradeneeded?.call(request, event);
        request.onsuccess = (event) => pending.onsuccess?.call(request, event);
        request.onerror = (event) => pending.onerror?.call(request, event);
        request.onblocked = (event) => pending.onblocked?.call(request, event);
      });
      return pending as IDBOpenDBRequest;
    };
  });
}

/**
 * Routes the page's board sockets through the test and holds the server's frames back until `release()`:
 * the page then reads this device's copy of the board (IndexedDB) while its socket is already open, the
 * order a slow server or network gives.
 */
async function holdServerFrames(
  page: Page,
): Promise<{ traffic: Traffic; firstFrameSent: Promise<void>; release(): void }> {
  const traffic: Traffic = { updatesSent: 0, permissionDenied: 0 };
  const held: Array<() => void> = [];
  let released = false;
  let frameSent = () => {};
  const firstFrameSent = new Promise<void>((resolve) => {
    frameSent = resolve;
  });
  await page.routeWebSocket(/\/ws\//, (socket) => {
    const server = socket.connectToServer();
    socket.onMessage((frame) => {
      frameSent();
      const bytes = typeof frame === "string" ? Buffer.from(frame) : frame;
      if (bytes[0] === SYNC && bytes[1] === SYNC_UPDATE) traffic.updatesSent++;
      server.send(frame);
    });
    server.onMessage((frame) => {
      const bytes = typeof frame === "string" ? Buffer.from(frame) : frame;
      if (bytes[0] === AUTH && bytes[1] === PERMISSION_DENIED) traffic.permissionDenied++;
      if (released) socket.send(frame);
      else held.push(() => socket.send(frame));
    });
  });
  return {
    traffic,
    firstFrameSent,
    release() {
      released = true;
      for (const send of held.splice(0)) send();
    },
  };
}

/**
 * Reloads a person's open board with slow device storage and the server's frames held back: this
 * device's copy loads once the socket is open, or (when the socket waits for it) once the role is known,
 * and shows the card before the server has said anything. Returns what crossed the socket.
 */
async function reloadWithSlowStorage(page: Page, boardId: string, cardTitle: string): Promise<Traffic> {
  const { traffic, firstFrameSent, release } = await holdServerFrames(page);
  await slowDeviceStorage(page);
  const boardRecord = page.waitForResponse((response) => response.url().endsWith(`/api/boards/${boardId}`));
  await page.reload({ waitUntil: "commit" });
  await Promise.race([firstFrameSent, boardRecord]);
  await page.evaluate(() => window.releaseDeviceStorage?.());
  await expect(card(page, cardTitle)).toBeVisible();
  release();
  await expectLive(page);
  return traffic;
}

test("a viewer reloads a board: its device copy loads, nothing is written and no 'not saved' warning shows", async ({
  browser,
  baseURL,
}) => {
  const base = baseURL ?? "";
  const ada = await signUp(browser, "Ada", base);
  const cy = await signUp(browser, "Cy", base);
  const boardId = await createBoard(ada, "Viewer reload", "roadmap");
  await addMember(ada, boardId, cy, "viewer");
  const adaPage = await openBoard(ada, boardId);
  await addCard(adaPage, "Later", "Offline onboarding");

  const cyPage = await openBoard(cy, boardId);
  await expect(card(cyPage, "Offline onboarding")).toBeVisible();
  await expect(cyPage.getByTestId("role-badge")).toHaveAttribute("data-role", "viewer");

  const traffic = await reloadWithSlowStorage(cyPage, boardId, "Offline onboarding");
  // A change Ada makes now still reaches the viewer, so the socket synced after the hold.
  await addCard(adaPage, "Later", "Exports");
  await expect(card(cyPage, "Exports")).toBeVisible();

  expect(traffic).toEqual({ updatesSent: 0, permissionDenied: 0 });
  await expect(cyPage.getByText("your last change was not saved")).toHaveCount(0);
  await expect(cyPage.getByTestId("role-badge")).toHaveAttribute("data-role", "viewer");
});

test("an editor's reload sends nothing the server already has, and an edit after it still goes out", async ({
  browser,
  baseURL,
}) => {
  const base = baseURL ?? "";
  const ada = await signUp(browser, "Ada", base);
  const boardId = await createBoard(ada, "Editor reload", "roadmap");
  const adaPage = await openBoard(ada, boardId);
  await addCard(adaPage, "Later", "Offline onboarding");

  const traffic = await reloadWithSlowStorage(adaPage, boardId, "Offline onboarding");
  expect(traffic).toEqual({ updatesSent: 0, permissionDenied: 0 });
  await addCard(adaPage, "Now", "Exports");
  await expect.poll(() => traffic.updatesSent).toBeGreaterThan(0);
});
