import {
  type Board,
  type Card,
  type CardFieldsPatch,
  type CardType,
  effectiveReach,
  formatScore,
  type Impact,
  SCORING_MODEL_LABELS,
  scoreCard,
  setCardFields,
} from "@converge/shared";
import type * as Y from "yjs";
import { attemptOp } from "./attemptOp";
import { UI_ORIGIN } from "./boardActions";
import { LabelsField } from "./LabelsField";
import { NumberField } from "./NumberField";
import { IMPACT_OPTIONS, TYPE_OPTIONS, targetOptions, WSJF_OPTIONS } from "./planningOptions";
import { SelectField } from "./SelectField";
import type { ViewMember } from "./views/ViewProps";

/** Props of CardFieldsForm. */
export interface CardFieldsFormProps {
  readonly doc: Y.Doc;
  readonly card: Card;
  readonly board: Board;
  readonly members: readonly ViewMember[];
  readonly readOnly: boolean;
}

const FORMULAS = {
  rice: "reach × impact × confidence ÷ effort",
  "value-effort": "value ÷ effort",
  wsjf: "(business value + time criticality + risk reduction) ÷ effort",
} as const;

/**
 * A card's planning fields, each written on its own through setCardFields, with the card's live
 * score under the board's scoring model. The board's model's inputs come first; the others fold away.
 */
