import { describe, expect, it } from "vitest";
import { parseRoute } from "./router";

describe("parseRoute", () => {
  it("maps the three pages and anything else to not found", () => {
    expect(parseRoute("/")).toEqual({ page: "boards" });
    expect(parseRoute("/boards/b%201")).toEqual({ page: "board", boardId: "b 1", view: "board" });
    expect(parseRoute("/boards/b1/priorities")).toEqual({ page: "board", boardId: "b1", view: "priorities" });
    expect(parseRoute("/boards/b1/roadmap/")).toEqual({ page: "board", boardId: "b1", view: "roadmap" });
    expect(parseRoute("/boards/b1/nonsense")).toEqual({ page: "notFound" });
    expect(parseRoute("/invite/abc_DEF-123")).toEqual({ page: "invite", token: "abc_DEF-123" });
    expect(parseRoute("/invite/")).toEqual({ page: "notFound" });
    expect(parseRoute("/elsewhere")).toEqual({ page: "notFound" });
  });
});
