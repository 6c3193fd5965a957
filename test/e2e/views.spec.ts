import AxeBuilder from "@axe-core/playwright";
import { type CardFieldsPatch, createCard, createGoal, readBoard, setCardFields } from "@converge/shared";
import { expect, type Page, test } from "@playwright/test";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { addMember, createBoard, expectLive, type Person, pointerDrag, signUp } from "./board";

/** A card to seed: its title, lane (by index) and planning fields. */
interface Seed {
  readonly title: string;
  readonly lane?: number;
  readonly fields?: CardFieldsPatch;
  /** Aligns the card to the seeded goal "Grow signups". */
  readonly goal?: boolean;
}

/**
 * Seeds cards into a board as `person`, through the stock y-websocket client over a real socket (the
 * way a bot or importer would), and waits until the server has them.
 */
async function seedCards(person: Person, boardId: string, baseURL: string, seeds: readonly Seed[]) {
  const cookies = await person.context.cookies(baseURL);
  const headers = {
    origin: new URL(baseURL).origin,
    cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; "),
  };
  class HeaderWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${baseURL.replace(/^http/, "ws")}/ws`, boardId, doc, {
    WebSocketPolyfill: HeaderWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await new Promise<void>((resolve) => provider.once("sync", () => resolve()));
  const lanes = readBoard(doc).lanes;
  const goal = createGoal(doc, { title: "Grow signups", by: "seed" });
  for (const seed of seeds) {
    const id = createCard(doc, {
      laneId: lanes[seed.lane ?? 0]?.id as string,
      title: seed.title,
      by: "seed",
    });
    setCardFields(doc, id, { ...seed.fields, ...(seed.goal ? { goalId: goal } : {}) });
  }
  // Wait until the server has acknowledged everything (a fresh sync round-trip answers after the updates).
  await new Promise((resolve) => setTimeout(resolve, 300));
  provider.destroy();
  doc.destroy();
}

async function openView(person: Person, boardId: string, view: string): Promise<Page> {
  const page = await person.context.newPage();
  await page.goto(`/boards/${boardId}/${view}`);
  await expectLive(page);
  await expect(page.getByTestId(`${view}-view`)).toBeVisible();
  return page;
}

async function twoPeople(
  browser: import("@playwright/test").Browser,
  baseURL: string,
  seeds: readonly Seed[],
) {
  const ada = await signUp(browser, "Ada", baseURL);
  const bo = await signUp(browser, "Bo", baseURL);
  const boardId = await createBoard(ada, "Views board");
  await addMember(ada, boardId, bo, "editor");
  await seedCards(ada, boardId, baseURL, seeds);
  return { ada, bo, boardId };
}

/** Serious and critical axe-core violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target).join(", ")})`,
    );
}

function roadmapCell(page: Page, goal: string, column: string) {
  return page
    .getByTestId("roadmap-row")
    .filter({ has: page.getByRole("rowheader", { name: goal, exact: true }) })
    .getByTestId("roadmap-cell")
    .nth(["Unplanned", "Now", "Next", "Later"].indexOf(column));
}

async function priorityTitles(page: Page): Promise<string[]> {
  return page.getByTestId("priority-row").locator(".priority-title").allInnerTexts();
}

const RICE: readonly Seed[] = [
  { title: "Search filters", fields: { reach: 100, impact: 1, confidence: 100, effort: 1, value: 3 } },
  { title: "Billing portal", fields: { reach: 1000, impact: 2, confidence: 50, effort: 2, value: 8 } },
  { title: "CSV export", fields: { reach: 10, impact: 3, confidence: 80, effort: 4, value: 2 } },
  { title: "Audit log", lane: 1, fields: { effort: 2 } },
];

