import AxeBuilder from "@axe-core/playwright";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { addCard, addMember, card, createBoard, openBoard, signUp } from "./board";

/** Serious and critical axe-core violations on the page as it is now, summarised for a readable failure. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target).join(", ")})`,
    );
}

test("the sign-in page has no serious accessibility violations", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByLabel("Email")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

/** Ada owns a product-backlog board with one card, "Keyboard shortcuts", and Cy is its viewer. */
async function accessibleBoard(browser: Browser, baseURL: string) {
  const ada = await signUp(browser, "Ada", baseURL);
  const cy = await signUp(browser, "Cy", baseURL);
  const boardId = await createBoard(ada, "Accessible board", "product-backlog");
  await addMember(ada, boardId, cy, "viewer");
  const board = await openBoard(ada, boardId);
  await addCard(board, "Backlog", "Keyboard shortcuts");
  await board.keyboard.press("Escape");
  return { ada, cy, boardId, board };
}

// Each page gets its own test: an axe scan takes seconds, and one test scanning every page ran past the time limit.
test("the boards list, a board and a card's details have no serious accessibility violations", async ({
  browser,
  baseURL,
}) => {
  const { ada, board } = await accessibleBoard(browser, baseURL as string);
  expect(await seriousViolations(board)).toEqual([]);

  await card(board, "Keyboard shortcuts").click();
  await expect(board.getByTestId("card-dialog")).toBeVisible();
  expect(await seriousViolations(board)).toEqual([]);

  const list = await ada.context.newPage();
  await list.goto("/");
  await expect(list.getByTestId("board-list")).toBeVisible();
  expect(await seriousViolations(list)).toEqual([]);
});

test("a session's panels — recording a decision, the summary, the Decisions panel — have no serious accessibility violations", async ({
  browser,
  baseURL,
}) => {
  const { board } = await accessibleBoard(browser, baseURL as string);
  await card(board, "Keyboard shortcuts").click();
  await board.getByRole("button", { name: "Record decision" }).click();
  expect(await seriousViolations(board)).toEqual([]);
  await board.getByTestId("card-dialog").getByRole("button", { name: "Done" }).click();
  await board.getByRole("button", { name: "Start session" }).click();
  await board.getByRole("button", { name: "End session" }).click();
  await expect(board.getByTestId("session-summary")).toBeVisible();
  expect(await seriousViolations(board)).toEqual([]);
  await board.keyboard.press("Escape");
  await board.getByRole("button", { name: "Decisions" }).click();
  await expect(board.getByTestId("decisions-panel")).toBeVisible();
  expect(await seriousViolations(board)).toEqual([]);
});

test("the view-only board has no serious accessibility violations", async ({ browser, baseURL }) => {
  const { cy, boardId } = await accessibleBoard(browser, baseURL as string);
  const viewer = await openBoard(cy, boardId);
  await expect(viewer.getByTestId("read-only-banner")).toBeVisible();
  expect(await seriousViolations(viewer)).toEqual([]);
});
