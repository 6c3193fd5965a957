import { describe, expect, it } from "vitest";
import { runFanoutBusContract } from "./fanoutBusContract";
import { LocalFanoutHub } from "./LocalFanoutHub";

runFanoutBusContract("LocalFanoutHub", async (count) => {
  const hub = new LocalFanoutHub();
  const buses = Array.from({ length: count }, () => hub.connect());
  return { buses, cleanup: async () => Promise.all(buses.map((bus) => bus.close())).then(() => undefined) };
});

describe("LocalFanoutHub", () => {
  it("tells every bus's reconnect listeners", () => {
    const hub = new LocalFanoutHub();
    const bus = hub.connect("a");
    let calls = 0;
    const off = bus.onReconnect(() => calls++);
    hub.reconnectAll();
    off();
    hub.reconnectAll();
    expect(calls).toBe(1);
  });
});
