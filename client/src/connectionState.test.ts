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
    const model = run([{ type: "closed", code: 4404 }]);
    expect(describeConnection(model)).toEqual({ state: "error", label: "Board not found" });
    expect(isTerminal(model)).toBe(true);
  });

  it("reports a failed load until a later socket syncs", () => {
    const failed = run([
      { type: "closed", code: 4500 },
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

  it("reports a read-only socket", () => {
    expect(describeConnection(run([{ type: "closed", code: 4403 }])).state).toBe("error");
  });
});
