import { expect, test } from "@playwright/test";
import {
  adaAndBoOnOneBoard,
  addCard,
  addMember,
  card,
  createBoard,
  expectLive,
  lane,
  openBoard,
  pointerDrag,
  signUp,
} from "./board";

test("a live session: the facilitator's timer shows on every screen and follow me takes the editor to the facilitator's tab and card", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const base = baseURL as string;
  const ada = await signUp(browser, "Ada", base);
  const bo = await signUp(browser, "Bo", base);
  const cy = await signUp(browser, "Cy", base);
  const boardId = await createBoard(ada, "Session board");
  await addMember(ada, boardId, bo, "editor");
  await addMember(ada, boardId, cy, "viewer");
  const adaPage = await openBoard(ada, boardId);
  await addCard(adaPage, "Backlog", "Pricing page");
  const boPage = await openBoard(bo, boardId);
  const cyPage = await openBoard(cy, boardId);

  await adaPage.getByRole("button", { name: "Start session" }).click();
  for (const page of [adaPage, boPage, cyPage]) {
    await expect(page.getByTestId("session-facilitator")).toContainText("Ada");
    await expect(page.getByTestId("session-phase")).toHaveText("Review evidence");
  }
  await expect(boPage.getByRole("button", { name: "Start session" })).toHaveCount(0);

  await adaPage.getByLabel("Minutes").fill("3");
  await adaPage.getByRole("button", { name: "Start timer" }).click();
  for (const page of [adaPage, boPage, cyPage]) {
    await expect(page.getByTestId("session-timer")).toHaveText(/^(3:00|2:5\d)$/);
  }
  await adaPage.getByRole("button", { name: "Pause" }).click();
  await adaPage.getByRole("button", { name: "+1 min" }).click();
  for (const page of [adaPage, boPage, cyPage]) {
    await expect(page.getByTestId("session-timer")).toHaveText(/^(4:00|3:5\d) \(paused\)$/);
  }

  await adaPage.getByRole("button", { name: "Next phase" }).click();
  await expect(cyPage.getByTestId("session-phase")).toHaveText("Vote");

  // Follow me: the facilitator goes to the Priorities tab; the editor and the viewer follow.
  await adaPage.getByRole("tab", { name: "Priorities" }).click();
  await expect(boPage).toHaveURL(/\/priorities$/);
  await expect(cyPage).toHaveURL(/\/priorities$/);

  // Stepping out keeps the editor where they are.
  await boPage.getByRole("button", { name: "Step out" }).click();
  await adaPage.getByRole("tab", { name: "Board" }).click();
  await expect(cyPage).not.toHaveURL(/\/priorities$/);
  await expect(boPage).toHaveURL(/\/priorities$/);
  await boPage.getByRole("button", { name: "Follow Ada" }).click();
  await expect(boPage).not.toHaveURL(/\/priorities$/);

  // The facilitator opens a card and spotlights it: followers see the card, everyone the spotlight.
  await card(adaPage, "Pricing page").click();
  await expect(boPage.getByTestId("card-dialog")).toContainText("Pricing page");
  await adaPage.getByRole("button", { name: "Spotlight for everyone" }).click();
  await expect(cyPage.getByTestId("session-spotlight")).toContainText("Pricing page");
  await expect(card(cyPage, "Pricing page")).toHaveCSS("outline-style", "solid");

  await adaPage.getByTestId("card-dialog").getByRole("button", { name: "Done" }).click();
  await adaPage.getByRole("button", { name: "End session" }).click();
  await expect(boPage.getByTestId("session-bar")).toHaveCount(0);

  for (const person of [ada, bo, cy]) await person.context.close();
});

