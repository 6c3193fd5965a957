import { type APIRequestContext, type Browser, expect, type Locator, type Page } from "@playwright/test";

/** Creates a board through the REST API and returns its id. */
export async function createBoard(request: APIRequestContext, title = "E2E board"): Promise<string> {
  const response = await request.post("/api/boards", { data: { title } });
  expect(response.status()).toBe(201);
  const body = (await response.json()) as { id: string };
  return body.id;
}

/** Opens a board in a fresh browser context (its own storage, like a second person) and waits until it is live. */
export async function openBoard(browser: Browser, boardId: string, name: string): Promise<Page> {
  const context = await browser.newContext();
  await context.addInitScript((personName) => {
    if (!localStorage.getItem("converge.user.name")) localStorage.setItem("converge.user.name", personName);
  }, name);
  const page = await context.newPage();
  await page.goto(`/boards/${boardId}`);
  await expectLive(page);
  return page;
}

/** Waits until the page says it is connected and synced. */
export async function expectLive(page: Page): Promise<void> {
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-state", "live");
}

/** The lane column with this title. */
export function lane(page: Page, title: string): Locator {
  return page.getByTestId("lane").filter({ has: page.getByRole("heading", { name: title, exact: true }) });
}

/** The card with this title, wherever it is. */
export function card(page: Page, title: string): Locator {
  return page.getByTestId("card").filter({ hasText: title });
}

/** Titles of the cards in a lane, top to bottom. */
export async function cardTitles(page: Page, laneTitle: string): Promise<string[]> {
  return lane(page, laneTitle).getByTestId("card-title").allInnerTexts();
}

/** Adds a card through the lane's composer, as a person would. */
export async function addCard(page: Page, laneTitle: string, title: string): Promise<void> {
  await lane(page, laneTitle).getByRole("button", { name: "Add card" }).click();
  const input = lane(page, laneTitle).getByPlaceholder("Card title");
  await input.fill(title);
  await input.press("Enter");
  await expect(card(page, title)).toBeVisible();
}

/** Drags with a real pointer: press, move past the activation distance, glide in steps, release. */
export async function pointerDrag(page: Page, from: Locator, to: Locator): Promise<void> {
  const source = await from.boundingBox();
  const target = await to.boundingBox();
  if (!source || !target) throw new Error("drag source or target is not on screen");
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(source.x + source.width / 2 + 8, source.y + source.height / 2 + 8);
  await page.mouse.move(target.x + target.width / 2, target.y + Math.min(target.height / 2, 60), {
    steps: 15,
  });
  await page.mouse.up();
}
