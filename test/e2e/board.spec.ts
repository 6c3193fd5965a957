import { expect, test } from "@playwright/test";
import {
  adaAndBoOnOneBoard,
  addCard,
  addMember,
  card,
  cardTitles,
  createBoard,
  expectLive,
  lane,
  openBoard,
  pointerDrag,
  signUp,
} from "./board";

test.describe("two people on one board", () => {
  test("a card added in one window appears in the other, and survives a reload", async ({
    browser,
    baseURL,
  }) => {
    const { adaPage, boPage } = await adaAndBoOnOneBoard(browser, baseURL as string, "Launch plan");

    await addCard(adaPage, "Backlog", "Pricing page copy");
    await expect(card(boPage, "Pricing page copy")).toBeVisible();
    await addCard(boPage, "Backlog", "Onboarding email");
    await expect(card(adaPage, "Onboarding email")).toBeVisible();
    expect(await cardTitles(adaPage, "Backlog")).toEqual(["Pricing page copy", "Onboarding email"]);

    await boPage.reload();
    await expectLive(boPage);
    expect(await cardTitles(boPage, "Backlog")).toEqual(["Pricing page copy", "Onboarding email"]);
  });

  test("each sees who else is here, under their account name", async ({ browser, baseURL }) => {
    const { adaPage } = await adaAndBoOnOneBoard(browser, baseURL as string);
    await expect(adaPage.getByTestId("presence").getByTestId("avatar")).toHaveCount(2);
    await expect(adaPage.getByTestId("presence").locator("[title^='Bo']")).toHaveCount(1);
  });

  test("a pointer drag across lanes in one window moves the card in the other", async ({
    browser,
    baseURL,
  }) => {
    const { adaPage, boPage } = await adaAndBoOnOneBoard(browser, baseURL as string);
    await addCard(adaPage, "Backlog", "Search filters");
    await addCard(adaPage, "Backlog", "Export to CSV");
    await expect(card(boPage, "Export to CSV")).toBeVisible();

    await pointerDrag(adaPage, card(adaPage, "Search filters"), lane(adaPage, "In progress"));
    await expect.poll(() => cardTitles(adaPage, "In progress")).toEqual(["Search filters"]);
    await expect.poll(() => cardTitles(boPage, "In progress")).toEqual(["Search filters"]);
    expect(await cardTitles(boPage, "Backlog")).toEqual(["Export to CSV"]);
    await expect(boPage.getByTestId("remote-moves")).toContainText("Search filters");
  });

  test("a keyboard move in one window is seen in the other", async ({ browser, baseURL }) => {
    const { adaPage, boPage } = await adaAndBoOnOneBoard(browser, baseURL as string);
    await addCard(adaPage, "Backlog", "Audit log");
    await expect(card(boPage, "Audit log")).toBeVisible();

    await card(adaPage, "Audit log").focus();
    await adaPage.keyboard.press("Space");
    await adaPage.keyboard.press("ArrowRight");
    await adaPage.keyboard.press("Space");
    await expect.poll(() => cardTitles(adaPage, "In progress")).toEqual(["Audit log"]);
    await expect.poll(() => cardTitles(boPage, "In progress")).toEqual(["Audit log"]);
    await expect(boPage.getByTestId("remote-moves")).toContainText("Audit log");
  });

  test("an edit made offline is delivered when the browser comes back online", async ({
    browser,
    baseURL,
  }) => {
    const { ada, adaPage, boPage } = await adaAndBoOnOneBoard(browser, baseURL as string);

    await ada.context.setOffline(true);
    await expect(adaPage.getByTestId("connection-status")).toHaveAttribute("data-state", "offline");
    await addCard(adaPage, "Backlog", "Written on the train");
    await expect(card(boPage, "Written on the train")).toHaveCount(0);

    await ada.context.setOffline(false);
    await expectLive(adaPage);
    await expect(card(boPage, "Written on the train")).toBeVisible();
  });

  test("an edit made offline survives closing the tab before reconnecting", async ({ browser, baseURL }) => {
    const ada = await signUp(browser, "Ada", baseURL as string);
    const boardId = await createBoard(ada);
    const adaPage = await openBoard(ada, boardId);
    await ada.context.setOffline(true);
    await expect(adaPage.getByTestId("connection-status")).toHaveAttribute("data-state", "offline");
    await addCard(adaPage, "Backlog", "Kept on this device");
    await adaPage.close();

    await ada.context.setOffline(false);
    const again = await openBoard(ada, boardId);
    await expect(card(again, "Kept on this device")).toBeVisible();
    const fresh = await signUp(browser, "Cy", baseURL as string);
    await addMember(ada, boardId, fresh, "viewer");
    const cyPage = await openBoard(fresh, boardId);
    await expect(card(cyPage, "Kept on this device")).toBeVisible();
  });
});
