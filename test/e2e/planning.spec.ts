import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { adaAndBoOnOneBoard, addCard, card, createBoard, lane, openBoard, signUp } from "./board";

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

/** Opens a card's details dialog by clicking the card. */
async function openCard(page: Page, title: string): Promise<Locator> {
  await card(page, title).click();
  const dialog = page.getByTestId("card-dialog");
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Types a number into a planning field and commits it with Enter. */
async function setNumber(dialog: Locator, testId: string, value: string): Promise<void> {
  const input = dialog.getByTestId(testId);
  await input.fill(value);
  await input.press("Enter");
}

test("one person plans a card and the other sees its score, checklist and @mention live", async ({
  browser,
  baseURL,
}) => {
  const { adaPage, boPage } = await adaAndBoOnOneBoard(browser, baseURL as string, "Planning board");
  await addCard(adaPage, "Backlog", "SSO for enterprise");
  await adaPage.keyboard.press("Escape");
  await expect(card(boPage, "SSO for enterprise")).toBeVisible();

  const dialog = await openCard(adaPage, "SSO for enterprise");
  await dialog.getByTestId("field-type").selectOption("feature");
  await dialog.getByTestId("field-team").selectOption("Engineering");
  await setNumber(dialog, "field-reach", "800");
  await dialog.getByTestId("field-impact").selectOption("2");
  await setNumber(dialog, "field-confidence", "50");
  await setNumber(dialog, "field-effort", "4");
  await expect(dialog.getByTestId("card-score")).toHaveText("200");

  const bosCard = card(boPage, "SSO for enterprise");
  await expect(bosCard.getByTestId("badge-score")).toHaveText("score 200");
  await expect(bosCard.getByTestId("badge-type")).toHaveText("feature");

  // A refused value shows the operation's own words and writes nothing.
  await setNumber(dialog, "field-confidence", "150");
  await expect(dialog.getByRole("alert")).toHaveText(
    "The card's confidence must be a percentage from 0 to 100.",
  );
  await expect(bosCard.getByTestId("badge-score")).toHaveText("score 200");

  await dialog.getByLabel("Add a checklist item").fill("SAML spike");
  await dialog.getByLabel("Add a checklist item").press("Enter");
  await dialog.getByLabel("Add a checklist item").fill("Admin UI");
  await dialog.getByLabel("Add a checklist item").press("Enter");
  await dialog.getByRole("checkbox", { name: "SAML spike" }).check();
  await expect(bosCard.getByTestId("badge-checklist")).toHaveText("☑ 1/2");

  const box = dialog.getByTestId("comment-input");
  await box.fill("Can ");
  await box.press("End");
  await box.pressSequentially("@B");
  await expect(
    dialog.getByRole("listbox", { name: "People to mention" }).getByRole("option", { name: "Bo" }),
  ).toBeVisible();
  await box.press("Enter");
  await box.pressSequentially("size the Azure part?");
  await dialog.getByRole("button", { name: "Comment", exact: true }).click();
  await adaPage.keyboard.press("Escape");

  const bosDialog = await openCard(boPage, "SSO for enterprise");
  await expect(bosDialog.getByRole("checkbox", { name: "SAML spike" })).toBeChecked();
  await expect(bosDialog.getByTestId("comment")).toContainText("Can @Bo size the Azure part?");
  await expect(bosDialog.getByTestId("mention")).toHaveText("@Bo");
  await expect(bosDialog.getByTestId("mention")).toHaveClass(/is-me/);
  await expect(bosDialog.getByTestId("card-score")).toHaveText("200");
});

test("filtering by team hides other cards on the Board view; swimlanes group by team", async ({
  browser,
  baseURL,
}) => {
  const ada = await signUp(browser, "Ada", baseURL as string);
  const boardId = await createBoard(ada, "Teams board");
  const page = await openBoard(ada, boardId);
  for (const title of ["Design the pricing page", "Fix login bug", "Write launch post"]) {
    await addCard(page, "Backlog", title);
  }
  await page.keyboard.press("Escape");
  for (const [title, team] of [
    ["Design the pricing page", "Design"],
    ["Fix login bug", "Engineering"],
  ] as const) {
    const dialog = await openCard(page, title);
    await dialog.getByTestId("field-team").selectOption(team);
    await page.keyboard.press("Escape");
  }

  await page.getByTestId("filter-team").selectOption("Engineering");
  await expect(page.getByTestId("card")).toHaveCount(1);
  await expect(card(page, "Fix login bug")).toBeVisible();
  await expect(page.getByTestId("filter-count")).toHaveText("1 of 3");
  await page.getByRole("button", { name: "Clear" }).click();
  await expect(page.getByTestId("card")).toHaveCount(3);

  await page.getByTestId("filter-text").fill("launch");
  await expect(page.getByTestId("card")).toHaveCount(1);
  await page.getByRole("button", { name: "Clear" }).click();

  await page.getByTestId("swimlanes").selectOption("team");
  const band = (title: string) =>
    page
      .getByTestId("swimlane")
      .filter({ has: page.getByRole("heading", { name: new RegExp(`^${title}`) }) });
  await expect(band("Design").getByTestId("card")).toHaveText([/Design the pricing page/]);
  await expect(band("Engineering").getByTestId("card")).toHaveText([/Fix login bug/]);
  await expect(band("No team").getByTestId("card")).toHaveText([/Write launch post/]);
  expect(await seriousViolations(page)).toEqual([]);
});

test("a goal and linked evidence show their counts on the card and in the panels", async ({
  browser,
  baseURL,
}) => {
  const ada = await signUp(browser, "Ada", baseURL as string);
  const boardId = await createBoard(ada, "Goals board");
  const page = await openBoard(ada, boardId);
  await addCard(page, "Backlog", "Bulk invite");
  await page.keyboard.press("Escape");

  await page.getByRole("button", { name: "Goals", exact: true }).click();
  await page.getByLabel("New goal").fill("Activate teams faster");
  await page.getByRole("button", { name: "Add goal" }).click();
  await expect(page.getByTestId("goal")).toHaveCount(1);
  await page.keyboard.press("Escape");

  const dialog = await openCard(page, "Bulk invite");
  await dialog.getByTestId("field-goal").selectOption({ label: "Activate teams faster" });
  await dialog.getByRole("button", { name: "Add a quote" }).click();
  await dialog
    .getByRole("textbox", { name: "Quote", exact: true })
    .fill("Inviting 40 people one by one is painful.");
  await dialog.getByRole("textbox", { name: "Customer", exact: true }).fill("Acme");
  await dialog.getByRole("button", { name: "Add evidence" }).click();
  await expect(dialog.getByTestId("evidence-item")).toHaveCount(1);
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press("Escape");

  await expect(card(page, "Bulk invite").getByTestId("badge-evidence")).toContainText("1");
  await page.getByRole("button", { name: "Goals", exact: true }).click();
  await expect(page.getByTestId("goal-count")).toHaveText("1 card");
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: /^Evidence/ }).click();
  await expect(page.getByTestId("evidence-row")).toContainText("Bulk invite");
  await page.keyboard.press("Escape");

  await page.getByTestId("filter-goalId").selectOption({ label: "Activate teams faster" });
  await expect(page.getByTestId("card")).toHaveCount(1);
});

