import {
  addTeam,
  type Board,
  removeTeam,
  renameTeam,
  SCORING_MODEL_LABELS,
  SCORING_MODELS,
  type ScoringModel,
  setScoringModel,
} from "@converge/shared";
import { type FormEvent, useState } from "react";
import type * as Y from "yjs";
import { attemptOp } from "./attemptOp";
import { UI_ORIGIN } from "./boardActions";
import { EditableText } from "./EditableText";
import { Modal } from "./Modal";

/** Props of BoardSettingsDialog. */
export interface BoardSettingsDialogProps {
  readonly doc: Y.Doc;
  readonly board: Board;
  readonly onClose: () => void;
}

const MODEL_HINTS = {
  rice: "Reach × Impact × Confidence ÷ Effort",
  "value-effort": "Value ÷ Effort",
  wsjf: "(Business value + Time criticality + Risk reduction) ÷ Job size",
} as const satisfies Record<ScoringModel, string>;

/** Board settings for owners and editors: the scoring model every view uses, and the team list. */
export function BoardSettingsDialog({ doc, board, onClose }: BoardSettingsDialogProps) {
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState("");

  const add = (event: FormEvent) => {
    event.preventDefault();
    const refused = attemptOp(() => addTeam(doc, draft, UI_ORIGIN));
    setError(refused);
    if (!refused) {
      setStatus(`Added team ${draft.trim()}.`);
      setDraft("");
    }
  };

  return (
    <Modal title="Board settings" onClose={onClose} className="settings-dialog" testId="settings-dialog">
      <fieldset className="settings-group">
        <legend>Scoring model</legend>
        {SCORING_MODELS.map((model) => (
          <label key={model} className="radio-row">
            <input
              type="radio"
              name="scoring-model"
              value={model}
              checked={board.scoringModel === model}
              onChange={() => {
                setError(attemptOp(() => setScoringModel(doc, model, UI_ORIGIN)));
                setStatus(`Scoring with ${SCORING_MODEL_LABELS[model]}.`);
              }}
            />
            <span>
              <strong>{SCORING_MODEL_LABELS[model]}</strong>{" "}
              <span className="muted">{MODEL_HINTS[model]}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <section className="settings-group" aria-labelledby="settings-teams">
        <h3 id="settings-teams" className="card-section-title">
          Teams
        </h3>
        <ul className="team-list">
          {board.teams.map((team) => (
            <li key={team} className="team-row" data-testid="team-row">
              <EditableText
                value={team}
                label={`Team name ${team}`}
                onCommit={(name) => setError(attemptOp(() => renameTeam(doc, team, name, UI_ORIGIN)))}
              />
              <button
                type="button"
                className="button small ghost"
                aria-label={`Remove team ${team}`}
                onClick={() => {
                  setError(attemptOp(() => removeTeam(doc, team, UI_ORIGIN)));
                  setStatus(`Removed team ${team}; its cards have no team now.`);
                }}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
        <form className="inline-form" onSubmit={add}>
          <input
            className="text-input"
            aria-label="New team name"
            placeholder="New team"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
          />
          <button type="submit" className="button small primary" disabled={draft.trim() === ""}>
            Add team
          </button>
        </form>
      </section>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <p className="sr-only" role="status">
        {status}
      </p>
    </Modal>
  );
}
