import { describe, expect, it, vi } from "vitest";
import { PasswordStrengthWorker } from "./PasswordStrengthWorker";
import { checkPassword } from "./passwordPolicy";

describe("checkPassword", () => {
  it("starts the strength worker on the first check of a long-enough password, not at start-up", async () => {
    vi.resetModules();
    const fresh = await import("./passwordPolicy");
    expect(fresh.passwordWorkerRunning()).toBe(false);
    expect((await fresh.checkPassword("short"))?.code).toBe("password_too_short");
    expect(fresh.passwordWorkerRunning()).toBe(false);
    expect((await fresh.checkPassword("password123"))?.code).toBe("password_common");
    expect(fresh.passwordWorkerRunning()).toBe(true);
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

describe("PasswordStrengthWorker", () => {
  it("answers concurrent ratings each with its own result, then ends itself when idle", async () => {
    const ended = vi.fn();
    const worker = new PasswordStrengthWorker({ resolveFrom: import.meta.url, idleMs: 50, onEnded: ended });
    const [common, weak, strong] = await Promise.all([
      worker.rate("Password123", []),
      worker.rate("aaaaaaaaaaaa", []),
      worker.rate("plum-Harbor-7-quiet-lantern", []),
    ]);
    expect(common).toEqual({ common: true, score: 0 });
    expect(weak?.common).toBe(false);
    expect(weak?.score).toBeLessThan(2);
    expect(strong?.score).toBeGreaterThanOrEqual(3);
    await vi.waitFor(() => expect(ended).toHaveBeenCalledTimes(1), { timeout: 2_000 });
    await expect(worker.rate("plum-Harbor-7-quiet-lantern", [])).rejects.toThrow(/ended/);
  });
});
