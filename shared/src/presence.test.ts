import { describe, expect, it } from "vitest";
import { parsePresence, readPeers } from "./presence";

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
});
