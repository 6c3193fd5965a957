import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { DescriptionEditor } from "./DescriptionEditor";

const ignore = () => undefined;

afterEach(cleanup);

describe("DescriptionEditor", () => {
  it("keeps the caret on the same letter when someone else inserts text before it", () => {
    const { rerender } = render(
      <DescriptionEditor value="hello world" onChange={ignore} onFocusChange={ignore} />,
    );
    const textarea = screen.getByRole("textbox", { name: "Description" }) as HTMLTextAreaElement;
    textarea.focus();
    textarea.setSelectionRange(6, 11);
    rerender(<DescriptionEditor value=">> hello world" onChange={ignore} onFocusChange={ignore} />);
    expect(textarea.value).toBe(">> hello world");
    expect([textarea.selectionStart, textarea.selectionEnd]).toEqual([9, 14]);
  });

  it("leaves the caret alone when the remote change is after it", () => {
    const { rerender } = render(<DescriptionEditor value="abc" onChange={ignore} onFocusChange={ignore} />);
    const textarea = screen.getByRole("textbox", { name: "Description" }) as HTMLTextAreaElement;
    textarea.focus();
    textarea.setSelectionRange(1, 1);
    rerender(<DescriptionEditor value="abcdef" onChange={ignore} onFocusChange={ignore} />);
    expect([textarea.selectionStart, textarea.selectionEnd]).toEqual([1, 1]);
  });
});
