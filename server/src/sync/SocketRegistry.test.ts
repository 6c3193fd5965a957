import { pino } from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CloseCode } from "../protocol";
import type { Principal } from "../rooms/Room";
import { type LiveSocket, SocketRegistry } from "./SocketRegistry";

const logger = pino({ level: "silent" });

function socket(boardId: string, userId: string): LiveSocket & { closes: Array<[number, string]> } {
  let principal: Principal = { userId, name: userId, role: "editor", canWrite: true };
  const closes: Array<[number, string]> = [];
  return {
    boardId,
    get principal() {
      return principal;
    },
    setPrincipal(next) {
      principal = next;
    },
    close(code, reason) {
      closes.push([code, reason]);
    },
    closes,
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("SocketRegistry", () => {
  it("closes by session, by member of a board, and by board; changes roles live", () => {
    const registry = new SocketRegistry({ sessionExpiry: async () => null, logger });
    const far = { expiresAt: new Date(Date.now() + 60_000) };
    const a1 = socket("b1", "ada");
    const a2 = socket("b2", "ada");
    const b1 = socket("b1", "bob");
    registry.add(a1, { key: "s-ada", ...far });
    registry.add(a2, { key: "s-ada-2", ...far });
    registry.add(b1, { key: "s-bob", ...far });

    registry.setRole("b1", "ada", "viewer");
    expect(a1.principal).toMatchObject({ role: "viewer", canWrite: false });
    expect(a2.principal.canWrite).toBe(true);

    registry.closeSession("s-ada", CloseCode.unauthenticated, "signed out");
    expect(a1.closes).toEqual([[CloseCode.unauthenticated, "signed out"]]);
    expect(a2.closes).toEqual([]);

    registry.closeUserOnBoard("b1", "bob", CloseCode.notAllowed, "removed from board");
    expect(b1.closes).toEqual([[CloseCode.notAllowed, "removed from board"]]);

    registry.closeBoard("b2", CloseCode.unknownBoard, "board deleted");
    expect(a2.closes).toEqual([[CloseCode.unknownBoard, "board deleted"]]);
    expect(registry.isDeleted("b2")).toBe(true);
    registry.close();
  });

  it("closes a session's sockets at expiry unless it was renewed, and handles expiries beyond setTimeout's range", async () => {
    vi.useFakeTimers({ now: 0 });
    let expiry: Date | null = new Date(2_000);
    const registry = new SocketRegistry({ sessionExpiry: async () => expiry, logger });
    const renewed = socket("b1", "ada");
    registry.add(renewed, { key: "s1", expiresAt: new Date(1_000) });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(renewed.closes).toEqual([]);
    expiry = null;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(renewed.closes).toEqual([[CloseCode.unauthenticated, "session expired"]]);

    const long = socket("b1", "bob");
    const days40 = 40 * 24 * 3_600_000;
    expiry = new Date(days40);
    registry.add(long, { key: "s2", expiresAt: new Date(days40) });
    await vi.advanceTimersByTimeAsync(2 ** 31);
    expect(long.closes).toEqual([]);
    expiry = null;
    await vi.advanceTimersByTimeAsync(days40);
    expect(long.closes).toEqual([[CloseCode.unauthenticated, "session expired"]]);
    registry.close();
  });
});
