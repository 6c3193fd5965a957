import { describe, expect, it, vi } from "vitest";
import { PasswordStrengthProcess } from "./PasswordStrengthProcess";
import { checkPassword } from "./passwordPolicy";

describe("checkPassword", () => {
  it("starts the strength rater on the first check of a long-enough password, not at start-up", async () => {
    vi.resetModules();
    const fresh = await import("./passwordPolicy");
    expect(fresh.passwordRaterRunning()).toBe(false);
    expect((await fresh.checkPassword("short"))?.code).toBe("password_too_short");
    expect(fresh.passwordRaterRunning()).toBe(false);
    expect((await fresh.checkPassword("password123"))?.code).toBe("password_common");
    expect(fresh.passwordRaterRunning()).toBe(true);
    // It ends 2 s after the last check; the next check starts a new one.
    await vi.waitFor(() => expect(fresh.passwordRaterRunning()).toBe(false), { timeout: 5_000 });
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

/** Whether a process with this id is alive (signal 0 only checks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("PasswordStrengthProcess", () => {
  it("answers concurrent ratings each with its own result, then ends itself and its process when idle", async () => {
    const ended = vi.fn();
    const rater = new PasswordStrengthProcess({ resolveFrom: import.meta.url, idleMs: 50, onEnded: ended });
    const pid = rater.pid as number;
    const [common, weak, strong] = await Promise.all([
      rater.rate("Password123", []),
      rater.rate("aaaaaaaaaaaa", []),
      rater.rate("plum-Harbor-7-quiet-lantern", []),
    ]);
    expect(common).toEqual({ common: true, score: 0 });
    expect(weak?.common).toBe(false);
    expect(weak?.score).toBeLessThan(2);
    expect(strong?.score).toBeGreaterThanOrEqual(3);
    await vi.waitFor(() => expect(ended).toHaveBeenCalledTimes(1), { timeout: 2_000 });
    // Its memory goes back to the system with the process, not into the server's allocator.
    await vi.waitFor(() => expect(alive(pid)).toBe(false), { timeout: 5_000 });
    await expect(rater.rate("plum-Harbor-7-quiet-lantern", [])).rejects.toThrow(/ended/);
  });

  it("fails a waiting rating with a reason when its process dies", async () => {
    const ended = vi.fn();
    const rater = new PasswordStrengthProcess({
      resolveFrom: import.meta.url,
      idleMs: 60_000,
      onEnded: ended,
    });
    const waiting = rater.rate(("a".repeat(30) + "Zq9!".repeat(60)).slice(0, 64), []);
    process.kill(rater.pid as number, "SIGKILL");
    await expect(waiting).rejects.toThrow(/password strength rater exited with SIGKILL/);
    expect(ended).toHaveBeenCalledTimes(1);
  });
});
