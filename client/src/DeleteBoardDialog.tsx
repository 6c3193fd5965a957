import { useId, useState } from "react";
import { describeError } from "./api";
import { deleteBoard } from "./boardsApi";
import { Modal } from "./Modal";

/** Props of DeleteBoardDialog. */
export interface DeleteBoardDialogProps {
  readonly boardId: string;
  readonly boardTitle: string;
  readonly onDeleted: () => void;
  readonly onClose: () => void;
}

/** Confirms deleting a board by having the owner type its title; says that it cannot be undone. */
export function DeleteBoardDialog({ boardId, boardTitle, onDeleted, onClose }: DeleteBoardDialogProps) {
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const matches = typed.trim() === boardTitle.trim();

  const submit = async () => {
    if (!matches || busy) return;
    setBusy(true);
    setError(null);
    try {
      await deleteBoard(boardId);
      onDeleted();
    } catch (failure) {
      console.error("Could not delete a board", failure);
      setError(describeError(failure));
      setBusy(false);
    }
  };

  return (
    <Modal title={`Delete “${boardTitle}”?`} onClose={onClose} testId="delete-board-dialog">
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <p>
          The board, its cards and its history are deleted for everyone, and anyone who has it open is told.
          This cannot be undone.
        </p>
        <div className="field">
          <label htmlFor={`${id}-confirm`}>Type the board title to confirm</label>
          <input
            id={`${id}-confirm`}
            className="text-input"
            autoComplete="off"
            placeholder={boardTitle}
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
          />
        </div>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="modal-actions">
          <button type="button" className="button ghost" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button danger" disabled={!matches || busy}>
            {busy ? "Deleting…" : "Delete board"}
          </button>
        </div>
      </form>
    </Modal>
  );
}
