import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type Beating, Heartbeat } from "./Heartbeat";

function socket(onBeat: (self: Beating) => void = () => undefined): Beating & { beats: number } {
  const self = {
    beats: 0,
    heartbeat() {
      self.beats++;
      onBeat(self);
    },
  };
  return self;
}

describe("Heartbeat", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("beats every socket once per interval, in batches, and stops when none is left", () => {
    const heartbeat = new Heartbeat(1_000);
    const sockets = Array.from({ length: 25 }, () => socket());
    for (const s of sockets) heartbeat.add(s);
    vi.advanceTimersByTime(100);
    // One tick serves one of the ten groups.
    expect(sockets.filter((s) => s.beats === 1)).toHaveLength(3);
    vi.advanceTimersByTime(900);
    expect(sockets.map((s) => s.beats)).toEqual(sockets.map(() => 1));
    vi.advanceTimersByTime(3_000);
    expect(sockets.map((s) => s.beats)).toEqual(sockets.map(() => 4));
    for (const s of sockets) heartbeat.remove(s);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("lets a beat end its own socket, and never beats a removed socket again", () => {
    const heartbeat = new Heartbeat(1_000);
    const ending = socket((self) => heartbeat.remove(self));
    const staying = socket();
    const removed = socket();
    for (const s of [ending, staying, removed]) heartbeat.add(s);
    heartbeat.remove(removed);
    vi.advanceTimersByTime(5_000);
    expect([ending.beats, staying.beats, removed.beats]).toEqual([1, 5, 0]);
    heartbeat.close();
    expect(vi.getTimerCount()).toBe(0);
  });
});
