import {
  createCard,
  createGoal,
  HORIZONS,
  IMPACT_VALUES,
  readBoard,
  renameCard,
  setCardFields,
} from "@converge/shared";
import { chromium, type Page } from "@playwright/test";
import * as Y from "yjs";
import { connect } from "./lib/clients";
import { median, sleep } from "./lib/common";
import { startServer } from "./lib/servers";

// `node --import tsx test/bench/board-render.ts` (run `npx vite build` first): how the client copes with a
// board of BENCH_CARDS cards (default 2,000) in real Chromium. Seeds the board through the stock y-websocket
// client, then measures first render to interactive (Board and Priorities), a remote edit reaching another
// page (and how many cards' DOM changed for it, counted with a MutationObserver: the client has no profiling
// flag), and filter latency. Prints a markdown table. Not part of `pnpm test`.

const CARDS = Number(process.env.BENCH_CARDS ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const WORDS = [
  "Search",
  "Billing",
  "Export",
  "Onboarding",
  "Audit",
  "Alerts",
  "Sharing",
  "Mobile",
  "Reports",
];

/** A seeded pseudo-random source, so every run seeds the same board. */
function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 4294967296;
    return state / 4294967296;
  };
}

function pick<T>(items: readonly T[], rand: () => number): T {
  return items[Math.floor(rand() * items.length)] as T;
}

/** Builds the cards in a local copy and sends them as one update (one socket message, under the rate limit). */
function seed(doc: Y.Doc, count: number): void {
  const local = new Y.Doc();
  Y.applyUpdate(local, Y.encodeStateAsUpdate(doc));
  const rand = prng(42);
  const board = readBoard(local);
  const goals = ["Grow signups", "Retain teams", "Enterprise ready"].map((title) =>
    createGoal(local, { title, by: "bench" }),
  );
  for (let i = 0; i < count; i++) {
    const laneId = board.lanes[i % board.lanes.length]?.id as string;
    // One card in twenty has "Zebra" in its title: the filter benchmark's query.
    const title = `${pick(WORDS, rand)} ${i % 20 === 0 ? "Zebra " : ""}#${i}`;
    const id = createCard(local, { laneId, title, by: "bench" });
    setCardFields(local, id, {
      team: pick(board.teams, rand),
      reach: Math.round(rand() * 5000),
      impact: pick(IMPACT_VALUES, rand),
      confidence: pick([50, 80, 100], rand),
      effort: 1 + Math.round(rand() * 8),
      value: 1 + Math.floor(rand() * 10),
      target: pick(HORIZONS, rand),
      goalId: rand() < 0.8 ? pick(goals, rand) : null,
    });
  }
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(local, Y.encodeStateVector(doc)));
}

/** Loads a board URL and returns ms from navigation start until `ready` held (checked on every DOM change). */
async function timeToReady(page: Page, url: string, ready: string): Promise<number> {
  await page.goto(url, { waitUntil: "commit" });
  return page.evaluate(
    (condition) =>
      new Promise<number>((resolve) => {
        const check = new Function(`return (${condition})`) as () => boolean;
        const done = () => {
          if (!check()) return false;
          resolve(performance.now());
          return true;
        };
        if (done()) return;
        const observer = new MutationObserver(() => {
          if (done()) observer.disconnect();
        });
        observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
      }),
    ready,
  );
}

/** True once every lane is on screen and a card takes the focus. */
function boardReady(lanes: number): string {
  return `(() => {
    if (document.querySelectorAll("[data-testid=lane]").length < ${lanes}) return false;
    const card = document.querySelector("[data-testid=card]");
    if (!card) return false;
    card.focus();
    return document.activeElement === card;
  })()`;
}

const PRIORITIES_READY = `(() => {
  const cell = document.querySelector("[data-testid=priority-row] [tabindex='0']");
  if (!cell) return false;
  cell.focus();
  return document.activeElement === cell;
})()`;

/** Arms a watcher in the page: resolves with the epoch time `title` appeared on `cardId` and how many cards' DOM changed. */
function watchRemoteEdit(page: Page, cardId: string, title: string) {
  return page.evaluate(
    ({ cardId, title }) =>
      new Promise<{ seenAt: number; cardsTouched: number }>((resolve) => {
        const touched = new Set<string>();
        const observer = new MutationObserver((records) => {
          for (const record of records) {
            const node = record.target instanceof Element ? record.target : record.target.parentElement;
            const card = node?.closest("[data-card-id]");
            if (card) touched.add(card.getAttribute("data-card-id") ?? "");
          }
          const shown = document.querySelector(`[data-card-id="${cardId}"]`)?.textContent ?? "";
          if (shown.includes(title) && !("seenAt" in observer)) {
            Object.assign(observer, { seenAt: performance.timeOrigin + performance.now() });
            // Let the rest of this render settle, then report.
            setTimeout(() => {
              observer.disconnect();
              resolve({
                seenAt: (observer as unknown as { seenAt: number }).seenAt,
                cardsTouched: touched.size,
              });
            }, 300);
          }
        });
        observer.observe(document.body, {
          subtree: true,
          childList: true,
          characterData: true,
          attributes: true,
        });
      }),
    { cardId, title },
  );
}

