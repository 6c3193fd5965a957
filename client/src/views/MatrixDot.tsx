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
  readonly readOnly: boolean;
  readonly onKeyDown: (cardId: string, event: KeyboardEvent<SVGGElement>) => void;
  readonly onKeyUp: (cardId: string, event: KeyboardEvent<SVGGElement>) => void;
  readonly onPointerDown: (cardId: string, event: PointerEvent<SVGGElement>) => void;
}

/** Longest title drawn beside a dot; the full title is in its accessible name. */
const SHORT_TITLE = 22;

/** One card on the value/effort matrix: a focusable button-like dot named "Title: value 7, effort 3". */
export const MatrixDot = memo(function MatrixDot({
  cardId,
  title,
  value,
  effort,
  x,
  y,
  moving,
  readOnly,
  onKeyDown,
  onKeyUp,
  onPointerDown,
}: MatrixDotProps) {
  const short = title.length > SHORT_TITLE ? `${title.slice(0, SHORT_TITLE - 1)}…` : title;
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
      <text x={13} y={4}>
        {short}
      </text>
    </g>
  );
});
