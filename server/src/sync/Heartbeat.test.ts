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
    // A tick every 100 ms beats a tenth of the sockets (rounded up).
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

  it("spreads 10,000 sockets at 30 s evenly over the interval rather than in bursts", () => {
    const heartbeat = new Heartbeat(30_000);
    let beatsThisTick = 0;
    const sockets = Array.from({ length: 10_000 }, () => socket(() => beatsThisTick++));
    for (const s of sockets) heartbeat.add(s);
    const perTick: number[] = [];
    for (let t = 0; t < 300; t++) {
      beatsThisTick = 0;
      vi.advanceTimersByTime(100);
      perTick.push(beatsThisTick);
    }
    expect(Math.max(...perTick)).toBe(34);
    expect(sockets.every((s) => s.beats === 1)).toBe(true);
    heartbeat.close();
  });

  it("reaches a socket added during a pass in that pass, or in the next once the pass has walked every socket", () => {
    const heartbeat = new Heartbeat(1_000);
    const early = Array.from({ length: 10 }, () => socket());
    for (const s of early) heartbeat.add(s);
    vi.advanceTimersByTime(300);
    const duringWalk = socket();
    heartbeat.add(duringWalk);
    vi.advanceTimersByTime(700);
    expect(duringWalk.beats).toBe(1);
    // The second pass walks all 11 sockets by its 10th tick; one added after that waits for the third pass.
    vi.advanceTimersByTime(950);
    const afterWalk = socket();
    heartbeat.add(afterWalk);
    vi.advanceTimersByTime(50);
    expect(afterWalk.beats).toBe(0);
    vi.advanceTimersByTime(1_000);
    expect(afterWalk.beats).toBe(1);
    expect([...early, duringWalk].map((s) => s.beats)).toEqual(Array(11).fill(3));
    heartbeat.close();
    expect(vi.getTimerCount()).toBe(0);
  });
});
