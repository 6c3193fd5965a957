import { useState } from "react";

/** Props of LaneComposer. */
export interface LaneComposerProps {
  readonly onAdd: (title: string) => void;
}

/** The "Add lane" column at the right end of the board. */
export function LaneComposer({ onAdd }: LaneComposerProps) {
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState("");
  if (!open) {
    return (
      <button type="button" className="add-lane" onClick={() => setOpen(true)}>
        <span aria-hidden="true">+ </span>Add lane
      </button>
    );
  }
  return (
    <form
      className="lane-composer"
      onSubmit={(event) => {
        event.preventDefault();
        if (title.trim() === "") return;
        onAdd(title.trim());
        setTitle("");
        setOpen(false);
      }}
    >
      <input
        className="composer-input"
        placeholder="Lane title"
        aria-label="Lane title"
        maxLength={500}
        // biome-ignore lint/a11y/noAutofocus: the field opens because the person asked to name a lane.
        autoFocus
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape") {
            setTitle("");
            setOpen(false);
          }
        }}
      />
      <div className="composer-actions">
        <button type="submit" className="button primary">
          Add lane
        </button>
        <button type="button" className="button ghost" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
