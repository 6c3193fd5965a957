import { expect, type Page, test } from "@playwright/test";
import { adaAndBoOnOneBoard, addCard, card, cardTitles, pointerDrag } from "./board";

/** The swimlane band with this title. */
function band(page: Page, title: string) {
  return page
    .getByTestId("swimlane")
    .filter({ has: page.getByRole("heading", { name: new RegExp(`^${title}`) }) });
}

test("a card dragged into another team's swimlane and lane moves and changes team for everyone at once", async ({
  browser,
  baseURL,
}) => {
  const { adaPage, boPage } = await adaAndBoOnOneBoard(browser, baseURL as string);
  await addCard(adaPage, "Backlog", "Fix login bug");
  await adaPage.keyboard.press("Escape");
  await card(adaPage, "Fix login bug").click();
  await adaPage.getByTestId("card-dialog").getByTestId("field-team").selectOption("Engineering");
  await adaPage.keyboard.press("Escape");
  await expect(card(boPage, "Fix login bug")).toBeVisible();

  await adaPage.getByTestId("swimlanes").selectOption("team");
  await boPage.getByTestId("swimlanes").selectOption("team");
  await expect(band(adaPage, "Engineering").getByTestId("card")).toHaveText([/Fix login bug/]);
  // The Design band's second cell is the "In progress" lane.
  await pointerDrag(
    adaPage,
    card(adaPage, "Fix login bug"),
    band(adaPage, "Design").getByTestId("swimlane-cell").nth(1),
  );

  for (const page of [adaPage, boPage]) {
    await expect(band(page, "Design").getByTestId("card")).toHaveText([/Fix login bug/]);
    await expect(band(page, "Engineering").getByTestId("card")).toHaveCount(0);
  }
  await boPage.getByTestId("swimlanes").selectOption("none");
  await expect.poll(() => cardTitles(boPage, "In progress")).toEqual(["Fix login bug"]);
});
