import { type Browser, expect, test } from "@playwright/test";
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

/**
 * Ada (owner and facilitator), Bo (editor) and Cy (viewer) on a new board whose Backlog holds `cards`, each with the
 * board open in their own browser context.
 */
async function sessionTrio(browser: Browser, base: string, title: string, cards: readonly string[]) {
  const ada = await signUp(browser, "Ada", base);
  const bo = await signUp(browser, "Bo", base);
  const cy = await signUp(browser, "Cy", base);
  const boardId = await createBoard(ada, title);
  await addMember(ada, boardId, bo, "editor");
  await addMember(ada, boardId, cy, "viewer");
  const adaPage = await openBoard(ada, boardId);
  for (const cardTitle of cards) await addCard(adaPage, "Backlog", cardTitle);
  const boPage = await openBoard(bo, boardId);
  const cyPage = await openBoard(cy, boardId);
  return { ada, bo, cy, boardId, adaPage, boPage, cyPage };
}

test("a live session: the facilitator's timer shows on every screen and follow me takes the editor to the facilitator's tab and card", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const { ada, bo, cy, adaPage, boPage, cyPage } = await sessionTrio(
    browser,
    baseURL as string,
    "Session board",
    ["Pricing page"],
  );

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

test("a whole session with a facilitator, an editor and a viewer: timer, follow me, a dot vote, a conflict from two concurrent moves settled by a quick vote, the decision log after reload and the summary", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const { ada, bo, cy, adaPage, boPage, cyPage } = await sessionTrio(
    browser,
    baseURL as string,
    "Planning session",
    ["Onboarding", "Search"],
  );
  const everyone = [adaPage, boPage, cyPage];

  // Timer: one countdown on every screen.
  await adaPage.getByRole("button", { name: "Start session" }).click();
  await adaPage.getByLabel("Minutes").fill("10");
  await adaPage.getByRole("button", { name: "Start timer" }).click();
  for (const page of everyone) await expect(page.getByTestId("session-timer")).toHaveText(/^(10:00|9:5\d)$/);

  // Follow me, then the facilitator stops it: nobody is led any more.
  await adaPage.getByRole("tab", { name: "Priorities" }).click();
  for (const page of [boPage, cyPage]) await expect(page).toHaveURL(/\/priorities$/);
  await adaPage.getByRole("tab", { name: "Board" }).click();
  for (const page of [boPage, cyPage]) await expect(page).not.toHaveURL(/\/priorities$/);
  await adaPage.getByLabel("Follow me").uncheck();
  for (const page of [boPage, cyPage])
    await expect(page.getByRole("button", { name: "Step out" })).toHaveCount(0);

  // A dot vote, the viewer too; after the reveal the totals are badges on the cards.
  await adaPage.getByLabel("Dots each").fill("2");
  await adaPage.getByRole("button", { name: "Open vote on 2 cards" }).click();
  for (const [page, title] of [
    [cyPage, "Search"],
    [boPage, "Search"],
    [adaPage, "Onboarding"],
  ] as const) {
    await page
      .getByTestId("vote-panel")
      .getByRole("button", { name: `Give ${title} a dot` })
      .click();
    await expect(page.getByTestId("vote-remaining")).toHaveText("1 of 2 dots left");
  }
  await expect(adaPage.getByTestId("vote-voters")).toContainText("Cy");
  await adaPage.getByTestId("vote-panel").getByRole("button", { name: "Reveal" }).click();
  for (const page of everyone) {
    await expect(page.getByTestId("vote-panel")).toHaveAttribute("data-status", "revealed");
    await expect(card(page, "Search").getByTestId("badge-votes")).toHaveText(/2/);
    await expect(card(page, "Onboarding").getByTestId("badge-votes")).toHaveText(/1/);
  }
  await adaPage.screenshot({ path: "client/screenshots/session-vote.png" });

  // A conflict: the facilitator and the editor move the same card to different lanes at once (offline).
  for (const person of [ada, bo]) await person.context.setOffline(true);
  await pointerDrag(adaPage, card(adaPage, "Onboarding"), lane(adaPage, "In progress"));
  await expect(lane(adaPage, "In progress")).toContainText("Onboarding");
  await pointerDrag(boPage, card(boPage, "Onboarding"), lane(boPage, "Done"));
  await expect(lane(boPage, "Done")).toContainText("Onboarding");
  for (const person of [ada, bo]) await person.context.setOffline(false);
  for (const page of [adaPage, boPage]) await expectLive(page);
  for (const page of [adaPage, boPage]) {
    await card(page, "Onboarding").click();
    const box = page.getByTestId("conflict-box");
    await expect(
      box.getByTestId("conflict-side").filter({ hasText: "Ada put it in In progress" }),
    ).toBeVisible();
    await expect(box.getByTestId("conflict-side").filter({ hasText: "Bo put it in Done" })).toBeVisible();
  }
  await adaPage.screenshot({ path: "client/screenshots/session-conflict.png" });

  // A quick vote between the two sides settles it: the viewer and the editor vote, the facilitator reveals.
  await boPage.getByTestId("conflict-box").getByRole("button", { name: "Open a quick vote" }).click();
  await expect(boPage.getByTestId("conflict-vote-open")).toBeVisible();
  const cyPanel = cyPage.getByTestId("vote-panel");
  await expect(cyPanel).toContainText("Quick vote on “Onboarding”");
  await cyPanel.getByRole("button", { name: "Give Ada: In progress a dot" }).click();
  await expect(cyPanel.getByTestId("vote-remaining")).toHaveText("0 of 1 dots left");
  // The editor votes from the card's dialog, where the conflict is.
  await boPage.getByRole("button", { name: "Vote for Ada: In progress" }).click();
  await expect(boPage.getByTestId("conflict-vote-open")).toContainText("You voted for Ada: In progress");
  await expect(adaPage.getByTestId("conflict-vote-open")).toContainText("2 voted");
  await boPage.getByRole("button", { name: "Reveal the vote" }).click();
  // The sides are listed earlier write first, which may be either person's.
  await expect(adaPage.getByTestId("conflict-vote-result")).toContainText("Ada: In progress 2");
  await expect(adaPage.getByTestId("conflict-vote-result")).toContainText("Bo: Done 0");
  await adaPage.getByRole("button", { name: "Settle with the vote (Ada: In progress)" }).click();
  for (const page of [adaPage, boPage]) {
    await expect(page.getByTestId("conflict-box")).toHaveCount(0);
    await page.getByTestId("card-dialog").getByRole("button", { name: "Done" }).click();
  }
  for (const page of everyone) await expect(lane(page, "In progress")).toContainText("Onboarding");

  // An explicit priority decision, recorded from a card.
  await card(boPage, "Search").click();
  await boPage.getByRole("button", { name: "Record decision" }).click();
  await expect(boPage.getByLabel("Decision", { exact: true })).toBeFocused();
  await boPage.getByLabel("Decision", { exact: true }).fill("Search goes first next quarter");
  await boPage.getByLabel("Alternatives (one per line)").fill("Search first\nExport first");
  await boPage.getByLabel("Rationale").fill("Most dots in the vote");
  await boPage.getByRole("button", { name: "Save decision" }).click();
  await expect(boPage.getByTestId("card-decisions")).toContainText("Search goes first next quarter");
  await expect(boPage.getByRole("button", { name: "Record decision" })).toBeFocused();
  await boPage.getByTestId("card-dialog").getByRole("button", { name: "Done" }).click();

  // After a reload the viewer finds both decisions in the Decisions panel (Alt+Shift+D) and filters them.
  await cyPage.reload();
  await expectLive(cyPage);
  await cyPage.locator("body").press("Alt+Shift+D");
  const panel = cyPage.getByTestId("decisions-panel");
  await expect(panel.getByTestId("decision")).toHaveCount(2);
  await expect(panel.getByTestId("decision").first()).toContainText("Search goes first next quarter");
  await expect(panel.getByTestId("decision").nth(1)).toContainText("“Onboarding” goes to In progress");
  await expect(panel.getByTestId("decision").nth(1)).toContainText(
    /Ada: In progress · Bo: Done|Bo: Done · Ada: In progress/,
  );
  await expect(panel.getByTestId("decision").nth(1)).toContainText(/Quick vote: .*Ada: In progress 2/);
  await expect(panel.getByTestId("decision").nth(1)).toContainText("by Ada");
  await cyPage.screenshot({ path: "client/screenshots/session-decisions.png" });
  await panel.getByLabel("Search decisions").fill("quick vote");
  await expect(panel.getByTestId("decision")).toHaveCount(1);
  await panel.getByRole("button", { name: "Open card Onboarding" }).click();
  await expect(cyPage.getByTestId("card-dialog")).toContainText("Onboarding");
  await cyPage.getByTestId("card-dialog").getByRole("button", { name: "Done" }).click();

  // The facilitator ends the session: everyone there sees the summary; a link opens it later.
  await adaPage.getByRole("button", { name: "End session" }).click();
  for (const page of [adaPage, boPage]) {
    const summary = page.getByTestId("session-summary");
    await expect(summary.getByTestId("summary-moved")).toContainText("Onboarding: Backlog → In progress");
    await expect(summary.getByTestId("summary-decisions")).toContainText("Search goes first next quarter");
    await expect(summary.getByTestId("summary-votes")).toContainText("Search 2 dots");
    // The quick vote's options are named by their sides, though the conflict was settled since.
    const quickVote = summary.getByTestId("summary-votes").getByText("Quick vote on “Onboarding”");
    await expect(quickVote).toContainText("Ada: In progress 2 dots");
    await expect(quickVote).toContainText("Bo: Done 0 dots");
  }
  await adaPage.screenshot({ path: "client/screenshots/session-summary.png" });
  const link = await adaPage.getByTestId("summary-link").inputValue();
  await cyPage.goto(link);
  await expect(cyPage.getByTestId("session-summary").getByTestId("summary-moved")).toContainText(
    "Onboarding",
  );

  for (const person of [ada, bo, cy]) await person.context.close();
});
