import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { MentionInput } from "./MentionInput";
import type { DraftMention } from "./mentionDraft";

const members = [
  { id: "u1", name: "Ada", role: "owner" },
  { id: "u2", name: "Bo", role: "editor" },
];

function CommentBox({ onMentions }: { onMentions: (mentions: readonly DraftMention[]) => void }) {
  const [text, setText] = useState("");
  const [mentions, setMentions] = useState<readonly DraftMention[]>([]);
  return (
    <MentionInput
      label="Comment"
      value={text}
      mentions={mentions}
      members={members}
      onChange={(next, nextMentions) => {
        setText(next);
        setMentions(nextMentions);
        onMentions(nextMentions);
      }}
      onSubmit={() => {}}
    />
  );
}

/** Types into the box as a browser would: the new value with the caret after the typed text. */
function typeAt(box: HTMLTextAreaElement, value: string, caret: number): void {
  fireEvent.change(box, { target: { value, selectionStart: caret, selectionEnd: caret } });
}

afterEach(cleanup);

describe("MentionInput", () => {
  it("puts the caret right after a picked mention at once, so the next keys follow it", () => {
    let mentions: readonly DraftMention[] = [];
    render(<CommentBox onMentions={(next) => (mentions = next)} />);
    const box = screen.getByRole("combobox", { name: "Comment" }) as HTMLTextAreaElement;

    // "@B" typed in the middle of a sentence: the list offers Bo, and Enter picks him.
    typeAt(box, "Can @B tomorrow?", "Can @B".length);
    expect(screen.getByRole("option", { name: "Bo" })).toBeTruthy();
    fireEvent.keyDown(box, { key: "Enter" });

    expect(box.value).toBe("Can @Bo  tomorrow?");
    expect(box.selectionStart).toBe("Can @Bo ".length);
    expect(mentions).toEqual([{ name: "Bo", userId: "u2" }]);
    expect(screen.queryByRole("option")).toBeNull();

    // The next key typed goes where the caret is, after the mention.
    typeAt(box, "Can @Bo s tomorrow?", "Can @Bo s".length);
    expect(box.value).toBe("Can @Bo s tomorrow?");
    expect(box.selectionStart).toBe("Can @Bo s".length);
  });
});
