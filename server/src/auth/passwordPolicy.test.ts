import { describe, expect, it, vi } from "vitest";
import { checkPassword } from "./passwordPolicy";

describe("checkPassword", () => {
  it("loads the strength dictionaries on the first check of a long-enough password, not at start-up", async () => {
    vi.resetModules();
    const fresh = await import("./passwordPolicy");
    expect(fresh.passwordDictionariesLoaded()).toBe(false);
    expect(fresh.checkPassword("short")?.code).toBe("password_too_short");
    expect(fresh.passwordDictionariesLoaded()).toBe(false);
    expect(fresh.checkPassword("password123")?.code).toBe("password_common");
    expect(fresh.passwordDictionariesLoaded()).toBe(true);
  });

  it("accepts a long, unpredictable password", () => {
    expect(checkPassword("plum-Harbor-7-quiet-lantern")).toBeNull();
  });

  it.each([
    ["too short", "Xk3!pq", "password_too_short"],
    ["too long", "x".repeat(257), "password_too_long"],
    ["common", "password123", "password_common"],
    ["common in another case", "PASSWORD123", "password_common"],
    ["weak (repetition)", "aaaaaaaaaaaa", "password_weak"],
    ["weak (keyboard walk)", "qwertyuiop1", "password_common"],
  ])("refuses a %s password with a reason", (_name, password, code) => {
    const problem = checkPassword(password);
    expect(problem?.code).toBe(code);
    expect(problem?.message).toMatch(/^password: /);
  });

  it("counts the person's own email and name against the password", () => {
    expect(checkPassword("adalovelace1815", ["ada.lovelace1815@example.com", "Ada Lovelace"])?.code).toBe(
      "password_weak",
    );
  });

  it("counts characters, not UTF-16 units", () => {
    expect(checkPassword("🔒🔒🔒🔒🔒")?.code).toBe("password_too_short");
  });
});
