import { CARD_TYPE_LABELS, CARD_TYPES, IMPACT_VALUES, WSJF_SCALE } from "@converge/shared";
import type { SelectOption } from "./SelectField";

/** Card types as select options ("tech debt" for debt). */
export const TYPE_OPTIONS: readonly SelectOption[] = CARD_TYPES.map((type) => ({
  value: type,
  label: CARD_TYPE_LABELS[type][0]?.toUpperCase() + CARD_TYPE_LABELS[type].slice(1),
}));

const IMPACT_NAMES: Record<number, string> = {
  3: "massive",
  2: "high",
  1: "medium",
  0.5: "low",
  0.25: "minimal",
};

/** The RICE impact scale, largest first, each with its conventional name. */
export const IMPACT_OPTIONS: readonly SelectOption[] = [...IMPACT_VALUES]
  .reverse()
  .map((value) => ({ value: String(value), label: `${value} — ${IMPACT_NAMES[value] ?? ""}` }));

/** The WSJF scale (1, 2, 3, 5, 8, 13, 21). */
export const WSJF_OPTIONS: readonly SelectOption[] = WSJF_SCALE.map((value) => ({
  value: String(value),
  label: String(value),
}));

/** Now / Next / Later, then the current quarter and the five after it ("2027-Q1"). */
export function targetOptions(now = new Date()): readonly SelectOption[] {
  const options: SelectOption[] = [
    { value: "now", label: "Now" },
    { value: "next", label: "Next" },
    { value: "later", label: "Later" },
  ];
  let year = now.getFullYear();
  let quarter = Math.floor(now.getMonth() / 3) + 1;
  for (let i = 0; i < 6; i++) {
    options.push({ value: `${year}-Q${quarter}`, label: `Q${quarter} ${year}` });
    quarter++;
    if (quarter > 4) {
      quarter = 1;
      year++;
    }
  }
  return options;
}

/** How a target reads on a badge or in a list: "Now", "Q1 2027". */
export function targetLabel(target: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(target);
  if (quarter) return `Q${quarter[2]} ${quarter[1]}`;
  return target.charAt(0).toUpperCase() + target.slice(1);
}
