import { describe, expect, it } from "vitest";
import { parseCursor, parsePresence, readPeers } from "./presence";

describe("presence", () => {
  it("reads a well-formed entry and drops what is not presence", () => {
    const ada = {
      user: { id: "1", name: "Ada", color: "#112233" },
      activity: { kind: "dragging", cardId: "c1" },
    };
    expect(parsePresence(ada)).toEqual(ada);
    expect(parsePresence({ user: { id: 1 } })).toBeNull();
    expect(parsePresence(null)).toBeNull();
    expect(parsePresence({ user: { id: "1", name: "A", color: "red" }, activity: { kind: "hack" } })).toEqual(
      {
        user: { id: "1", name: "A", color: "#888888" },
        activity: null,
      },
    );
  });

  it("lists other peers by name, leaving out myself", () => {
    const states = new Map<number, unknown>([
      [1, { user: { id: "a", name: "Zed", color: "#000000" }, activity: null }],
      [2, { user: { id: "b", name: "Ada", color: "#000000" }, activity: null }],
      [3, { user: { id: "me", name: "Me", color: "#000000" }, activity: null }],
      [4, {}],
    ]);
    expect(readPeers(states, 3).map((peer) => peer.user.name)).toEqual(["Ada", "Zed"]);
  });

  it("reads viewing, and the field someone is editing, dropping fields that are not plain names", () => {
    const user = { id: "1", name: "Bo", color: "#112233" };
    const activity = (raw: unknown) => parsePresence({ user, activity: raw })?.activity;
    expect(activity({ kind: "viewing", cardId: "c1" })).toEqual({ kind: "viewing", cardId: "c1" });
    expect(activity({ kind: "editing", cardId: "c1", field: "effort" })).toEqual({
      kind: "editing",
      cardId: "c1",
      field: "effort",
    });
    expect(activity({ kind: "editing", cardId: "c1", field: "<img src=x>" })).toEqual({
      kind: "editing",
      cardId: "c1",
    });
    expect(activity({ kind: "editing", cardId: "c1", field: 7 })).toEqual({ kind: "editing", cardId: "c1" });
    expect(activity({ kind: "viewing", cardId: "c1", field: "effort", overLaneId: "l1" })).toEqual({
      kind: "viewing",
      cardId: "c1",
    });
    expect(activity({ kind: "viewing" })).toBeNull();
  });

  it("reads a cursor only when it is two sane coordinates", () => {
    expect(parseCursor({ cursor: { x: 10.5, y: 20 } })).toEqual({ x: 10.5, y: 20 });
    expect(parseCursor({ cursor: null })).toBeNull();
    expect(parseCursor({})).toBeNull();
    expect(parseCursor({ cursor: { x: "1", y: 2 } })).toBeNull();
    expect(parseCursor({ cursor: { x: Number.NaN, y: 2 } })).toBeNull();
    expect(parseCursor({ cursor: { x: -5, y: 2 } })).toBeNull();
    expect(parseCursor({ cursor: { x: 1, y: 1e12 } })).toBeNull();
  });
});