/** Types into the filter box and returns ms until only matching cards are shown; then clears it. */
async function filterLatency(page: Page, query: string): Promise<number> {
  const ms = await page.evaluate(
    (text) =>
      new Promise<number>((resolve) => {
        const input = document.querySelector<HTMLInputElement>("[data-testid=filter-text]");
        if (!input) throw new Error("no filter box");
        const matches = () => {
          const titles = Array.from(
            document.querySelectorAll("[data-testid=card]"),
            (card) => card.textContent ?? "",
          );
          return titles.length > 0 && titles.every((title) => title.includes(text));
        };
        const observer = new MutationObserver(() => {
          if (matches()) {
            observer.disconnect();
            resolve(performance.now() - started);
          }
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set;
        const started = performance.now();
        setValue?.call(input, text);
        input.dispatchEvent(new Event("input", { bubbles: true }));
      }),
    query,
  );
  await page.getByTestId("filter-text").fill("");
  await sleep(300);
  return ms;
}

function row(name: string, values: number[], unit: string): string {
  if (values.length === 0) return `| ${name} | failed | — | — |`;
  const fmt = (n: number) => (unit === "" ? String(Math.round(n)) : n.toFixed(0));
  return `| ${name} | ${fmt(median(values))}${unit} | ${fmt(Math.min(...values))}${unit} | ${fmt(Math.max(...values))}${unit} |`;
}

async function main(): Promise<void> {
  const server = await startServer("converge");
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
  try {
    const created = await fetch(`${server.url}/api/boards`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url, cookie: server.cookie },
      body: JSON.stringify({ title: "Render bench", template: "empty" }),
    });
    if (created.status !== 201) throw new Error(`create board: ${created.status} ${await created.text()}`);
    const boardId = ((await created.json()) as { id: string }).id;
    const writer = connect(server, boardId);
    await writer.synced;
    const seededAt = performance.now();
    seed(writer.doc, CARDS);
    const board = readBoard(writer.doc);
    console.log(
      `Seeded ${board.cards.size} cards in ${board.lanes.length} lanes (${(performance.now() - seededAt).toFixed(0)} ms).`,
    );
    await sleep(1500);

    const [name, value] = server.cookie.split("=") as [string, string];
    // One context (one window) per page, so neither is a background tab whose timers Chromium throttles.
    const openPage = async () => {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      await context.addCookies([{ name, value, url: server.url }]);
      // tsx keeps function names with an `__name` helper that the functions sent to the page do not carry.
      await context.addInitScript({ content: "globalThis.__name = (fn) => fn;" });
      return context.newPage();
    };
    const page = await openPage();
    const other = await openPage();
    const boardUrl = `${server.url}/boards/${boardId}`;

    const boardLoad: number[] = [];
    const prioritiesLoad: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      prioritiesLoad.push(await timeToReady(other, `${boardUrl}/priorities`, PRIORITIES_READY));
    }
    await other.context().close();
    for (let i = 0; i < ROUNDS; i++) {
      boardLoad.push(await timeToReady(page, boardUrl, boardReady(board.lanes.length)));
    }
    console.log(
      `Loaded: board ${boardLoad.map(Math.round).join(", ")} ms; priorities ${prioritiesLoad.map(Math.round).join(", ")} ms.`,
    );
    console.log("Waiting for the board page to be live…");
    await page.waitForFunction(
      () => document.querySelector("[data-testid=connection-status]")?.getAttribute("data-state") === "live",
      undefined,
      { timeout: 60_000 },
    );

    console.log("Live. Remote renames…");
    const remote: number[] = [];
    const touched: number[] = [];
    const target = board.lanes[0]?.cardIds[0] as string;
    for (let i = 0; i < ROUNDS * 3; i++) {
      const title = `Edited remotely ${i}`;
      const watching = watchRemoteEdit(page, target, title);
      await sleep(50);
      const sentAt = performance.timeOrigin + performance.now();
      renameCard(writer.doc, target, title);
      const { seenAt, cardsTouched } = await Promise.race([
        watching,
        sleep(30_000).then(() => {
          throw new Error(`the page did not show remote rename ${i} within 30 s`);
        }),
      ]);
      console.log(`  rename ${i}: ${(seenAt - sentAt).toFixed(0)} ms, ${cardsTouched} card(s) changed`);
      remote.push(seenAt - sentAt);
      touched.push(cardsTouched);
    }

    const filter: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      try {
        filter.push(
          await Promise.race([
            filterLatency(page, "Zebra"),
            sleep(60_000).then(() => {
              throw new Error("only matching cards were not shown within 60 s");
            }),
          ]),
        );
      } catch (error) {
        // A renderer that ran out of memory closes the page: report it rather than lose the other figures.
        console.error(`Filter round ${i} failed:`, error instanceof Error ? error.message : error);
        break;
      }
    }

    console.log(`\n## Board render, ${board.cards.size} cards (Chromium, median of ${ROUNDS}+ runs)\n`);
    console.log("| measure | median | min | max |\n|---|---|---|---|");
    console.log(row("Board: navigation → all lanes rendered and a card focusable", boardLoad, " ms"));
    console.log(row("Priorities: navigation → first row's cell focusable", prioritiesLoad, " ms"));
    console.log(row("Remote rename (stock y-websocket client) → shown on the page", remote, " ms"));
    console.log(row("Cards whose DOM changed for that remote rename", touched, ""));
    console.log(row(`Filter "Zebra" typed → only matching cards shown`, filter, " ms"));
    writer.destroy();
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