export function CardFieldsForm({ doc, card, board, members, readOnly }: CardFieldsFormProps) {
  const write = (patch: CardFieldsPatch) => attemptOp(() => setCardFields(doc, card.id, patch, UI_ORIGIN));
  const model = board.scoringModel;
  const score = scoreCard(card, model);
  const reach = effectiveReach(card);
  const raised = card.reach !== null && reach !== null && reach > card.reach;

  const text = (field: "team" | "owner" | "goalId" | "target") => (value: string) =>
    write({ [field]: value === "" ? null : value });
  const scale = (field: "businessValue" | "timeCriticality" | "riskReduction") => (value: string) =>
    write({ [field]: value === "" ? null : Number(value) });

  const rice = [
    <NumberField
      key="reach"
      label="Reach"
      value={card.reach}
      min={0}
      hint={raised ? `Raised to ${reach} by quoted customers` : "People per quarter"}
      readOnly={readOnly}
      testId="field-reach"
      onCommit={(value) => write({ reach: value })}
    />,
    <SelectField
      key="impact"
      label="Impact"
      value={card.impact === null ? "" : String(card.impact)}
      options={IMPACT_OPTIONS}
      emptyLabel="Not set"
      readOnly={readOnly}
      testId="field-impact"
      onCommit={(value) => write({ impact: value === "" ? null : (Number(value) as Impact) })}
    />,
    <NumberField
      key="confidence"
      label="Confidence %"
      value={card.confidence}
      min={0}
      max={100}
      hint="50 low, 80 medium, 100 high"
      readOnly={readOnly}
      testId="field-confidence"
      onCommit={(value) => write({ confidence: value })}
    />,
  ];
  const effort = (
    <NumberField
      key="effort"
      label="Effort"
      value={card.effort}
      min={0}
      hint="Person-months"
      readOnly={readOnly}
      testId="field-effort"
      onCommit={(value) => write({ effort: value })}
    />
  );
  const value = (
    <NumberField
      key="value"
      label="Value (1–10)"
      value={card.value}
      min={1}
      max={10}
      step={1}
      readOnly={readOnly}
      testId="field-value"
      onCommit={(next) => write({ value: next })}
    />
  );
  const wsjf = [
    <SelectField
      key="businessValue"
      label="Business value"
      value={card.businessValue === null ? "" : String(card.businessValue)}
      options={WSJF_OPTIONS}
      emptyLabel="Not set"
      readOnly={readOnly}
      onCommit={scale("businessValue")}
    />,
    <SelectField
      key="timeCriticality"
      label="Time criticality"
      value={card.timeCriticality === null ? "" : String(card.timeCriticality)}
      options={WSJF_OPTIONS}
      emptyLabel="Not set"
      readOnly={readOnly}
      onCommit={scale("timeCriticality")}
    />,
    <SelectField
      key="riskReduction"
      label="Risk reduction"
      value={card.riskReduction === null ? "" : String(card.riskReduction)}
      options={WSJF_OPTIONS}
      emptyLabel="Not set"
      readOnly={readOnly}
      onCommit={scale("riskReduction")}
    />,
  ];
  const inputs = {
    rice: { main: [...rice, effort], other: [value, ...wsjf] },
    "value-effort": { main: [value, effort], other: [...rice, ...wsjf] },
    wsjf: { main: [...wsjf, effort], other: [...rice, value] },
  }[model];

  const goals = board.goals
    .filter((goal) => !goal.archived || goal.id === card.goalId)
    .map((goal) => ({ value: goal.id, label: goal.archived ? `${goal.title} (archived)` : goal.title }));

  return (
    <div className="card-fields" data-testid="card-fields">
      <section className="card-score" aria-labelledby={`score-${card.id}`}>
        <h3 id={`score-${card.id}`} className="card-section-title">
          {SCORING_MODEL_LABELS[model]} score
        </h3>
        <output className="card-score-value" data-testid="card-score" aria-live="polite">
          {formatScore(score)}
        </output>
        <p className="field-hint">{score === null ? `Needs ${FORMULAS[model]}` : FORMULAS[model]}</p>
      </section>
      <div className="planning-grid">
        <SelectField
          label="Type"
          value={card.type ?? ""}
          options={TYPE_OPTIONS}
          emptyLabel="No type"
          readOnly={readOnly}
          testId="field-type"
          onCommit={(next) => write({ type: next === "" ? null : (next as CardType) })}
        />
        <SelectField
          label="Team"
          value={card.team ?? ""}
          options={board.teams.map((team) => ({ value: team, label: team }))}
          emptyLabel="No team"
          readOnly={readOnly}
          testId="field-team"
          onCommit={text("team")}
        />
        <SelectField
          label="Owner"
          value={card.owner ?? ""}
          options={members.map((member) => ({ value: member.id, label: member.name }))}
          emptyLabel="Nobody"
          readOnly={readOnly}
          testId="field-owner"
          onCommit={text("owner")}
        />
        <SelectField
          label="Goal"
          value={card.goalId ?? ""}
          options={goals}
          emptyLabel="No goal"
          readOnly={readOnly}
          testId="field-goal"
          onCommit={text("goalId")}
        />
        <SelectField
          label="Target"
          value={card.target ?? ""}
          options={targetOptions()}
          emptyLabel="Not planned"
          readOnly={readOnly}
          testId="field-target"
          onCommit={text("target")}
        />
        <DueDateField
          value={card.dueDate}
          readOnly={readOnly}
          onCommit={(next) => write({ dueDate: next })}
        />
        <NumberField
          label="Estimate"
          value={card.estimate}
          min={0}
          hint="Points or days"
          readOnly={readOnly}
          testId="field-estimate"
          onCommit={(next) => write({ estimate: next })}
        />
      </div>
      <h3 className="card-section-title">{SCORING_MODEL_LABELS[model]} inputs</h3>
      <div className="planning-grid">{inputs.main}</div>
      <details className="other-inputs">
        <summary>Other scoring inputs</summary>
        <div className="planning-grid">{inputs.other}</div>
      </details>
      <LabelsField labels={card.labels} readOnly={readOnly} onCommit={(labels) => write({ labels })} />
    </div>
  );
}

function DueDateField({
  value,
  readOnly,
  onCommit,
}: {
  readonly value: string | null;
  readonly readOnly: boolean;
  readonly onCommit: (value: string | null) => string | null;
}) {
  return (
    <div className="planning-field">
      <label htmlFor="card-due-date">Due date</label>
      <input
        id="card-due-date"
        type="date"
        className="text-input"
        value={value ?? ""}
        readOnly={readOnly}
        data-testid="field-due"
        onChange={(event) => {
          if (!readOnly) onCommit(event.target.value === "" ? null : event.target.value);
        }}
      />
    </div>
  );
}
