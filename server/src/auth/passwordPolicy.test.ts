import { describe, expect, it, vi } from "vitest";
import { checkPassword } from "./passwordPolicy";

describe("checkPassword", () => {
  it("starts the password process on the first check of a long-enough password, not at start-up", async () => {
    vi.resetModules();
    const fresh = await import("./passwordPolicy");
    const { passwordProcessRunning } = await import("./PasswordProcess");
    expect(passwordProcessRunning()).toBe(false);
    expect((await fresh.checkPassword("short"))?.code).toBe("password_too_short");
    expect(passwordProcessRunning()).toBe(false);
    expect((await fresh.checkPassword("password123"))?.code).toBe("password_common");
    expect(passwordProcessRunning()).toBe(true);
    // It ends 2 s after the last check; the next check starts a new one.
    await vi.waitFor(() => expect(passwordProcessRunning()).toBe(false), { timeout: 5_000 });
    expect((await fresh.checkPassword("PASSWORD123"))?.code).toBe("password_common");
  });

  it("accepts a long, unpredictable password", async () => {
    expect(await checkPassword("plum-Harbor-7-quiet-lantern")).toBeNull();
  });

  it.each([
    ["too short", "Xk3!pq", "password_too_short"],
    ["too long", "x".repeat(257), "password_too_long"],
    ["common", "password123", "password_common"],
    ["common in another case", "PASSWORD123", "password_common"],
    ["weak (repetition)", "aaaaaaaaaaaa", "password_weak"],
    ["weak (keyboard walk)", "qwertyuiop1", "password_common"],
  ])("refuses a %s password with a reason", async (_name, password, code) => {
    const problem = await checkPassword(password);
    expect(problem?.code).toBe(code);
    expect(problem?.message).toMatch(/^password: /);
  });

  it("counts the person's own email and name against the password", async () => {
    expect(
      (await checkPassword("adalovelace1815", ["ada.lovelace1815@example.com", "Ada Lovelace"]))?.code,
    ).toBe("password_weak");
  });

  it("counts characters, not UTF-16 units", async () => {
    expect((await checkPassword("🔒🔒🔒🔒🔒"))?.code).toBe("password_too_short");
  });

  it("keeps the event loop turning while a slow password is rated (boards do not freeze during a sign-up)", async () => {
    await checkPassword("plum-Harbor-7-quiet-lantern");
    // zxcvbn needs hundreds of milliseconds for a long repetitive password; on the main thread this check would
    // finish before anything else ran.
    const turns: string[] = [];
    const check = checkPassword(("a".repeat(30) + "Zq9!".repeat(60)).slice(0, 64)).then(() =>
      turns.push("rated"),
    );
    setImmediate(() => turns.push("event loop turned"));
    await check;
    expect(turns[0]).toBe("event loop turned");
  });
});