test.describe("views over one live board", () => {
  test("Roadmap: Ada drags a card from Now to Later and Bo sees it move", async ({ browser, baseURL }) => {
    const { ada, bo, boardId } = await twoPeople(browser, baseURL as string, [
      { title: "Pricing page", fields: { target: "now" }, goal: true },
      { title: "Dark mode", fields: { target: "next" } },
    ]);
    const adaPage = await openView(ada, boardId, "roadmap");
    const boPage = await openView(bo, boardId, "roadmap");
    const tile = (page: Page) => page.getByTestId("roadmap-tile").filter({ hasText: "Pricing page" });
    await expect(roadmapCell(boPage, "Grow signups", "Now").getByTestId("roadmap-tile")).toHaveText(
      /Pricing page/,
    );

    await pointerDrag(adaPage, tile(adaPage), roadmapCell(adaPage, "Grow signups", "Later"));
    await expect(roadmapCell(adaPage, "Grow signups", "Later")).toContainText("Pricing page");

    // The keyboard does the same, straight after the pointer drop: Space, Left (to Next), Space.
    await tile(adaPage).focus();
    await adaPage.keyboard.press("Space");
    await adaPage.keyboard.press("ArrowLeft");
    await adaPage.keyboard.press("Space");
    await expect(roadmapCell(adaPage, "Grow signups", "Next")).toContainText("Pricing page");
    await expect(roadmapCell(boPage, "Grow signups", "Next")).toContainText("Pricing page");
    await expect(roadmapCell(boPage, "Grow signups", "Later")).not.toContainText("Pricing page");
  });

  test("Priorities: sorted by RICE; Ada's inline edit re-sorts Bo's table live", async ({
    browser,
    baseURL,
  }) => {
    const { ada, bo, boardId } = await twoPeople(browser, baseURL as string, RICE);
    const adaPage = await openView(ada, boardId, "priorities");
    const boPage = await openView(bo, boardId, "priorities");
    await expect
      .poll(() => priorityTitles(boPage))
      .toEqual(["Billing portal", "Search filters", "CSV export", "Audit log"]);
    await expect(boPage.getByTestId("priority-row").last().getByTestId("priority-score")).toHaveText("—");

    const reach = adaPage
      .getByTestId("priority-row")
      .filter({ hasText: "CSV export" })
      .locator("[data-field=reach]");
    await reach.click();
    await adaPage.keyboard.press("Enter");
    const editor = adaPage.getByRole("textbox", { name: "Reach of CSV export" });
    await editor.fill("lots");
    await editor.press("Enter");
    await expect(adaPage.getByRole("alert").filter({ hasText: "reach must be" })).toBeVisible();
    await editor.fill("100000");
    await editor.press("Enter");

    await expect
      .poll(() => priorityTitles(boPage))
      .toEqual(["CSV export", "Billing portal", "Search filters", "Audit log"]);
    await expect(boPage.getByTestId("priority-row").first().getByTestId("priority-score")).toHaveText(
      "60000",
    );
  });

  test("Matrix: arrow keys move a dot and change its value and effort for everyone", async ({
    browser,
    baseURL,
  }) => {
    const { ada, bo, boardId } = await twoPeople(browser, baseURL as string, RICE);
    const adaPage = await openView(ada, boardId, "matrix");
    const boPage = await openView(bo, boardId, "matrix");
    await expect(boPage.getByRole("complementary")).toContainText("Audit log");

    const dot = adaPage.getByRole("button", { name: "Search filters: value 3, effort 1" });
    await dot.focus();
    await adaPage.keyboard.press("ArrowUp");
    await adaPage.keyboard.press("ArrowUp");
    await adaPage.keyboard.press("ArrowRight");
    await expect(adaPage.getByRole("button", { name: "Search filters: value 5, effort 2" })).toBeFocused();
    await expect(boPage.getByRole("button", { name: "Search filters: value 5, effort 2" })).toBeVisible();
  });

  test("Insights: charts render and their data tables match the board", async ({ browser, baseURL }) => {
    const { ada, boardId } = await twoPeople(browser, baseURL as string, RICE);
    const page = await openView(ada, boardId, "insights");
    for (const chart of ["chart-lanes", "chart-teams", "chart-scores", "chart-evidence", "chart-flow"]) {
      await expect(page.getByTestId(chart).locator("svg.recharts-surface").first()).toBeVisible();
    }
    await page.getByTestId("chart-lanes").getByRole("button", { name: "Show data" }).click();
    const rows = page.getByTestId("data-lanes").locator("tbody tr");
    await expect(rows).toHaveText([/Backlog\s*3/, /In progress\s*1/, /Done\s*0/]);
    await page.getByTestId("chart-scores").getByRole("button", { name: "Show data" }).click();
    await expect(page.getByTestId("data-scores").locator("tbody tr").last()).toHaveText(/No score\s*1/);
    await page.getByTestId("chart-flow").getByRole("button", { name: "Show data" }).click();
    await expect(page.getByTestId("data-flow").locator("tbody tr").last()).toHaveText(/3\s*1\s*0$/);
  });

  test("each view has no serious accessibility violations", async ({ browser, baseURL }) => {
    // Four pages and four axe scans: allow more than one test's usual minute on a busy machine.
    test.setTimeout(120_000);
    const { ada, boardId } = await twoPeople(browser, baseURL as string, RICE);
    for (const view of ["roadmap", "priorities", "matrix", "insights"]) {
      const page = await openView(ada, boardId, view);
      if (view === "insights")
        await page.getByTestId("chart-flow").getByRole("button", { name: "Show data" }).click();
      expect(await seriousViolations(page), view).toEqual([]);
      await page.close();
    }
  });
});
