import {
  addChecklistItem,
  type ChecklistItem,
  editChecklistItem,
  MAX_CHECKLIST_ITEM_LENGTH,
  moveChecklistItem,
  removeChecklistItem,
  toggleChecklistItem,
} from "@converge/shared";
import { type KeyboardEvent, useId, useRef, useState } from "react";
import type * as Y from "yjs";
import { attemptOp } from "./attemptOp";
import { UI_ORIGIN } from "./boardActions";
import { EditableText } from "./EditableText";

/** Props of ChecklistEditor. */
export interface ChecklistEditorProps {
  readonly doc: Y.Doc;
  readonly cardId: string;
  readonly items: readonly ChecklistItem[];
  readonly readOnly: boolean;
}

/**
 * A card's checklist: tick, rename (click the text), remove, add at the end, and reorder with
 * Alt+Up / Alt+Down on an item's checkbox (announced), each one shared operation.
 */
export function ChecklistEditor({ doc, cardId, items, readOnly }: ChecklistEditorProps) {
  const id = useId();
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const boxes = useRef(new Map<string, HTMLInputElement>());
  const done = items.filter((item) => item.done).length;

  const run = (change: () => void) => setError(attemptOp(change));

  const add = () => {
    if (draft.trim() === "") return;
    const refused = attemptOp(() => addChecklistItem(doc, cardId, { text: draft }, UI_ORIGIN));
    setError(refused);
    if (!refused) setDraft("");
  };

  const onItemKeyDown = (event: KeyboardEvent<HTMLInputElement>, item: ChecklistItem, index: number) => {
    if (readOnly || !event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    event.preventDefault();
    const to = event.key === "ArrowUp" ? index - 1 : index + 1;
    if (to < 0 || to >= items.length) return;
    run(() => moveChecklistItem(doc, cardId, item.id, to, UI_ORIGIN));
    setStatus(`${item.text} moved to position ${to + 1} of ${items.length}.`);
    requestAnimationFrame(() => boxes.current.get(item.id)?.focus());
  };

  return (
    <section className="checklist" aria-labelledby={`${id}-title`} data-testid="checklist">
      <h3 id={`${id}-title`} className="card-section-title">
        Checklist{" "}
        {items.length > 0 && (
          <span className="muted" data-testid="checklist-progress">
            {done} of {items.length} done
          </span>
        )}
      </h3>
      {items.length > 0 && (
        <progress
          className="checklist-progress"
          max={items.length}
          value={done}
          aria-label="Checklist progress"
        />
      )}
      <ul className="checklist-items">
        {items.map((item, index) => (
          <li
            key={item.id}
            className={`checklist-item${item.done ? " is-done" : ""}`}
            data-testid="checklist-item"
          >
            <input
              ref={(node) => {
                if (node) boxes.current.set(item.id, node);
                else boxes.current.delete(item.id);
              }}
              type="checkbox"
              checked={item.done}
              disabled={readOnly}
              aria-label={item.text}
              aria-describedby={readOnly ? undefined : `${id}-reorder`}
              onChange={(event) =>
                run(() => toggleChecklistItem(doc, cardId, item.id, event.target.checked, UI_ORIGIN))
              }
              onKeyDown={(event) => onItemKeyDown(event, item, index)}
            />
            {readOnly ? (
              <span className="checklist-text">{item.text}</span>
            ) : (
              <EditableText
                value={item.text}
                label="Checklist item"
                className="checklist-text"
                onCommit={(text) => run(() => editChecklistItem(doc, cardId, item.id, text, UI_ORIGIN))}
              />
            )}
            {!readOnly && (
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove ${item.text}`}
                onClick={() => run(() => removeChecklistItem(doc, cardId, item.id, UI_ORIGIN))}
              >
                ✕
              </button>
            )}
          </li>
        ))}
      </ul>
      {!readOnly && (
        <>
          <p id={`${id}-reorder`} className="sr-only">
            Alt plus Up or Down arrow moves the item.
          </p>
          <input
            className="text-input"
            aria-label="Add a checklist item"
            placeholder="Add an item and press Enter"
            maxLength={MAX_CHECKLIST_ITEM_LENGTH}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter") {
                event.preventDefault();
                add();
              }
            }}
          />
        </>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <p className="sr-only" aria-live="polite">
        {status}
      </p>
    </section>
  );
}
