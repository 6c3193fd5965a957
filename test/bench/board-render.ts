import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
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
import { summariseProfiles } from "./lib/profile";
import { startServer } from "./lib/servers";

// `node --import tsx test/bench/board-render.ts` (build the client first: `pnpm exec vite build`, or
// `pnpm exec vite build --outDir /tmp/dist-x` and CLIENT_DIST=/tmp/dist-x): how the client copes with a board of
// BENCH_CARDS cards (default 2,000) in real Chromium. Seeds the board through the stock y-websocket client,
// then measures, every figure ending at a painted frame:
// - first render to interactive (Board and Priorities): navigation → the lanes (or the first row) are on screen,
//   a card (or cell) takes the focus, and the next frame is painted; plus how many cards the page mounted;
// - a remote rename reaching another page: sent → the new title painted, and how many cards the page touched
//   for it (cards whose DOM changed, and cards mounted or unmounted: a list that re-mounts its cards shows here);
// - filter latency: the text typed into the filter box (the input event's time stamp) → only matching cards
//   painted; and clearing it → the whole board painted again.
// Prints a markdown table. Runs in about two minutes. Not part of `pnpm test`.
// BENCH_PROFILE=<dir> also loads each page once more under the CDP CPU profiler and prints its top self-time
// functions (build with `--minify false` to read the names).

