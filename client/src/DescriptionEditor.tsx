import { diffText, MAX_DESCRIPTION_LENGTH } from "@converge/shared";
import { useLayoutEffect, useRef } from "react";

/** Props of DescriptionEditor. */
export interface DescriptionEditorProps {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly onFocusChange: (focused: boolean) => void;
  /** Shown but not editable (viewers); remote edits still appear live. */
  readonly readOnly?: boolean;
}

function shift(position: number, index: number, removed: number, inserted: number): number {
  if (position <= index) return position;
  if (position >= index + removed) return position + inserted - removed;
  return index + inserted;
}

/**
 * A card's description. Every keystroke goes to the document as a diff (so concurrent typing
 * merges). The textarea is uncontrolled: when someone else's change arrives it is spliced into
 * the field here, and the caret and selection move with the text around them instead of jumping.
 */
export function DescriptionEditor({
  value,
  onChange,
  onFocusChange,
  readOnly = false,
}: DescriptionEditorProps) {
  const ref = useRef<HTMLTextAreaElement>(null);

  useLayoutEffect(() => {
    const textarea = ref.current;
    if (!textarea || textarea.value === value) return;
    const splice = diffText(textarea.value, value);
    const { selectionStart, selectionEnd, selectionDirection } = textarea;
    textarea.value = value;
    if (!splice || document.activeElement !== textarea) return;
    textarea.setSelectionRange(
      shift(selectionStart, splice.index, splice.remove, splice.insert.length),
      shift(selectionEnd, splice.index, splice.remove, splice.insert.length),
      selectionDirection ?? undefined,
    );
  }, [value]);

  return (
    <textarea
      ref={ref}
      className="description"
      aria-label="Description"
      placeholder={readOnly ? "No description." : "Add a description…"}
      readOnly={readOnly}
      defaultValue={value}
      rows={8}
      maxLength={MAX_DESCRIPTION_LENGTH}
      onChange={(event) => onChange(event.target.value)}
      onFocus={() => onFocusChange(true)}
      onBlur={() => onFocusChange(false)}
    />
  );
}
