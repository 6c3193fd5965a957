import { type KeyboardEvent, useId, useLayoutEffect, useRef, useState } from "react";
import { type DraftMention, insertMention, mentionQueryAt } from "./mentionDraft";
import type { ViewMember } from "./views/ViewProps";

/** Props of MentionInput. */
export interface MentionInputProps {
  readonly label: string;
  readonly value: string;
  readonly mentions: readonly DraftMention[];
  readonly members: readonly ViewMember[];
  readonly onChange: (value: string, mentions: readonly DraftMention[]) => void;
  /** Ctrl/Cmd+Enter. */
  readonly onSubmit: () => void;
  readonly placeholder?: string;
  readonly testId?: string;
}

/**
 * A comment box with @mention typeahead (the ARIA combobox pattern): typing "@" lists matching
 * members; Up/Down pick, Enter or Tab inserts "@Name", Escape closes the list.
 */
export function MentionInput({
  label,
  value,
  mentions,
  members,
  onChange,
  onSubmit,
  placeholder,
  testId,
}: MentionInputProps) {
  const id = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [query, setQuery] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  // Where the caret goes once React has written a picked mention into the box. Placed in the same
  // commit, so keys typed right after the pick land after the mention (a frame later, they had
  // already gone to the end and the caret then jumped back between them).
  const caretAfterPick = useRef<number | null>(null);
  useLayoutEffect(() => {
    const caret = caretAfterPick.current;
    const textarea = ref.current;
    if (caret === null || !textarea) return;
    caretAfterPick.current = null;
    textarea.setSelectionRange(caret, caret);
  });
  const matches = query
    ? members.filter((member) => member.name.toLowerCase().includes(query.query.toLowerCase())).slice(0, 6)
    : [];
  const open = matches.length > 0;

  const update = (text: string, caret: number) => {
    setQuery(mentionQueryAt(text, caret));
    setActive(0);
  };

  const pick = (member: ViewMember) => {
    const textarea = ref.current;
    if (!query || !textarea) return;
    const next = insertMention(value, textarea.selectionStart, query.start, member.name);
    const known = mentions.some((mention) => mention.userId === member.id);
    onChange(next.text, known ? mentions : [...mentions, { name: member.name, userId: member.id }]);
    setQuery(null);
    caretAfterPick.current = next.caret;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        setActive((active + step + matches.length) % matches.length);
        return;
      }
      if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        const member = matches[active];
        if (member) pick(member);
        return;
      }
      if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        setQuery(null);
        return;
      }
    }
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onSubmit();
    }
  };

  return (
    <div className="mention-input">
      <textarea
        ref={ref}
        className="text-input"
        aria-label={label}
        placeholder={placeholder}
        rows={2}
        value={value}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-activedescendant={open ? `${id}-option-${active}` : undefined}
        data-testid={testId}
        onChange={(event) => {
          onChange(event.target.value, mentions);
          update(event.target.value, event.target.selectionStart);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setQuery(null)}
      />
      <div
        id={`${id}-list`}
        role="listbox"
        aria-label="People to mention"
        className="mention-list"
        hidden={!open}
      >
        {matches.map((member, index) => (
          <div
            key={member.id}
            tabIndex={-1}
            id={`${id}-option-${index}`}
            role="option"
            aria-selected={index === active}
            className="mention-option"
            onMouseDown={(event) => {
              event.preventDefault();
              pick(member);
            }}
          >
            {member.name}
          </div>
        ))}
      </div>
    </div>
  );
}
