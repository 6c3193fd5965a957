import { useEffect, useId, useState } from "react";

/** Props of NumberField. */
export interface NumberFieldProps {
  readonly label: string;
  readonly value: number | null;
  /** Writes the value (null clears it); returns the operation's refusal message, or null when written. */
  readonly onCommit: (value: number | null) => string | null;
  readonly readOnly?: boolean;
  readonly min?: number;
  readonly max?: number;
  readonly step?: number | "any";
  readonly hint?: string;
  readonly testId?: string;
}

/**
 * A number typed in place and written when the person leaves the field or presses Enter (empty
 * clears it). A refused value stays in the field with the operation's message under it; a remote
 * change shows at once unless the person is typing.
 */
export function NumberField({
  label,
  value,
  onCommit,
  readOnly = false,
  min,
  max,
  step = "any",
  hint,
  testId,
}: NumberFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState(value === null ? "" : String(value));
  const [focused, setFocused] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!focused) setDraft(value === null ? "" : String(value));
  }, [value, focused]);

  const commit = () => {
    const text = draft.trim();
    const next = text === "" ? null : Number(text);
    if (next !== null && !Number.isFinite(next)) {
      setError(`${label} must be a number.`);
      return;
    }
    if (next === value) {
      setError(null);
      return;
    }
    setError(onCommit(next));
  };

  const describedBy = [error && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(" ");
  return (
    <div className="planning-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        className="text-input"
        value={draft}
        min={min}
        max={max}
        step={step}
        readOnly={readOnly}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        data-testid={testId}
        onChange={(event) => setDraft(event.target.value)}
        onFocus={() => setFocused(true)}
        onBlur={() => {
          setFocused(false);
          if (!readOnly) commit();
        }}
        onKeyDown={(event) => {
          if (event.key === "Enter" && !readOnly) {
            event.preventDefault();
            commit();
          }
        }}
      />
      {hint && (
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