test("a dot vote: everyone, the viewer too, places dots on the visible cards; only who voted shows until the facilitator reveals the counts", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const base = baseURL as string;
  const ada = await signUp(browser, "Ada", base);
  const cy = await signUp(browser, "Cy", base);
  const boardId = await createBoard(ada, "Vote board");
  await addMember(ada, boardId, cy, "viewer");
  const adaPage = await openBoard(ada, boardId);
  await addCard(adaPage, "Backlog", "Search");
  await addCard(adaPage, "Backlog", "Export");
  const cyPage = await openBoard(cy, boardId);

  await adaPage.getByRole("button", { name: "Start session" }).click();
  await adaPage.getByLabel("Dots each").fill("3");
  await adaPage.getByRole("button", { name: "Open vote on 2 cards" }).click();
  const cyVote = cyPage.getByTestId("vote-panel");
  await expect(cyVote).toBeVisible();
  await expect(cyVote.getByTestId("vote-remaining")).toHaveText("3 of 3 dots left");

  await cyVote.getByRole("button", { name: "Give Search a dot" }).click();
  await expect(cyVote.getByTestId("vote-remaining")).toHaveText("2 of 3 dots left");
  await cyVote.getByRole("button", { name: "Give Search a dot" }).click();
  await cyVote.getByRole("button", { name: "Give Export a dot" }).click();
  await expect(cyVote.getByTestId("vote-remaining")).toHaveText("0 of 3 dots left");
  await expect(cyVote.getByRole("button", { name: "Give Export a dot" })).toBeDisabled();

  const adaVote = adaPage.getByTestId("vote-panel");
  await expect(adaVote.getByTestId("vote-voters")).toHaveText("Voted: Cy");
  await expect(adaVote.getByTestId("vote-result")).toHaveCount(0);
  await adaVote.getByRole("button", { name: "Give Export a dot" }).click();
  await expect(cyVote.getByTestId("vote-voters")).toHaveText(/Voted: (Cy, Ada|Ada, Cy)/);

  await adaVote.getByRole("button", { name: "Reveal" }).click();
  for (const panel of [adaVote, cyVote]) {
    await expect(panel).toHaveAttribute("data-status", "revealed");
    await expect(panel.getByTestId("vote-card").filter({ hasText: "Search" })).toContainText("2 dots");
    await expect(panel.getByTestId("vote-card").filter({ hasText: "Export" })).toContainText("2 dots");
  }

  for (const person of [ada, cy]) await person.context.close();
});

test("two people move the same card to different lanes while offline: both see the conflict on the card and one settles it", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const { ada, bo, adaPage, boPage } = await adaAndBoOnOneBoard(browser, baseURL as string, "Conflict board");
  await addCard(adaPage, "Backlog", "Onboarding");
  await expect(card(boPage, "Onboarding")).toBeVisible();

  await ada.context.setOffline(true);
  await bo.context.setOffline(true);
  await expect(adaPage.getByTestId("connection-status")).toHaveAttribute("data-state", "offline");
  await expect(boPage.getByTestId("connection-status")).toHaveAttribute("data-state", "offline");
  await pointerDrag(adaPage, card(adaPage, "Onboarding"), lane(adaPage, "In progress"));
  await expect(lane(adaPage, "In progress")).toContainText("Onboarding");
  await pointerDrag(boPage, card(boPage, "Onboarding"), lane(boPage, "Done"));
  await expect(lane(boPage, "Done")).toContainText("Onboarding");
  await ada.context.setOffline(false);
  await bo.context.setOffline(false);
  await expectLive(adaPage);
  await expectLive(boPage);

  for (const page of [adaPage, boPage]) {
    await card(page, "Onboarding").click();
    const box = page.getByTestId("conflict-box");
    await expect(
      box.getByTestId("conflict-side").filter({ hasText: "Ada put it in In progress" }),
    ).toBeVisible();
    await expect(box.getByTestId("conflict-side").filter({ hasText: "Bo put it in Done" })).toBeVisible();
  }
  await boPage.getByTestId("conflict-box").getByRole("button", { name: "Keep Ada's" }).click();
  for (const page of [adaPage, boPage]) {
    await expect(page.getByTestId("conflict-box")).toHaveCount(0);
    await page.getByTestId("card-dialog").getByRole("button", { name: "Done" }).click();
    await expect(lane(page, "In progress")).toContainText("Onboarding");
  }
});
