import { type KeyboardEvent, useEffect, useRef, useState } from "react";

/** Props of EditableText. */
export interface EditableTextProps {
  readonly value: string;
  /** Called with the new text when the person commits a changed, non-empty value. */
  readonly onCommit: (value: string) => void;
  /** Accessible name of the input while editing, e.g. "Lane title". */
  readonly label: string;
  /** Controlled editing flag; when omitted the component keeps its own. */
  readonly editing?: boolean;
  readonly onEditingChange?: (editing: boolean) => void;
  readonly className?: string;
}

/**
 * Text that turns into an input on click or Enter: Enter or leaving the field commits, Escape
 * cancels. A remote change to the value while editing does not overwrite what is being typed.
 */
export function EditableText({
  value,
  onCommit,
  label,
  editing: controlled,
  onEditingChange,
  className,
}: EditableTextProps) {
  const [ownEditing, setOwnEditing] = useState(false);
  const editing = controlled ?? ownEditing;
  const [draft, setDraft] = useState(value);
  const inputRef = useRef<HTMLInputElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);

  const setEditing = (next: boolean) => {
    setOwnEditing(next);
    onEditingChange?.(next);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: the draft starts from the value when editing begins; later remote edits must not reset it.
  useEffect(() => {
    if (editing) {
      setDraft(value);
      inputRef.current?.focus();
      inputRef.current?.select();
    } else if (refocus.current) {
      refocus.current = false;
      buttonRef.current?.focus();
    }
  }, [editing]);

  const finish = (commit: boolean, returnFocus: boolean) => {
    if (!editing) return;
    const next = draft.trim();
    if (commit && next !== "" && next !== value) onCommit(next);
    refocus.current = returnFocus;
    setEditing(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") {
      event.preventDefault();
      finish(true, true);
    } else if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      finish(false, true);
    }
  };

  if (editing) {
    return (
      <input
        ref={inputRef}
        className={`editable-input ${className ?? ""}`}
        aria-label={label}
        value={draft}
        maxLength={500}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => finish(true, false)}
      />
    );
  }
  return (
    <button
      ref={buttonRef}
      type="button"
      className={`editable ${className ?? ""}`}
      title={`Rename: ${label}`}
      onClick={() => setEditing(true)}
    >
      {value || "Untitled"}
    </button>
  );
}
