import { useId, useState } from "react";

/** One choice of a SelectField. */
export interface SelectOption {
  readonly value: string;
  readonly label: string;
}

/** Props of SelectField. */
export interface SelectFieldProps {
  readonly label: string;
  /** The chosen value, or "" for none. */
  readonly value: string;
  readonly options: readonly SelectOption[];
  /** The label of the empty choice ("None"); omit to offer no way to clear. */
  readonly emptyLabel?: string;
  /** Writes the choice ("" clears it); returns the operation's refusal message, or null when written. */
  readonly onCommit: (value: string) => string | null;
  readonly readOnly?: boolean;
  readonly testId?: string;
}

/** A labelled select written as soon as the choice changes; a refused choice shows the operation's message. */
export function SelectField({
  label,
  value,
  options,
  emptyLabel,
  onCommit,
  readOnly = false,
  testId,
}: SelectFieldProps) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const known = value === "" || options.some((option) => option.value === value);
  return (
    <div className="planning-field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        className="text-input"
        value={value}
        disabled={readOnly}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        data-testid={testId}
        onChange={(event) => setError(onCommit(event.target.value))}
      >
        {(emptyLabel !== undefined || value === "") && <option value="">{emptyLabel ?? "—"}</option>}
        {!known && <option value={value}>{value}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {error && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
