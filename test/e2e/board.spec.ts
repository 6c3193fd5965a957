import { expect, test } from "@playwright/test";
import { addCard, card, cardTitles, createBoard, expectLive, lane, openBoard, pointerDrag } from "./board";

test.describe("two people on one board", () => {
  test("a card added in one window appears in the other, and survives a reload", async ({
    browser,
    request,
  }) => {
    const boardId = await createBoard(request, "Launch plan");
    const ada = await openBoard(browser, boardId, "Ada");
    const bo = await openBoard(browser, boardId, "Bo");

    await addCard(ada, "Backlog", "Pricing page copy");
    await expect(card(bo, "Pricing page copy")).toBeVisible();
    await addCard(bo, "Backlog", "Onboarding email");
    await expect(card(ada, "Onboarding email")).toBeVisible();
    expect(await cardTitles(ada, "Backlog")).toEqual(["Pricing page copy", "Onboarding email"]);

    await bo.reload();
    await expectLive(bo);
    expect(await cardTitles(bo, "Backlog")).toEqual(["Pricing page copy", "Onboarding email"]);

    const fresh = await openBoard(browser, boardId, "Cy");
    expect(await cardTitles(fresh, "Backlog")).toEqual(["Pricing page copy", "Onboarding email"]);
  });

  test("each sees who else is here", async ({ browser, request }) => {
    const boardId = await createBoard(request);
    const ada = await openBoard(browser, boardId, "Ada");
    await openBoard(browser, boardId, "Bo");
    await expect(ada.getByTestId("presence").getByTestId("avatar")).toHaveCount(2);
    await expect(ada.getByTestId("presence")).toContainText("B");
  });

  test("a pointer drag across lanes in one window moves the card in the other", async ({
    browser,
    request,
  }) => {
    const boardId = await createBoard(request);
    const ada = await openBoard(browser, boardId, "Ada");
    const bo = await openBoard(browser, boardId, "Bo");
    await addCard(ada, "Backlog", "Search filters");
    await addCard(ada, "Backlog", "Export to CSV");
    await expect(card(bo, "Export to CSV")).toBeVisible();

    await pointerDrag(ada, card(ada, "Search filters"), lane(ada, "In progress"));
    await expect(lane(ada, "In progress").getByTestId("card")).toHaveCount(1);
    await expect.poll(() => cardTitles(bo, "In progress")).toEqual(["Search filters"]);
    expect(await cardTitles(bo, "Backlog")).toEqual(["Export to CSV"]);
  });

  test("a keyboard move in one window is seen in the other", async ({ browser, request }) => {
    const boardId = await createBoard(request);
    const ada = await openBoard(browser, boardId, "Ada");
    const bo = await openBoard(browser, boardId, "Bo");
    await addCard(ada, "Backlog", "Audit log");
    await expect(card(bo, "Audit log")).toBeVisible();

    await card(ada, "Audit log").focus();
    await ada.keyboard.press("Space");
    await ada.keyboard.press("ArrowRight");
    await ada.keyboard.press("Space");
    await expect.poll(() => cardTitles(ada, "In progress")).toEqual(["Audit log"]);
    await expect.poll(() => cardTitles(bo, "In progress")).toEqual(["Audit log"]);
    await expect(bo.getByTestId("remote-announcer")).toContainText("Audit log");
  });

  test("an edit made offline is delivered when the browser comes back online", async ({
    browser,
    request,
  }) => {
    const boardId = await createBoard(request);
    const ada = await openBoard(browser, boardId, "Ada");
    const bo = await openBoard(browser, boardId, "Bo");

    await ada.context().setOffline(true);
    await expect(ada.getByTestId("connection-status")).toHaveAttribute("data-state", "offline");
    await addCard(ada, "Backlog", "Written on the train");
    await expect(card(ada, "Written on the train")).toBeVisible();
    await expect(card(bo, "Written on the train")).toHaveCount(0);

    await ada.context().setOffline(false);
    await expectLive(ada);
    await expect(card(bo, "Written on the train")).toBeVisible();
  });
});
