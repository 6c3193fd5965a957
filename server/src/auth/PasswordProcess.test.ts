import { describe, expect, it, vi } from "vitest";
import { PasswordProcess } from "./PasswordProcess";
import { ARGON2_OPTIONS } from "./passwords";

/** Whether a process with this id is alive (signal 0 only checks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("PasswordProcess", () => {
  it("answers concurrent requests each with its own result, then ends itself and its process when idle", async () => {
    const ended = vi.fn();
    const child = new PasswordProcess({ resolveFrom: import.meta.url, idleMs: 50, onEnded: ended });
    const pid = child.pid as number;
    const [common, hash, weak, strong] = await Promise.all([
      child.rate("Password123", []),
      child.hash("plum-Harbor-7-quiet-lantern", ARGON2_OPTIONS),
      child.rate("aaaaaaaaaaaa", []),
      child.rate("plum-Harbor-7-quiet-lantern", []),
    ]);
    expect(common).toEqual({ common: true, score: 0 });
    expect(weak?.common).toBe(false);
    expect(weak?.score).toBeLessThan(2);
    expect(strong?.score).toBeGreaterThanOrEqual(3);
    expect(hash).toMatch(/^\$argon2id\$/);
    const [right, wrong] = await Promise.all([
      child.verify(hash, "plum-Harbor-7-quiet-lantern"),
      child.verify(hash, "plum-Harbor-7-quiet-lanterns"),
    ]);
    expect([right, wrong]).toEqual([true, false]);
    await vi.waitFor(() => expect(ended).toHaveBeenCalledTimes(1), { timeout: 2_000 });
    // Its memory goes back to the system with the process, not into the server's allocator.
    await vi.waitFor(() => expect(alive(pid)).toBe(false), { timeout: 5_000 });
    await expect(child.rate("plum-Harbor-7-quiet-lantern", [])).rejects.toThrow(/ended/);
  });

  it("fails a waiting rating with a reason when its process dies", async () => {
    const ended = vi.fn();
    const child = new PasswordProcess({
      resolveFrom: import.meta.url,
      idleMs: 60_000,
      onEnded: ended,
    });
    const waiting = child.rate(("a".repeat(30) + "Zq9!".repeat(60)).slice(0, 64), []);
    process.kill(child.pid as number, "SIGKILL");
    await expect(waiting).rejects.toThrow(/password process exited with SIGKILL/);
    expect(ended).toHaveBeenCalledTimes(1);
  });
});
