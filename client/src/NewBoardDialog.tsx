import { BOARD_TEMPLATES, type BoardTemplateId } from "@converge/shared";
import { useId, useState } from "react";
import { describeError } from "./api";
import { type BoardSummary, createBoard } from "./boardsApi";
import { Modal } from "./Modal";

/** Props of NewBoardDialog. */
export interface NewBoardDialogProps {
  readonly onCreated: (board: BoardSummary) => void;
  readonly onClose: () => void;
}

/** The "New board" dialog: a title and a template, each template shown with its name and description. */
export function NewBoardDialog({ onCreated, onClose }: NewBoardDialogProps) {
  const [title, setTitle] = useState("");
  const [template, setTemplate] = useState<BoardTemplateId>("empty");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  const submit = async () => {
    if (busy) return;
    if (title.trim() === "") {
      setError("Give the board a title.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onCreated(await createBoard(title.trim(), template));
    } catch (failure) {
      console.error("Could not create a board", failure);
      setError(describeError(failure));
      setBusy(false);
    }
  };

  return (
    <Modal title="New board" onClose={onClose} className="new-board-dialog" testId="new-board-dialog">
      <form
        className="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-title`}>Board title</label>
          <input
            id={`${id}-title`}
            className="text-input"
            placeholder="e.g. Q3 roadmap"
            maxLength={500}
            data-autofocus
            value={title}
            onChange={(event) => setTitle(event.target.value)}
          />
        </div>
        <fieldset className="template-picker">
          <legend>Template</legend>
          {BOARD_TEMPLATES.map((item) => (
            <label key={item.id} className={`template-option${template === item.id ? " is-selected" : ""}`}>
              <input
                type="radio"
                name={`${id}-template`}
                value={item.id}
                checked={template === item.id}
                onChange={() => setTemplate(item.id)}
                aria-describedby={`${id}-${item.id}-description`}
              />
              <span className="template-name">{item.name}</span>
              <span className="template-description muted" id={`${id}-${item.id}-description`}>
                {item.description}
              </span>
              <span className="template-lanes" aria-hidden="true">
                {item.lanes.map((lane) => (
                  <span key={lane.title} className="template-lane">
                    {lane.title}
                  </span>
                ))}
              </span>
            </label>
          ))}
        </fieldset>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="modal-actions">
          <button type="button" className="button ghost" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? "Creating…" : "Create board"}
          </button>
        </div>
      </form>
    </Modal>
  );
}
