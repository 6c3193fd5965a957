import { useRef, useState } from "react";

/** Props of CardComposer. */
export interface CardComposerProps {
  readonly laneId: string;
  readonly onAdd: (laneId: string, title: string) => void;
}

/** The inline "Add card" composer at the bottom of a lane: Enter adds and stays open, Escape cancels. */
export function CardComposer({ laneId, onAdd }: CardComposerProps) {
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState("");
  const buttonRef = useRef<HTMLButtonElement>(null);

  const close = (returnFocus: boolean) => {
    setOpen(false);
    setTitle("");
    if (returnFocus) requestAnimationFrame(() => buttonRef.current?.focus());
  };
  const submit = () => {
    const trimmed = title.trim();
    if (trimmed === "") return;
    onAdd(laneId, trimmed);
    setTitle("");
  };

  if (!open) {
    return (
      <button ref={buttonRef} type="button" className="add-card" onClick={() => setOpen(true)}>
        <span aria-hidden="true">+ </span>Add card
      </button>
    );
  }
  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <textarea
        className="composer-input"
        placeholder="Card title"
        aria-label="Card title"
        rows={2}
        maxLength={500}
        // biome-ignore lint/a11y/noAutofocus: the composer opens because the person asked to type a card.
        autoFocus
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            submit();
          } else if (event.key === "Escape") {
            event.preventDefault();
            close(true);
          }
        }}
        onBlur={(event) => {
          if (title.trim() === "" && !event.currentTarget.form?.contains(event.relatedTarget)) close(false);
        }}
      />
      <div className="composer-actions">
        <button type="submit" className="button primary">
          Add
        </button>
        <button type="button" className="button ghost" onClick={() => close(true)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
