import { expect, test } from "@playwright/test";
import { adaAndBoOnOneBoard, addCard, card, lane } from "./board";

test("teammates see who is typing in which field of a card, and each other's cursors on the board", async ({
  browser,
  baseURL,
}) => {
  const { adaPage, boPage } = await adaAndBoOnOneBoard(browser, baseURL as string, "Presence");
  await addCard(adaPage, "Backlog", "Usage-based pricing");
  await addCard(adaPage, "Backlog", "Team invites");
  await expect(card(boPage, "Usage-based pricing")).toBeVisible();

  await card(adaPage, "Usage-based pricing").click();
  await card(boPage, "Usage-based pricing").click();
  const adaDialog = adaPage.getByTestId("card-dialog");
  const effortBeside = adaDialog.locator("[data-presence-field=effort]").getByTestId("field-presence-effort");
  await expect(effortBeside).toHaveCount(0);

  await boPage.getByTestId("card-dialog").getByTestId("field-effort").focus();
  await expect(effortBeside).toHaveText("Bo is editing");
  await expect(adaDialog.locator(".field-presence")).toHaveCount(1);
  await adaPage.screenshot({ path: "/tmp/p-results/presence-field.png" });

  await boPage.getByTestId("card-dialog").getByTestId("field-reach").focus();
  await expect(effortBeside).toHaveCount(0);
  await expect(adaDialog.getByTestId("field-presence-reach")).toHaveText("Bo is editing");

  await boPage.getByTestId("card-dialog").getByRole("button", { name: "Done" }).click();
  await expect(adaDialog.locator(".field-presence")).toHaveCount(0);
  await adaDialog.getByRole("button", { name: "Done" }).click();

  const cursor = adaPage.getByTestId("live-cursor");
  await expect(cursor).toHaveCount(0);
  const target = await lane(boPage, "In progress").boundingBox();
  if (!target) throw new Error("the In progress lane is not on screen");
  await boPage.mouse.move(target.x + 40, target.y + 60);
  await boPage.mouse.move(target.x + 60, target.y + 80, { steps: 4 });
  await expect(cursor).toHaveCount(1);
  await expect(cursor).toHaveText("Bo");
  // Board-content coordinates: Ada's and Bo's windows are the same size, so Bo's cursor sits over the same lane.
  const seen = await cursor.boundingBox();
  const adaLane = await lane(adaPage, "In progress").boundingBox();
  expect(seen && adaLane && seen.x >= adaLane.x && seen.x <= adaLane.x + adaLane.width).toBe(true);
  await adaPage.screenshot({ path: "client/screenshots/presence.png" });

  await boPage.mouse.move(1, 1);
  await boPage.getByTestId("presence").hover();
  await expect(cursor).toHaveCount(0);
});
