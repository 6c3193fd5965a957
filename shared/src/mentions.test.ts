import { describe, expect, it } from "vitest";
import { formatMention, mentionSegments, parseMentions } from "./mentions";

describe("mentions", () => {
  it("parses the user ids of @[Name](userId) tokens, once each, in order", () => {
    const body =
      "Ping @[Ana Ruiz](u-2) and @[Bo](u-1), again @[Ana](u-2). Not @[x]() or @[](u-3) or [y](u-4).";
    expect(parseMentions(body)).toEqual(["u-2", "u-1"]);
    expect(parseMentions("no mentions")).toEqual([]);
  });

  it("formats a token that parses back, tidying awkward names", () => {
    expect(formatMention("Ana Ruiz", "u-2")).toBe("@[Ana Ruiz](u-2)");
    const token = formatMention("  [Bo]\nSmith ", "u-1");
    expect(token).toBe("@[Bo Smith](u-1)");
    expect(parseMentions(`hi ${token}`)).toEqual(["u-1"]);
    expect(formatMention("", "u-9")).toBe("@[u-9](u-9)");
    expect(() => formatMention("Eve", "has space")).toThrow(/user id/);
  });

  it("splits a body into text and mention segments", () => {
    expect(mentionSegments("Hi @[Ana](u-2), see this")).toEqual([
      { kind: "text", text: "Hi " },
      { kind: "mention", name: "Ana", userId: "u-2" },
      { kind: "text", text: ", see this" },
    ]);
  });
});
