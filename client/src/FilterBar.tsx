import { type Board, CARD_TYPE_LABELS, CARD_TYPES } from "@converge/shared";
import { useMemo } from "react";
import { EMPTY_FILTER, type FilterState, isEmptyFilter, NONE } from "./boardFilter";
import type { ViewMember } from "./views/ViewProps";

/** Props of FilterBar. */
export interface FilterBarProps {
  readonly board: Board;
  readonly members: readonly ViewMember[];
  readonly filter: FilterState;
  readonly onChange: (filter: FilterState) => void;
  /** How many live cards the filter keeps, and of how many. */
  readonly shown: number;
  readonly total: number;
}

/** The filter bar every view honours: search text, team, owner, type, label and goal, and Clear. */
export function FilterBar({ board, members, filter, onChange, shown, total }: FilterBarProps) {
  const labels = useMemo(() => {
    const all = new Set<string>();
    for (const card of board.cards.values())
      if (!card.archived) for (const label of card.labels) all.add(label);
    return [...all].sort((a, b) => a.localeCompare(b));
  }, [board.cards]);
  const set = (patch: Partial<FilterState>) => onChange({ ...filter, ...patch });
  const active = !isEmptyFilter(filter);

  const select = (
    label: string,
    key: keyof FilterState,
    options: readonly { value: string; label: string }[],
    none?: string,
  ) => (
    <select
      className="text-input filter-select"
      aria-label={label}
      value={filter[key]}
      data-testid={`filter-${key}`}
      onChange={(event) => set({ [key]: event.target.value })}
    >
      <option value="">{`Any ${label.toLowerCase()}`}</option>
      {none && <option value={NONE}>{none}</option>}
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );

  return (
    <search className="filter-bar" aria-label="Filter cards">
      <input
        type="search"
        className="text-input filter-text"
        placeholder="Filter cards…"
        aria-label="Search cards"
        value={filter.text}
        data-testid="filter-text"
        onChange={(event) => set({ text: event.target.value })}
      />
      {select(
        "Team",
        "team",
        board.teams.map((team) => ({ value: team, label: team })),
        "No team",
      )}
      {select(
        "Owner",
        "owner",
        members.map((member) => ({ value: member.id, label: member.name })),
        "Nobody",
      )}
      {select(
        "Type",
        "type",
        CARD_TYPES.map((type) => ({ value: type, label: CARD_TYPE_LABELS[type] })),
        "No type",
      )}
      {select(
        "Label",
        "label",
        labels.map((label) => ({ value: label, label })),
      )}
      {select(
        "Goal",
        "goalId",
        board.goals.filter((goal) => !goal.archived).map((goal) => ({ value: goal.id, label: goal.title })),
        "No goal",
      )}
      {active && (
        <>
          <span className="filter-count" data-testid="filter-count">
            {shown} of {total}
          </span>
          <button type="button" className="button small ghost" onClick={() => onChange(EMPTY_FILTER)}>
            Clear
          </button>
        </>
      )}
      <span className="sr-only" role="status">
        {active ? `${shown} of ${total} cards shown.` : ""}
      </span>
    </search>
  );
}
