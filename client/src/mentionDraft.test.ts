import { parseMentions } from "@converge/shared";
import { describe, expect, it } from "vitest";
import { insertMention, mentionQueryAt, toDraft, toStoredBody } from "./mentionDraft";

describe("mention drafts", () => {
  it("finds the @query just before the caret, not inside an e-mail address", () => {
    expect(mentionQueryAt("hi @bo", 6)).toEqual({ start: 3, query: "bo" });
    expect(mentionQueryAt("@", 1)).toEqual({ start: 0, query: "" });
    expect(mentionQueryAt("mail ada@example.com", 20)).toBeNull();
    expect(mentionQueryAt("hi @bo there", 12)).toBeNull();
  });

  it("inserts the picked name and stores it as a token the shared parser reads", () => {
    const { text, caret } = insertMention("ask @b now", 6, 4, "Bo Diddley");
    expect(text).toBe("ask @Bo Diddley  now");
    expect(caret).toBe(16);
    const body = toStoredBody(text, [{ name: "Bo Diddley", userId: "u-bo" }]);
    expect(body).toBe("ask @[Bo Diddley](u-bo)  now");
    expect(parseMentions(body)).toEqual(["u-bo"]);
  });

  it("prefers the longer name and leaves an unpicked @word alone", () => {
    const body = toStoredBody("@Ada Lovelace and @Ada and @Zed", [
      { name: "Ada", userId: "a" },
      { name: "Ada Lovelace", userId: "al" },
    ]);
    expect(body).toBe("@[Ada Lovelace](al) and @[Ada](a) and @Zed");
  });

  it("round-trips a stored body back into an editable draft", () => {
    const draft = toDraft("thanks @[Ada](u-ada)!");
    expect(draft).toEqual({ text: "thanks @Ada!", mentions: [{ name: "Ada", userId: "u-ada" }] });
    expect(toStoredBody(draft.text, draft.mentions)).toBe("thanks @[Ada](u-ada)!");
  });
});
