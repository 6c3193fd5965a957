import { describe, expect, it } from "vitest";
import { parseRoute } from "./router";

describe("parseRoute", () => {
  it("maps the three pages and anything else to not found", () => {
    expect(parseRoute("/")).toEqual({ page: "boards" });
    expect(parseRoute("/boards/b%201")).toEqual({ page: "board", boardId: "b 1" });
    expect(parseRoute("/invite/abc_DEF-123")).toEqual({ page: "invite", token: "abc_DEF-123" });
    expect(parseRoute("/invite/")).toEqual({ page: "notFound" });
    expect(parseRoute("/elsewhere")).toEqual({ page: "notFound" });
  });
});
