import { describe, expect, it } from "vitest";
import { BoardInputError } from "./errors";
import { MAX_TITLE_LENGTH } from "./schema";
import { diffText, normaliseTitle } from "./text";

describe("normaliseTitle", () => {
  it("trims and folds white space", () => {
    expect(normaliseTitle("  Ship   the\nthing ")).toBe("Ship the thing");
  });
  it("refuses empty and over-long titles with a code", () => {
    expect(() => normaliseTitle("   ")).toThrow(BoardInputError);
    expect(() => normaliseTitle("x".repeat(MAX_TITLE_LENGTH + 1))).toThrow(/longer than/);
  });
});

describe("diffText", () => {
  it("finds the one span that changed", () => {
    expect(diffText("hello world", "hello brave world")).toEqual({ index: 6, remove: 0, insert: "brave " });
    expect(diffText("abcdef", "abef")).toEqual({ index: 2, remove: 2, insert: "" });
    expect(diffText("aaa", "aaaa")).toEqual({ index: 3, remove: 0, insert: "a" });
    expect(diffText("same", "same")).toBeNull();
  });
});
