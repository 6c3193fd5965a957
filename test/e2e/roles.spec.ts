import { type Browser, expect, type Page, test } from "@playwright/test";
import { addCard, card, cardTitles, expectLive, lane, PASSWORD } from "./board";

/** Creates an account through the sign-up form on whatever page shows it. */
async function createAccountInForm(page: Page, name: string): Promise<void> {
  await page.getByRole("tab", { name: "Create account" }).click();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(`${name.toLowerCase().replace(/\W/g, "")}-${Date.now()}@example.test`);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
}

/** Opens an invite link in a fresh browser, signs up on the invite page and accepts. */
async function acceptAsNewPerson(
  browser: Browser,
  baseURL: string,
  link: string,
  name: string,
): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto(link);
  await createAccountInForm(page, name);
  await expect(page.getByTestId("invite-preview")).toContainText("Ada");
  await page.getByRole("button", { name: "Accept invitation" }).click();
  await expectLive(page);
  return page;
}

/** Creates an invite link with a role in the owner's Share dialog and returns it. */
async function inviteLink(owner: Page, role: "Editor" | "Viewer"): Promise<string> {
  await owner.getByRole("button", { name: "Share" }).click();
  const dialog = owner.getByTestId("members-dialog");
  const inviteAs = dialog.getByLabel("Invite as");
  const option = await inviteAs.locator("option", { hasText: role }).first().getAttribute("value");
  await inviteAs.selectOption(option ?? role.toLowerCase());
  await dialog.getByRole("button", { name: "Create invite link" }).click();
  const field = dialog.getByLabel("Invite link");
  await expect(field).toHaveValue(/\/invite\//);
  const link = await field.inputValue();
  await owner.keyboard.press("Escape");
  return link;
}

test("an owner invites a teammate and a stakeholder; the teammate edits live, the viewer watches and cannot change", async ({
  browser,
  baseURL,
}) => {
  const base = baseURL as string;
  const ownerContext = await browser.newContext({ baseURL: base });
  const ada = await ownerContext.newPage();
  await ada.goto("/");
  await createAccountInForm(ada, "Ada Lovelace");
  await expect(ada.getByRole("heading", { name: "Your boards" })).toBeVisible();

  await ada.getByRole("button", { name: "New board" }).click();
  await ada.getByLabel("Board title").fill("Q3 roadmap");
  await ada.getByRole("radio", { name: /Now \/ Next \/ Later roadmap/ }).check();
  await ada.getByRole("button", { name: "Create board" }).click();
  await expectLive(ada);
  await expect(ada.getByTestId("role-badge")).toHaveAttribute("data-role", "owner");
  await expect(ada.getByTestId("lane").getByRole("heading")).toHaveText(["Now", "Next", "Later", "Done"]);

  const editorLink = await inviteLink(ada, "Editor");
  const viewerLink = await inviteLink(ada, "Viewer");
  const bo = await acceptAsNewPerson(browser, base, editorLink, "Bo Editor");
  const cy = await acceptAsNewPerson(browser, base, viewerLink, "Cy Stakeholder");
  await expect(bo.getByTestId("role-badge")).toHaveAttribute("data-role", "editor");
  await expect(cy.getByTestId("role-badge")).toHaveAttribute("data-role", "viewer");
  await expect(cy.getByTestId("read-only-banner")).toBeVisible();

  await addCard(bo, "Now", "Usage-based pricing");
  await expect(card(ada, "Usage-based pricing")).toBeVisible();
  await expect(card(cy, "Usage-based pricing")).toBeVisible();

  // The viewer has no way to change the board, and a drag attempt changes nothing anywhere.
  await expect(cy.getByRole("button", { name: "Add card" })).toHaveCount(0);
  await expect(cy.getByRole("button", { name: "Add lane" })).toHaveCount(0);
  const source = await card(cy, "Usage-based pricing").boundingBox();
  const target = await lane(cy, "Later").boundingBox();
  if (!source || !target) throw new Error("not on screen");
  await cy.mouse.move(source.x + 20, source.y + 10);
  await cy.mouse.down();
  await cy.mouse.move(source.x + 40, source.y + 30);
  await cy.mouse.move(target.x + 50, target.y + 60, { steps: 10 });
  await cy.mouse.up();
  await cy.reload();
  await expectLive(cy);
  expect(await cardTitles(cy, "Now")).toEqual(["Usage-based pricing"]);
  expect(await cardTitles(ada, "Later")).toEqual([]);

  // The owner sees who is on the board with which role.
  await ada.goto("/");
  const row = ada.getByTestId("board-row").filter({ hasText: "Q3 roadmap" });
  await expect(row.locator(".role-badge")).toHaveAttribute("data-role", "owner");
  await expect(row.getByTestId("board-members").locator("[title*='Bo Editor']")).toHaveCount(1);
  await expect(row.getByTestId("board-members").locator("[title*='Cy Stakeholder']")).toHaveCount(1);
});

test("a wrong password is refused with the same answer as an unknown email", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Email").fill("nobody@example.test");
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText(/email or password/i);
});
