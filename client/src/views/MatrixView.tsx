import { type KeyboardEvent, type PointerEvent, useCallback, useMemo, useRef, useState } from "react";
import { commitCardFields } from "./cardEdits";
import { MatrixDot, shortTitle } from "./MatrixDot";
import {
  fromPlot,
  matrixData,
  nudge,
  pointLabel,
  type Quadrant,
  quadrantOf,
  VALUE_MAX,
  VALUE_MIN,
} from "./matrix";
import type { ViewProps } from "./ViewProps";
import "./views.css";

const WIDTH = 720;
const HEIGHT = 460;
const PLOT = { left: 56, top: 16, right: WIDTH - 20, bottom: HEIGHT - 48 };
const PLOT_W = PLOT.right - PLOT.left;
const PLOT_H = PLOT.bottom - PLOT.top;
/** Pixels a pointer must travel before a press on a dot becomes a drag rather than a click. */
const DRAG_SLOP = 4;

interface Preview {
  readonly cardId: string;
  readonly value: number;
  readonly effort: number;
}

interface PointerDrag {
  readonly cardId: string;
  readonly pointerId: number;
  readonly startX: number;
  readonly startY: number;
  moved: boolean;
}

const QUADRANTS: readonly { readonly name: Quadrant; readonly left: boolean; readonly top: boolean }[] = [
  { name: "Quick wins", left: true, top: true },
  { name: "Big bets", left: false, top: true },
  { name: "Fill-ins", left: true, top: false },
  { name: "Time sinks", left: false, top: false },
];

function xOf(effort: number, effortMax: number): number {
  return PLOT.left + (effort / effortMax) * PLOT_W;
}

function yOf(value: number): number {
  return PLOT.top + ((VALUE_MAX - value) / (VALUE_MAX - VALUE_MIN)) * PLOT_H;
}

/** Fans out cards that share a value and effort around their common spot, so each stays reachable. */
function spread(stack: number): { dx: number; dy: number } {
  if (stack === 0) return { dx: 0, dy: 0 };
  const angle = stack * 2.4;
  const radius = 7 * Math.sqrt(stack);
  return { dx: Math.cos(angle) * radius, dy: Math.sin(angle) * radius };
}

interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** Approximate width of a drawn title at the chart's 11px font. */
const CHAR_WIDTH = 6.2;

/**
 * Where each dot's title goes: right of it, else left, else nowhere, so titles never cover one
 * another or another dot (greedy, in the order given; the name stays in the dot's accessible name).
 */
function labelSides(dots: readonly { id: string; title: string; x: number; y: number }[]) {
  const taken: Box[] = dots.map(({ x, y }) => ({ left: x - 9, top: y - 9, right: x + 9, bottom: y + 9 }));
  const sides = new Map<string, "right" | "left" | "none">();
  for (const { id, title, x, y } of dots) {
    const width = shortTitle(title).length * CHAR_WIDTH;
    const right: Box = { left: x + 12, top: y - 7, right: x + 13 + width, bottom: y + 7 };
    const left: Box = { left: x - 13 - width, top: y - 7, right: x - 12, bottom: y + 7 };
    const fits = (box: Box) =>
      box.left >= 0 && box.right <= WIDTH && !taken.some((other) => overlaps(box, other));
    const side = fits(right) ? "right" : fits(left) ? "left" : "none";
    if (side !== "none") taken.push(side === "right" ? right : left);
    sides.set(id, side);
  }
  return sides;
}

function effortTicks(effortMax: number): number[] {
  const step = Math.max(1, Math.ceil(effortMax / 5));
  const ticks: number[] = [];
  for (let tick = 0; tick <= effortMax; tick += step) ticks.push(tick);
  return ticks;
}

/**
 * The Matrix view: value (up) against effort (right) for the visible cards, in four named quadrants.
 * A dot moves by pointer drag or arrow keys; the new value and effort are written with one
 * setCardFields on drop or key release. Cards missing either input are listed beside the chart.
 */
