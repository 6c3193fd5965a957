import { IMPACT_VALUES } from "@converge/shared";
import { type KeyboardEvent, useId, useState } from "react";
import type { EditResult } from "./cardEdits";
import { IMPACT_NAMES, parseInput, type ScoringInput } from "./priorities";

/** Props of InputEditor. */
export interface InputEditorProps {
  readonly field: ScoringInput;
  readonly value: number | null;
  /** Names the control, e.g. "Reach of Search filters". */
  readonly label: string;
  /** Writes the value (null clears it); a refusal keeps the editor open with the operation's message. */
  readonly onCommit: (value: number | null) => EditResult;
  /** Leaves editing; `refocus` returns focus to the cell (Enter, Escape) rather than wherever it went (blur). */
  readonly onDone: (refocus: boolean, message?: string) => void;
}

/**
 * The editor inside a Priorities cell: a text box for numbers (so a wrong entry reaches setCardFields
 * and comes back with its message) or a picker for RICE impact. Enter or leaving commits, Escape cancels.
 */
export function InputEditor({ field, value, label, onCommit, onDone }: InputEditorProps) {
  const [draft, setDraft] = useState(value === null ? "" : String(value));
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  const initial = value === null ? "" : String(value);

  const commit = (refocus: boolean) => {
    if (draft === initial) {
      onDone(refocus);
      return;
    }
    const result = onCommit(parseInput(draft));
    if (result.ok) onDone(refocus);
    else if (refocus) setError(result.message);
    else onDone(false, result.message);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Enter") {
      event.preventDefault();
      commit(true);
    } else if (event.key === "Escape") {
      event.preventDefault();
      onDone(true);
    }
    // Keys typed into the editor are the editor's, not the grid's.
    event.stopPropagation();
  };
  const common = {
    "aria-label": label,
    "aria-invalid": error !== null,
    "aria-describedby": error ? errorId : undefined,
    className: "priority-editor",
    // The editor replaces the cell the person asked to edit, so it takes the focus.
    autoFocus: true,
    onKeyDown,
    onBlur: () => commit(false),
  };

  return (
    <>
      {field === "impact" ? (
        <select {...common} value={draft} onChange={(event) => setDraft(event.target.value)}>
          <option value="">—</option>
          {IMPACT_VALUES.map((impact) => (
            <option key={impact} value={String(impact)}>
              {impact} {IMPACT_NAMES[impact]}
            </option>
          ))}
        </select>
      ) : (
        <input
          {...common}
          type="text"
          inputMode="decimal"
          value={draft}
          onChange={(event) => {
            setDraft(event.target.value);
            setError(null);
          }}
        />
      )}
      {error && (
        <span id={errorId} className="priority-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
