import { diffText } from "@converge/shared";
import { useLayoutEffect, useRef } from "react";

/** Props of DescriptionEditor. */
export interface DescriptionEditorProps {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly onFocusChange: (focused: boolean) => void;
}

function shift(position: number, index: number, removed: number, inserted: number): number {
  if (position <= index) return position;
  if (position >= index + removed) return position + inserted - removed;
  return index + inserted;
}

/**
 * A card's description. Every keystroke goes to the document as a diff (so concurrent typing
 * merges), and when someone else's change arrives the caret and selection move with the text
 * around them instead of jumping to the end.
 */
export function DescriptionEditor({ value, onChange, onFocusChange }: DescriptionEditorProps) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const shown = useRef(value);
  const selection = useRef<[number, number]>([value.length, value.length]);

  useLayoutEffect(() => {
    const textarea = ref.current;
    const before = shown.current;
    shown.current = value;
    if (!textarea || before === value || document.activeElement !== textarea) return;
    const splice = diffText(before, value);
    if (!splice) return;
    const [start, end] = selection.current;
    const next: [number, number] = [
      shift(start, splice.index, splice.remove, splice.insert.length),
      shift(end, splice.index, splice.remove, splice.insert.length),
    ];
    textarea.setSelectionRange(next[0], next[1]);
    selection.current = next;
  }, [value]);

  const remember = () => {
    const textarea = ref.current;
    if (textarea) selection.current = [textarea.selectionStart, textarea.selectionEnd];
  };

  return (
    <textarea
      ref={ref}
      className="description"
      aria-label="Description"
      placeholder="Add a description…"
      value={value}
      rows={8}
      onChange={(event) => {
        shown.current = event.target.value;
        selection.current = [event.target.selectionStart, event.target.selectionEnd];
        onChange(event.target.value);
      }}
      onSelect={remember}
      onKeyUp={remember}
      onFocus={() => onFocusChange(true)}
      onBlur={() => onFocusChange(false)}
    />
  );
}