export function MatrixView({ doc, board, visibleCardIds, readOnly, onOpenCard }: ViewProps) {
  const data = useMemo(() => matrixData(board, visibleCardIds), [board, visibleCardIds]);
  const { points, missing, effortMax } = data;
  const [preview, setPreview] = useState<Preview | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const [spoken, setSpoken] = useState("");
  const svgRef = useRef<SVGSVGElement | null>(null);
  const dragRef = useRef<PointerDrag | null>(null);
  const previewRef = useRef<Preview | null>(null);
  previewRef.current = preview;
  const pointsRef = useRef(points);
  pointsRef.current = points;

  const commit = useCallback(
    (next: Preview | null) => {
      setPreview(null);
      if (!next) return;
      const point = pointsRef.current.find((candidate) => candidate.card.id === next.cardId);
      if (!point || (point.value === next.value && point.effort === next.effort)) return;
      const result = commitCardFields(doc, next.cardId, { value: next.value, effort: next.effort });
      setAlert(result.ok ? null : result.message);
    },
    [doc],
  );

  const onKeyDown = useCallback(
    (cardId: string, event: KeyboardEvent<SVGGElement>) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        onOpenCard(cardId);
        return;
      }
      if (event.key === "Escape") {
        setPreview(null);
        return;
      }
      if (readOnly) return;
      const point = pointsRef.current.find((candidate) => candidate.card.id === cardId);
      const current = previewRef.current?.cardId === cardId ? previewRef.current : point;
      if (!current) return;
      const next = nudge(current, event.key, effortMax);
      if (!next) return;
      event.preventDefault();
      const title = point?.card.title ?? "";
      setPreview({ cardId, ...next });
      setSpoken(
        `${pointLabel(title, next.value, next.effort)}, ${quadrantOf(next.value, next.effort, effortMax)}.`,
      );
    },
    [effortMax, onOpenCard, readOnly],
  );

  const onKeyUp = useCallback(
    (cardId: string, event: KeyboardEvent<SVGGElement>) => {
      if (!event.key.startsWith("Arrow") || previewRef.current?.cardId !== cardId) return;
      commit(previewRef.current);
    },
    [commit],
  );

  const plotPosition = (clientX: number, clientY: number) => {
    const svg = svgRef.current;
    const matrix = svg?.getScreenCTM();
    if (!svg || !matrix) return null;
    const point = new DOMPoint(clientX, clientY).matrixTransform(matrix.inverse());
    return fromPlot((point.x - PLOT.left) / PLOT_W, (point.y - PLOT.top) / PLOT_H, effortMax);
  };

  const onPointerDown = useCallback((cardId: string, event: PointerEvent<SVGGElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    dragRef.current = {
      cardId,
      pointerId: event.pointerId,
      startX: event.clientX,
      startY: event.clientY,
      moved: false,
    };
  }, []);
  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const drag = dragRef.current;
    if (!drag || drag.pointerId !== event.pointerId || readOnly) return;
    if (!drag.moved && Math.hypot(event.clientX - drag.startX, event.clientY - drag.startY) < DRAG_SLOP)
      return;
    drag.moved = true;
    const at = plotPosition(event.clientX, event.clientY);
    if (at) setPreview({ cardId: drag.cardId, ...at });
  };
  const onPointerUp = (event: PointerEvent<SVGSVGElement>) => {
    const drag = dragRef.current;
    if (!drag || drag.pointerId !== event.pointerId) return;
    dragRef.current = null;
    if (drag.moved && !readOnly) commit(previewRef.current);
    else onOpenCard(drag.cardId);
  };

  const counts = new Map<Quadrant, number>();
  for (const point of points) {
    const quadrant = quadrantOf(point.value, point.effort, effortMax);
    counts.set(quadrant, (counts.get(quadrant) ?? 0) + 1);
  }
  const dots = points.map((point) => {
    const moving = preview?.cardId === point.card.id;
    const value = moving ? preview.value : point.value;
    const effort = moving ? preview.effort : point.effort;
    const offset = moving ? { dx: 0, dy: 0 } : spread(point.stack);
    return {
      id: point.card.id,
      title: point.card.title,
      value,
      effort,
      x: xOf(effort, effortMax) + offset.dx,
      y: yOf(value) + offset.dy,
    };
  });
  const sides = labelSides(dots);
  const midX = xOf(effortMax / 2, effortMax);
  const midY = yOf((VALUE_MIN + VALUE_MAX) / 2);

  return (
    <section className="view matrix-view" aria-labelledby="matrix-heading" data-testid="matrix-view">
      <header className="view-toolbar">
        <h2 id="matrix-heading" className="view-heading">
          Value / effort
        </h2>
        <p className="muted view-summary" id="matrix-summary">
          {points.length} card{points.length === 1 ? "" : "s"} on the matrix:{" "}
          {QUADRANTS.map(
            (quadrant) => `${counts.get(quadrant.name) ?? 0} ${quadrant.name.toLowerCase()}`,
          ).join(", ")}
          .
          {readOnly ? "" : " Drag a dot, or focus it and use the arrow keys, to change its value and effort."}
        </p>
      </header>
      {alert && (
        <p className="view-alert" role="alert">
          {alert}
        </p>
      )}
      <p className="sr-only" aria-live="polite" data-testid="matrix-announcement">
        {spoken}
      </p>
      <div className="matrix-layout">
        {/* biome-ignore lint/a11y/useSemanticElements: an SVG chart cannot be a fieldset; the group names the points inside it. */}
        <svg
          ref={svgRef}
          className="matrix-chart"
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          role="group"
          aria-labelledby="matrix-heading"
          aria-describedby="matrix-summary"
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={() => {
            dragRef.current = null;
            setPreview(null);
          }}
        >
          {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: decoration only (quadrant names and ticks are in the summary); nothing in it is focusable. */}
          <g aria-hidden="true">
            {QUADRANTS.map((quadrant) => (
              <g
                key={quadrant.name}
                className={`matrix-quadrant is-${quadrant.left ? "left" : "right"}-${quadrant.top ? "top" : "bottom"}`}
              >
                <rect
                  x={quadrant.left ? PLOT.left : midX}
                  y={quadrant.top ? PLOT.top : midY}
                  width={quadrant.left ? midX - PLOT.left : PLOT.right - midX}
                  height={quadrant.top ? midY - PLOT.top : PLOT.bottom - midY}
                />
                <text
                  x={quadrant.left ? PLOT.left + 10 : PLOT.right - 10}
                  y={quadrant.top ? PLOT.top + 20 : PLOT.bottom - 10}
                  textAnchor={quadrant.left ? "start" : "end"}
                >
                  {quadrant.name}
                </text>
              </g>
            ))}
            {Array.from({ length: VALUE_MAX - VALUE_MIN + 1 }, (_, i) => VALUE_MIN + i).map((value) => (
              <text key={value} className="matrix-tick" x={PLOT.left - 8} y={yOf(value) + 4} textAnchor="end">
                {value}
              </text>
            ))}
            {effortTicks(effortMax).map((effort) => (
              <text
                key={effort}
                className="matrix-tick"
                x={xOf(effort, effortMax)}
                y={PLOT.bottom + 18}
                textAnchor="middle"
              >
                {effort}
              </text>
            ))}
            <text className="matrix-axis" x={(PLOT.left + PLOT.right) / 2} y={HEIGHT - 8} textAnchor="middle">
              Effort (person-months) →
            </text>
            <text
              className="matrix-axis"
              transform={`translate(16 ${(PLOT.top + PLOT.bottom) / 2}) rotate(-90)`}
              textAnchor="middle"
            >
              Value →
            </text>
          </g>
          {dots.map((dot) => {
            const moving = preview?.cardId === dot.id;
            return (
              <MatrixDot
                key={dot.id}
                cardId={dot.id}
                title={dot.title}
                value={dot.value}
                effort={dot.effort}
                x={dot.x}
                y={dot.y}
                moving={moving}
                labelSide={sides.get(dot.id) ?? "none"}
                readOnly={readOnly}
                onKeyDown={onKeyDown}
                onKeyUp={onKeyUp}
                onPointerDown={onPointerDown}
              />
            );
          })}
        </svg>
        <aside className="matrix-missing" aria-labelledby="matrix-missing-heading">
          <h3 id="matrix-missing-heading">Missing value or effort ({missing.length})</h3>
          {missing.length === 0 ? (
            <p className="muted">Every card shown has both.</p>
          ) : (
            <ul>
              {missing.map((card) => (
                <li key={card.id}>
                  <button type="button" className="link-like" onClick={() => onOpenCard(card.id)}>
                    {card.title}
                  </button>
                  <span className="muted small-text">
                    {" "}
                    needs{" "}
                    {[card.value === null && "value", card.effort === null && "effort"]
                      .filter(Boolean)
                      .join(" and ")}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </aside>
      </div>
    </section>
  );
}