const CARDS = Number(process.env.BENCH_CARDS ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const PROFILE_DIR = process.env.BENCH_PROFILE;
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

/** Loads a board URL and returns ms from navigation start until `ready` held (checked on every DOM change) and the next frame was painted. */
async function timeToReady(page: Page, url: string, ready: string): Promise<number> {
  await page.goto(url, { waitUntil: "commit" });
  return page.evaluate(
    (condition) =>
      new Promise<number>((resolve) => {
        const check = new Function(`return (${condition})`) as () => boolean;
        // The frame after the one that showed it: the page has painted and its main thread answers.
        const painted = () => requestAnimationFrame(() => setTimeout(() => resolve(performance.now())));
        if (check()) return painted();
        const observer = new MutationObserver(() => {
          if (!check()) return;
          observer.disconnect();
          painted();
        });
        observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
      }),
    ready,
  );
}

/** timeToReady under the CDP CPU profiler: writes `<dir>/<name>/CPU.1.0.1.cpuprofile` and prints the top self-time functions. */
async function profiledLoad(
  page: Page,
  url: string,
  ready: string,
  dir: string,
  name: string,
): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
  const ms = await timeToReady(page, url, ready);
  const { profile } = await cdp.send("Profiler.stop");
  const into = join(dir, name);
  mkdirSync(into, { recursive: true });
  writeFileSync(join(into, "CPU.1.0.1.cpuprofile"), JSON.stringify(profile));
  console.log(`\n### ${name}, profiled load: ${Math.round(ms)} ms\n\n${summariseProfiles(into, 20)}\n`);
  await cdp.detach();
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

interface RemoteEdit {
  /** Epoch ms the new title was painted. */
  readonly paintedAt: number;
  /** Cards whose own DOM changed (text, attributes, children). */
  readonly cardsChanged: number;
  /** Cards added to or removed from the page. */
  readonly cardsMounted: number;
}

/** Arms a watcher in the page: resolves when `title` was painted on `cardId`, with how many cards the page touched. */
function watchRemoteEdit(page: Page, cardId: string, title: string) {
  return page.evaluate(
    ({ cardId, title }) =>
      new Promise<RemoteEdit>((resolve) => {
        const changed = new Set<string>();
        const mounted = new Set<string>();
        let paintedAt = 0;
        const cardsIn = (node: Node, into: Set<string>) => {
          if (!(node instanceof Element)) return;
          const id = node.getAttribute("data-card-id");
          if (id) into.add(id);
          for (const card of Array.from(node.querySelectorAll("[data-card-id]")))
            into.add(card.getAttribute("data-card-id") ?? "");
        };
        const observer = new MutationObserver((records) => {
          for (const record of records) {
            const node = record.target instanceof Element ? record.target : record.target.parentElement;
            const card = node?.closest("[data-card-id]");
            if (card) changed.add(card.getAttribute("data-card-id") ?? "");
            else {
              for (const added of Array.from(record.addedNodes)) cardsIn(added, mounted);
              for (const removed of Array.from(record.removedNodes)) cardsIn(removed, mounted);
            }
          }
          const shown = document.querySelector(`[data-card-id="${cardId}"]`)?.textContent ?? "";
          if (paintedAt !== 0 || !shown.includes(title)) return;
          paintedAt = -1;
          requestAnimationFrame(() => {
            // rAF runs just before the frame is painted; the task after it runs once it was.
            setTimeout(() => {
              paintedAt = performance.timeOrigin + performance.now();
              // Let whatever else this edit set off settle, then count.
              setTimeout(() => {
                observer.disconnect();
                resolve({ paintedAt, cardsChanged: changed.size, cardsMounted: mounted.size });
              }, 500);
            });
          });
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

/**
 * Puts `text` into the filter box as one input event (replacing what it held) and returns ms from that
 * event's time stamp until the cards shown all match `shows` (a function source over the card titles) and the
 * next frame was painted.
 */
async function filterLatency(page: Page, text: string, shows: string): Promise<number> {
  const input = page.getByTestId("filter-text");
  await input.focus();
  await input.selectText().catch(() => undefined);
  const done = page.evaluate(
    (condition) =>
      new Promise<number>((resolve) => {
        const box = document.querySelector<HTMLInputElement>("[data-testid=filter-text]");
        if (!box) throw new Error("no filter box");
        const matches = new Function("titles", `return (${condition})(titles)`) as (t: string[]) => boolean;
        box.addEventListener(
          "input",
          (event) => {
            const started = event.timeStamp;
            const check = () => {
              const titles = Array.from(
                document.querySelectorAll("[data-testid=card]"),
                (card) => card.textContent ?? "",
              );
              if (!matches(titles)) return false;
              requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - started)));
              return true;
            };
            if (check()) return;
            const observer = new MutationObserver(() => {
              if (check()) observer.disconnect();
            });
            observer.observe(document.body, { subtree: true, childList: true, characterData: true });
          },
          { once: true },
        );
      }),
    shows,
  );
  await sleep(50);
  if (text === "") await page.keyboard.press("Backspace");
  else await page.keyboard.insertText(text);
  return done;
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
    // Interleaved, so neither page alone pays for the server still settling the seed or the first cold start.
    for (let i = 0; i < ROUNDS; i++) {
      prioritiesLoad.push(await timeToReady(other, `${boardUrl}/priorities`, PRIORITIES_READY));
      boardLoad.push(await timeToReady(page, boardUrl, boardReady(board.lanes.length)));
    }
    const rowsMounted = await other.getByTestId("priority-row").count();
    if (PROFILE_DIR)
      await profiledLoad(other, `${boardUrl}/priorities`, PRIORITIES_READY, PROFILE_DIR, "priorities");
    await other.context().close();
    const cardsMounted = await page.getByTestId("card").count();
    if (PROFILE_DIR) await profiledLoad(page, boardUrl, boardReady(board.lanes.length), PROFILE_DIR, "board");
    console.log(
      `Loaded: board ${boardLoad.map(Math.round).join(", ")} ms (${cardsMounted} cards mounted); priorities ${prioritiesLoad.map(Math.round).join(", ")} ms (${rowsMounted} rows mounted).`,
    );
    console.log("Waiting for the board page to be live…");
    await page.waitForFunction(
      () => document.querySelector("[data-testid=connection-status]")?.getAttribute("data-state") === "live",
      undefined,
      { timeout: 60_000 },
    );

    console.log("Live. Remote renames…");
    const remote: number[] = [];
    const changed: number[] = [];
    const remounted: number[] = [];
    const target = board.lanes[0]?.cardIds[0] as string;
    for (let i = 0; i < ROUNDS * 3; i++) {
      const title = `Edited remotely ${i}`;
      const watching = watchRemoteEdit(page, target, title);
      await sleep(50);
      const sentAt = performance.timeOrigin + performance.now();
      renameCard(writer.doc, target, title);
      const edit = await Promise.race([
        watching,
        sleep(30_000).then(() => {
          throw new Error(`the page did not show remote rename ${i} within 30 s`);
        }),
      ]);
      console.log(
        `  rename ${i}: ${(edit.paintedAt - sentAt).toFixed(0)} ms, ${edit.cardsChanged} card(s) changed, ${edit.cardsMounted} mounted or unmounted`,
      );
      remote.push(edit.paintedAt - sentAt);
      changed.push(edit.cardsChanged);
      remounted.push(edit.cardsMounted);
    }

    const filter: number[] = [];
    const unfilter: number[] = [];
    const onlyZebra = "(titles) => titles.length > 0 && titles.every((title) => title.includes('Zebra'))";
    const notOnlyZebra = "(titles) => titles.some((title) => !title.includes('Zebra'))";
    const bounded = (work: Promise<number>, what: string) =>
      Promise.race([
        work,
        sleep(30_000).then(() => {
          throw new Error(`${what} not within 30 s`);
        }),
      ]);
    for (let i = 0; i < ROUNDS; i++) {
      try {
        filter.push(await bounded(filterLatency(page, "Zebra", onlyZebra), "only matching cards shown"));
        await sleep(300);
        unfilter.push(await bounded(filterLatency(page, "", notOnlyZebra), "every card shown again"));
        await sleep(300);
      } catch (error) {
        // A renderer that ran out of memory closes the page: report it rather than lose the other figures.
        console.error(`Filter round ${i} failed:`, error instanceof Error ? error.message : error);
        break;
      }
    }

    console.log(`\n## Board render, ${board.cards.size} cards (Chromium, median of ${ROUNDS}+ runs)\n`);
    console.log("| measure | median | min | max |\n|---|---|---|---|");
    console.log(row("Board: navigation → lanes painted, a card focused, next frame", boardLoad, " ms"));
    console.log(row("Board: cards mounted after load", [cardsMounted], ""));
    console.log(row("Priorities: navigation → first row's cell focused, next frame", prioritiesLoad, " ms"));
    console.log(row("Priorities: rows mounted after load", [rowsMounted], ""));
    console.log(row("Remote rename (stock y-websocket client) → painted on the page", remote, " ms"));
    console.log(row("Cards whose DOM changed for that remote rename", changed, ""));
    console.log(row("Cards mounted or unmounted for that remote rename", remounted, ""));
    console.log(row(`Filter "Zebra" typed (input event) → only matching cards painted`, filter, " ms"));
    console.log(row("Filter cleared (input event) → whole board painted", unfilter, " ms"));
    writer.destroy();
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
