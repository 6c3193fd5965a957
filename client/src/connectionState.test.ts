import { CloseCode } from "@converge/shared";
import { describe, expect, it } from "vitest";
import {
  type ConnectionEvent,
  type ConnectionModel,
  describeConnection,
  initialConnection,
  isTerminal,
  reduceConnection,
} from "./connectionState";

function run(events: ConnectionEvent[], start: ConnectionModel = initialConnection(true)): ConnectionModel {
  return events.reduce(reduceConnection, start);
}

describe("connection state", () => {
  it("starts connecting", () => {
    expect(describeConnection(initialConnection(true))).toEqual({
      state: "connecting",
      label: "Connecting…",
    });
  });

  it("is live once connected and synced", () => {
    const model = run([
      { type: "status", status: "connected" },
      { type: "synced", synced: true },
    ]);
    expect(describeConnection(model).state).toBe("live");
  });

  it("says work is not saved yet while the server's store refuses writes, and live again once it recovers", () => {
    const live: ConnectionEvent[] = [
      { type: "status", status: "connected" },
      { type: "synced", synced: true },
    ];
    const failing = run([...live, { type: "saveStatus", saved: false }]);
    expect(describeConnection(failing)).toEqual({
      state: "error",
      label: "Not saved yet — retrying; changes saved on this device",
    });
    expect(describeConnection(run([{ type: "saveStatus", saved: true }], failing)).state).toBe("live");
    // A new socket hears the status again, so a reconnect starts from "saved".
    const reconnected = run([{ type: "status", status: "disconnected" }, ...live], failing);
    expect(describeConnection(reconnected).state).toBe("live");
  });

  it("is offline when the browser is offline, whatever the socket says", () => {
    const model = run([
      { type: "status", status: "connected" },
      { type: "synced", synced: true },
      { type: "browser", online: false },
    ]);
    expect(describeConnection(model)).toEqual({
      state: "offline",
      label: "Offline — changes saved on this device",
    });
  });

  it("stays offline-looking between retries to an unreachable server", () => {
    const model = run([
      { type: "closed", code: 1006 },
      { type: "status", status: "disconnected" },
      { type: "status", status: "connecting" },
    ]);
    expect(describeConnection(model).state).toBe("offline");
  });

  it("reports a missing board and treats it as terminal", () => {
    const model = run([{ type: "closed", code: CloseCode.unknownBoard }]);
    expect(describeConnection(model)).toEqual({ state: "error", label: "Board not found" });
    expect(isTerminal(model)).toBe(true);
  });

  it("reports a failed load until a later socket syncs", () => {
    const failed = run([
      { type: "closed", code: CloseCode.loadFailed },
      { type: "status", status: "connecting" },
    ]);
    expect(describeConnection(failed).state).toBe("error");
    expect(isTerminal(failed)).toBe(false);
    const recovered = run(
      [
        { type: "status", status: "connected" },
        { type: "synced", synced: true },
      ],
      failed,
    );
    expect(describeConnection(recovered).state).toBe("live");
  });

  it("treats a refused socket as final until the page reconnects", () => {
    const refused = run([{ type: "closed", code: CloseCode.notAllowed }]);
    expect(describeConnection(refused).state).toBe("error");
    expect(isTerminal(refused)).toBe(true);
    const again = run([{ type: "reconnect" }, { type: "status", status: "connecting" }], refused);
    expect(isTerminal(again)).toBe(false);
  });

  it("treats a signed-out socket as final", () => {
    expect(isTerminal(run([{ type: "closed", code: CloseCode.unauthenticated }]))).toBe(true);
  });
});