test("view tabs switch by keyboard, show in the URL and survive a reload", async ({ browser, baseURL }) => {
  const ada = await signUp(browser, "Ada", baseURL as string);
  const boardId = await createBoard(ada, "Tabs board");
  const page = await openBoard(ada, boardId);
  const tabs = page.getByRole("tablist", { name: "Board views" });
  await expect(tabs.getByRole("tab")).toHaveText(["Board", "Roadmap", "Priorities", "Matrix", "Insights"]);
  await expect(tabs.getByRole("tab", { name: "Board" })).toHaveAttribute("aria-selected", "true");

  await tabs.getByRole("tab", { name: "Board" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(page).toHaveURL(new RegExp(`/boards/${boardId}/roadmap$`));
  await expect(tabs.getByRole("tab", { name: "Roadmap" })).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(page).toHaveURL(new RegExp(`/boards/${boardId}/priorities$`));
  await expect(page.getByRole("tabpanel")).toHaveAttribute("data-view", "priorities");

  await page.reload();
  await expect(page.getByRole("tab", { name: "Priorities" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tabpanel")).toHaveAttribute("data-view", "priorities");

  await page.goto(`/boards/${boardId}/insights`);
  await expect(page.getByRole("tab", { name: "Insights" })).toHaveAttribute("aria-selected", "true");
  await page.getByRole("tab", { name: "Insights" }).focus();
  await page.keyboard.press("Home");
  await expect(page).toHaveURL(new RegExp(`/boards/${boardId}$`));
  await expect(lane(page, "Backlog")).toBeVisible();
});
