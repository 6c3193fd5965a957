import type { CardFilter, CardType } from "@converge/shared";

/** The filter bar's state: "" means any; NONE means "has none" (for team, owner and goal). */
export interface FilterState {
  readonly text: string;
  readonly team: string;
  readonly owner: string;
  readonly type: string;
  readonly label: string;
  readonly goalId: string;
}

/** The select value meaning "cards without one". */
export const NONE = "\u0000none";

/** A filter that keeps every card. */
export const EMPTY_FILTER: FilterState = { text: "", team: "", owner: "", type: "", label: "", goalId: "" };

/** True when the filter keeps every card. */
export function isEmptyFilter(filter: FilterState): boolean {
  return Object.values(filter).every((value) => value.trim() === "");
}

function choice(value: string): string | null | undefined {
  if (value === "") return undefined;
  return value === NONE ? null : value;
}

/** The shared filterCards criteria for the bar's state. */
export function toCardFilter(filter: FilterState): CardFilter {
  const criteria: { -readonly [K in keyof CardFilter]: CardFilter[K] } = {};
  if (filter.text.trim() !== "") criteria.text = filter.text;
  const team = choice(filter.team);
  if (team !== undefined) criteria.team = team;
  const owner = choice(filter.owner);
  if (owner !== undefined) criteria.owner = owner;
  const type = choice(filter.type);
  if (type !== undefined) criteria.type = type as CardType | null;
  if (filter.label !== "") criteria.label = filter.label;
  const goalId = choice(filter.goalId);
  if (goalId !== undefined) criteria.goalId = goalId;
  return criteria;
}
