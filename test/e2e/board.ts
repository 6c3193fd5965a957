import {
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  expect,
  type Locator,
  type Page,
} from "@playwright/test";

/** A password that passes the server's policy (long, not a common password). */
export const PASSWORD = "correct horse battery staple 42";

let people = 0;

/** A person with an account, signed in inside their own browser context (own cookies and storage). */
export interface Person {
  name: string;
  email: string;
  context: BrowserContext;
  request: APIRequestContext;
  /** State-changing API calls carry the site's Origin, as a browser's fetch does. */
  headers: { origin: string };
}

/** Signs a new person up through the REST API inside a fresh browser context. */
export async function signUp(browser: Browser, name: string, baseURL: string): Promise<Person> {
  const context = await browser.newContext({ baseURL });
  const email = `${name.toLowerCase()}-${Date.now()}-${++people}@example.test`;
  const headers = { origin: new URL(baseURL).origin };
  const response = await context.request.post("/api/auth/signup", {
    data: { email, password: PASSWORD, name },
    headers,
  });
  expect(response.status(), await response.text()).toBe(201);
  return { name, email, context, request: context.request, headers };
}

/** Creates a board owned by `owner` and returns its id. */
export async function createBoard(owner: Person, title = "E2E board", template = "empty"): Promise<string> {
  const response = await owner.request.post("/api/boards", {
    data: { title, template },
    headers: owner.headers,
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** The owner invites `person` with `role` and the person accepts, all through the REST API. */
export async function addMember(
  owner: Person,
  boardId: string,
  person: Person,
  role: "editor" | "viewer" | "owner",
) {
  const invite = await owner.request.post(`/api/boards/${boardId}/invites`, {
    data: { role },
    headers: owner.headers,
  });
  expect(invite.status(), await invite.text()).toBe(201);
  const { token } = (await invite.json()) as { token: string };
  const accepted = await person.request.post(`/api/invites/${token}/accept`, {
    headers: person.headers,
  });
  expect(accepted.ok(), await accepted.text()).toBe(true);
}

/** Ada owns a fresh board and Bo is its editor; both have it open and live. */
export async function adaAndBoOnOneBoard(browser: Browser, baseURL: string, title = "E2E board") {
  const ada = await signUp(browser, "Ada", baseURL);
  const bo = await signUp(browser, "Bo", baseURL);
  const boardId = await createBoard(ada, title);
  await addMember(ada, boardId, bo, "editor");
  return { ada, bo, boardId, adaPage: await openBoard(ada, boardId), boPage: await openBoard(bo, boardId) };
}

/** Opens a board page for a person and waits until it is live. */
export async function openBoard(person: Person, boardId: string): Promise<Page> {
  const page = await person.context.newPage();
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
  return lane(page, laneTitle).locator("[data-testid=card] .card-title").allInnerTexts();
}

/** Adds a card through the lane's composer, as a person would (the composer stays open for the next card). */
export async function addCard(page: Page, laneTitle: string, title: string): Promise<void> {
  const input = lane(page, laneTitle).getByPlaceholder("Card title");
  if (!(await input.isVisible()))
    await lane(page, laneTitle).getByRole("button", { name: "Add card" }).click();
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
