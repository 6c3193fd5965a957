import { type KeyboardEvent, memo, type PointerEvent } from "react";
import { pointLabel } from "./matrix";

/** Props of MatrixDot. */
export interface MatrixDotProps {
  readonly cardId: string;
  readonly title: string;
  readonly value: number;
  readonly effort: number;
  /** Centre in the chart's coordinates. */
  readonly x: number;
  readonly y: number;
  readonly moving: boolean;
  /** Where the short title is drawn, or "none" when it would cover another (the name is still spoken). */
  readonly labelSide: "right" | "left" | "none";
  readonly readOnly: boolean;
  readonly onKeyDown: (cardId: string, event: KeyboardEvent<SVGGElement>) => void;
  readonly onKeyUp: (cardId: string, event: KeyboardEvent<SVGGElement>) => void;
  readonly onPointerDown: (cardId: string, event: PointerEvent<SVGGElement>) => void;
}

/** Longest title drawn beside a dot; the full title is in its accessible name. */
export const SHORT_TITLE = 22;

/** The title as drawn beside a dot. */
export function shortTitle(title: string): string {
  return title.length > SHORT_TITLE ? `${title.slice(0, SHORT_TITLE - 1)}…` : title;
}

/** One card on the value/effort matrix: a focusable button-like dot named "Title: value 7, effort 3". */
export const MatrixDot = memo(function MatrixDot({
  cardId,
  title,
  value,
  effort,
  x,
  y,
  moving,
  labelSide,
  readOnly,
  onKeyDown,
  onKeyUp,
  onPointerDown,
}: MatrixDotProps) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: SVG has no button element; the dot is a focusable group named for its card.
    <g
      role="button"
      tabIndex={0}
      aria-label={pointLabel(title, value, effort)}
      aria-roledescription={readOnly ? undefined : "movable point"}
      className={`matrix-dot${moving ? " is-moving" : ""}${readOnly ? "" : " is-movable"}`}
      data-testid="matrix-dot"
      data-card-id={cardId}
      transform={`translate(${x} ${y})`}
      onKeyDown={(event) => onKeyDown(cardId, event)}
      onKeyUp={(event) => onKeyUp(cardId, event)}
      onPointerDown={(event) => onPointerDown(cardId, event)}
    >
      <circle r={9} />
      <title>{title}</title>
      {labelSide !== "none" && (
        // A cut title is no part of the accessible name, which carries the whole title.
        // biome-ignore lint/a11y/noAriaHiddenOnFocusable: SVG text is not focusable.
        <text
          x={labelSide === "right" ? 13 : -13}
          y={4}
          textAnchor={labelSide === "right" ? "start" : "end"}
          aria-hidden="true"
        >
          {shortTitle(title)}
        </text>
      )}
    </g>
  );
});
