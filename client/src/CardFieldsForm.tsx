import {
  type Board,
  type Card,
  type CardFieldsPatch,
  type CardType,
  effectiveReach,
  formatScore,
  type Impact,
  type Peer,
  SCORING_MODEL_LABELS,
  scoreCard,
  setCardFields,
} from "@converge/shared";
import { type ReactNode, useEffect, useRef } from "react";
import type * as Y from "yjs";
import { attemptOp } from "./attemptOp";
import { UI_ORIGIN } from "./boardActions";
import { FieldPresence } from "./FieldPresence";
import { LabelsField } from "./LabelsField";
import { NumberField } from "./NumberField";
import { IMPACT_OPTIONS, TYPE_OPTIONS, targetOptions, WSJF_OPTIONS } from "./planningOptions";
import { SelectField } from "./SelectField";
import type { ViewMember } from "./views/ViewProps";

/** Props of CardFieldsForm. */
/** The WSJF inputs, each a 1–10 scale picked from WSJF_OPTIONS, with its label. */
type WsjfInput = "businessValue" | "timeCriticality" | "riskReduction";
const WSJF_INPUTS: ReadonlyArray<readonly [WsjfInput, string]> = [
  ["businessValue", "Business value"],
  ["timeCriticality", "Time criticality"],
  ["riskReduction", "Risk reduction"],
];

export interface CardFieldsFormProps {
  readonly doc: Y.Doc;
  readonly card: Card;
  readonly board: Board;
  readonly members: readonly ViewMember[];
  readonly readOnly: boolean;
  /** Everyone else on the board: a teammate's name shows beside the field they are typing in. */
  readonly peers?: readonly Peer[];
  /** Told which field I am in (its presence name) on focus, and null when I leave the fields. */
  readonly onFieldFocus?: (field: string | null) => void;
}

const NO_PEERS: readonly Peer[] = [];

/** The presence name of the field a focus event happened in, from its `data-presence-field` wrapper. */
function fieldOf(event: FocusEvent): string | null {
  const target = event.target instanceof Element ? event.target : null;
  return target?.closest("[data-presence-field]")?.getAttribute("data-presence-field") ?? null;
}

/** Calls `onFieldFocus` with the field focus moves into inside the element, and null when focus leaves a field. */
function useFieldFocus(onFieldFocus: ((field: string | null) => void) | undefined) {
  const rootRef = useRef<HTMLDivElement>(null);
  const callback = useRef(onFieldFocus);
  callback.current = onFieldFocus;
  const enabled = onFieldFocus !== undefined;
  useEffect(() => {
    const root = rootRef.current;
    if (!root || !enabled) return;
    const onIn = (event: FocusEvent) => callback.current?.(fieldOf(event));
    const onOut = () => callback.current?.(null);
    root.addEventListener("focusin", onIn);
    root.addEventListener("focusout", onOut);
    return () => {
      root.removeEventListener("focusin", onIn);
      root.removeEventListener("focusout", onOut);
    };
  }, [enabled]);
  return rootRef;
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
export function CardFieldsForm({
  doc,
  card,
  board,
  members,
  readOnly,
  peers = NO_PEERS,
  onFieldFocus,
}: CardFieldsFormProps) {
  const rootRef = useFieldFocus(onFieldFocus);
  const write = (patch: CardFieldsPatch) => attemptOp(() => setCardFields(doc, card.id, patch, UI_ORIGIN));
  const model = board.scoringModel;
  const score = scoreCard(card, model);
  const reach = effectiveReach(card);
  const raised = card.reach !== null && reach !== null && reach > card.reach;

  const text = (field: "team" | "owner" | "goalId" | "target") => (value: string) =>
    write({ [field]: value === "" ? null : value });
  const scale = (field: WsjfInput) => (value: string) =>
    write({ [field]: value === "" ? null : Number(value) });

  /** A field wrapped so focusing it is published, with a teammate's name beside its label while they are in it. */
  const present = (field: string, node: ReactNode) => (
    <div key={field} className="field-with-presence" data-presence-field={field}>
      {node}
      <FieldPresence peers={peers} cardId={card.id} field={field} />
    </div>
  );

  const rice = [
    present(
      "reach",
      <NumberField
        label="Reach"
        value={card.reach}
        min={0}
        hint={raised ? `Raised to ${reach} by quoted customers` : "People per quarter"}
        readOnly={readOnly}
        testId="field-reach"
        onCommit={(value) => write({ reach: value })}
      />,
    ),
    present(
      "impact",
      <SelectField
        label="Impact"
        value={card.impact === null ? "" : String(card.impact)}
        options={IMPACT_OPTIONS}
        emptyLabel="Not set"
        readOnly={readOnly}
        testId="field-impact"
        onCommit={(value) => write({ impact: value === "" ? null : (Number(value) as Impact) })}
      />,
    ),
    present(
      "confidence",
      <NumberField
        label="Confidence %"
        value={card.confidence}
        min={0}
        max={100}
        hint="50 low, 80 medium, 100 high"
        readOnly={readOnly}
        testId="field-confidence"
        onCommit={(value) => write({ confidence: value })}
      />,
    ),
  ];
  const effort = present(
    "effort",
    <NumberField
      label="Effort"
      value={card.effort}
      min={0}
      hint="Person-months"
      readOnly={readOnly}
      testId="field-effort"
      onCommit={(value) => write({ effort: value })}
    />,
  );
  const value = present(
    "value",
    <NumberField
      label="Value (1–10)"
      value={card.value}
      min={1}
      max={10}
      step={1}
      readOnly={readOnly}
      testId="field-value"
      onCommit={(next) => write({ value: next })}
    />,
  );
  const wsjf = WSJF_INPUTS.map(([field, label]) =>
    present(
      field,
      <SelectField
        label={label}
        value={card[field] === null ? "" : String(card[field])}
        options={WSJF_OPTIONS}
        emptyLabel="Not set"
        readOnly={readOnly}
        onCommit={scale(field)}
      />,
    ),
  );
  const inputs = {
    rice: { main: [...rice, effort], other: [value, ...wsjf] },
    "value-effort": { main: [value, effort], other: [...rice, ...wsjf] },
    wsjf: { main: [...wsjf, effort], other: [...rice, value] },
  }[model];

  const goals = board.goals
    .filter((goal) => !goal.archived || goal.id === card.goalId)
    .map((goal) => ({ value: goal.id, label: goal.archived ? `${goal.title} (archived)` : goal.title }));

  return (
    <div className="card-fields" data-testid="card-fields" ref={rootRef}>
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
