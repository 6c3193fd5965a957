import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { CloseCode } from "../protocol";
import type { Principal } from "../rooms/Room";
import type { LiveSocket } from "../sync/SocketRegistry";
import { FanoutSocketRegistry } from "./FanoutSocketRegistry";
import { LocalFanoutHub } from "./LocalFanoutHub";

const logger = pino({ level: "silent" });

function socket(boardId: string, userId: string): LiveSocket & { closedWith: number[]; roles: string[] } {
  let principal: Principal = { userId, name: userId, canWrite: true, role: "editor" };
  const closedWith: number[] = [];
  const roles: string[] = [];
  return {
    boardId,
    get principal() {
      return principal;
    },
    setPrincipal(next) {
      principal = next;
      roles.push(next.role);
    },
    close(code) {
      closedWith.push(code);
    },
    closedWith,
    roles,
  };
}

async function registries() {
  const hub = new LocalFanoutHub();
  const make = async () => {
    const registry = new FanoutSocketRegistry({
      sessionExpiry: async () => null,
      logger,
      bus: hub.connect(),
    });
    await registry.start();
    return registry;
  };
  return [await make(), await make()] as const;
}

const later = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));
const session = { key: "k1", expiresAt: new Date(Date.now() + 60_000) };

describe("FanoutSocketRegistry", () => {
  it("a sign-out on one instance closes that session's sockets on the other", async () => {
    const [a, b] = await registries();
    const onB = socket("board", "u1");
    b.add(onB, session);
    a.closeSession("k1", CloseCode.unauthenticated, "signed out");
    await later();
    expect(onB.closedWith).toEqual([CloseCode.unauthenticated]);
    a.close();
    b.close();
  });

  it("role changes, removals and deletions reach the other instance, and are not echoed back", async () => {
    const [a, b] = await registries();
    const onA = socket("board", "u1");
    const onB = socket("board", "u1");
    const other = socket("board", "u2");
    a.add(onA, session);
    b.add(onB, session);
    b.add(other, { ...session, key: "k2" });

    a.setRole("board", "u1", "viewer");
    await later();
    expect(onA.roles).toEqual(["viewer"]);
    expect(onB.roles).toEqual(["viewer"]);

    b.closeUserOnBoard("board", "u2", CloseCode.notAllowed, "removed");
    a.closeBoard("board", CloseCode.unknownBoard, "board deleted");
    await later();
    expect(other.closedWith[0]).toBe(CloseCode.notAllowed);
    expect(onB.closedWith).toContain(CloseCode.unknownBoard);
    expect(b.isDeleted("board")).toBe(true);
    a.close();
    b.close();
  });
});
