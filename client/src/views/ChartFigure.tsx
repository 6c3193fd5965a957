import { type ReactNode, useId, useState } from "react";

/** Props of ChartFigure. */
export interface ChartFigureProps {
  readonly title: string;
  /** One or two sentences saying what the chart shows, read by everyone (and by screen readers instead of the SVG). */
  readonly summary: string;
  /** The data as a table: the chart's text alternative, shown on "Show data". */
  readonly table: ReactNode;
  readonly testId: string;
  readonly children: ReactNode;
}

/** A titled chart with a text summary and a "Show data" toggle revealing the same numbers as a table. */
export function ChartFigure({ title, summary, table, testId, children }: ChartFigureProps) {
  const [open, setOpen] = useState(false);
  const titleId = useId();
  const tableId = useId();
  return (
    <figure className="chart" aria-labelledby={titleId} data-testid={testId}>
      <figcaption className="chart-caption">
        <h3 id={titleId} className="chart-title">
          {title}
        </h3>
        <p className="chart-summary">{summary}</p>
      </figcaption>
      <div className="chart-body" aria-hidden="true">
        {children}
      </div>
      <button
        type="button"
        className="button small ghost"
        aria-expanded={open}
        aria-controls={tableId}
        onClick={() => setOpen(!open)}
      >
        {open ? "Hide data" : "Show data"}
      </button>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a long table scrolls in its box, so the box takes the focus for keyboard scrolling (axe scrollable-region-focusable). */}
      <section id={tableId} hidden={!open} className="chart-data" aria-label={`${title}: data`} tabIndex={0}>
        {table}
      </section>
    </figure>
  );
}
