import { MAX_LABEL_LENGTH } from "@converge/shared";
import { useId, useState } from "react";

/** Props of LabelsField. */
export interface LabelsFieldProps {
  readonly labels: readonly string[];
  /** Writes the whole label list; returns the operation's refusal message, or null when written. */
  readonly onCommit: (labels: readonly string[]) => string | null;
  readonly readOnly: boolean;
}

/** A card's labels as chips: type and press Enter to add one, the ✕ on a chip removes it. */
export function LabelsField({ labels, onCommit, readOnly }: LabelsFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);

  const add = () => {
    const label = draft.replace(/\s+/g, " ").trim();
    if (label === "") return;
    if (labels.includes(label)) {
      setDraft("");
      return;
    }
    const refused = onCommit([...labels, label]);
    setError(refused);
    if (!refused) setDraft("");
  };

  return (
    <div className="planning-field labels-field">
      <span id={`${id}-title`} className="card-section-title">
        Labels
      </span>
      <ul className="chips" aria-labelledby={`${id}-title`}>
        {labels.map((label) => (
          <li key={label} className="chip">
            {label}
            {!readOnly && (
              <button
                type="button"
                className="chip-remove"
                aria-label={`Remove label ${label}`}
                onClick={() => setError(onCommit(labels.filter((other) => other !== label)))}
              >
                ✕
              </button>
            )}
          </li>
        ))}
        {labels.length === 0 && <li className="muted small-text">No labels</li>}
      </ul>
      {!readOnly && (
        <input
          className="text-input"
          aria-label="Add a label"
          placeholder="Add a label and press Enter"
          maxLength={MAX_LABEL_LENGTH}
          value={draft}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              event.preventDefault();
              add();
            }
          }}
        />
      )}
      {error && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
