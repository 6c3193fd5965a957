import { useMemo } from "react";
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFigure } from "./ChartFigure";
import { CountTable } from "./CountTable";
import {
  type Count,
  cardsPerLane,
  cardsPerTeam,
  evidencePerGoal,
  flowSeries,
  scoreHistogram,
  utcDay,
} from "./insights";
import { useFlow } from "./useFlow";
import type { ViewProps } from "./ViewProps";
import "./views.css";

/** Lane colours for the flow chart, distinguishable and dark enough on white. */
const PALETTE = ["#4f46e5", "#0f766e", "#b45309", "#be185d", "#0369a1", "#4d7c0f", "#7c3aed", "#9f1239"];
const BAR = "#4f46e5";
const CHART_STYLE = { width: "100%", height: 240 } as const;

/** Axis labels longer than this are cut short; the full names are in the summary and the data table. */
const TICK_CHARS = 14;

function shortTick(value: unknown): string {
  const text = String(value);
  return text.length > TICK_CHARS ? `${text.slice(0, TICK_CHARS - 1)}…` : text;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function largest(rows: readonly Count[]): Count | null {
  return rows.reduce<Count | null>(
    (best, row) => (best === null || row.count > best.count ? row : best),
    null,
  );
}

function CountBars({ data, label }: { readonly data: readonly Count[]; readonly label: string }) {
  return (
    <BarChart responsive style={CHART_STYLE} data={[...data]} accessibilityLayer={false}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="name" interval={0} tick={{ fontSize: 12 }} tickFormatter={shortTick} />
      <YAxis allowDecimals={false} width={36} />
      <Tooltip />
      <Bar dataKey="count" name={label} fill={BAR} isAnimationActive={false} />
    </BarChart>
  );
}

/**
 * The Insights view: charts of the live board — cards per lane and per team, the spread of scores,
 * evidence per goal (all over the visible cards) and cumulative flow by lane over 30 days (the whole
 * board, history from the server, today from the live document). Each chart has a title, a text
 * summary and a "Show data" table.
 */
export function InsightsView({ boardId, board, visibleCardIds }: ViewProps) {
  const lanes = useMemo(() => cardsPerLane(board, visibleCardIds), [board, visibleCardIds]);
  const teams = useMemo(() => cardsPerTeam(board, visibleCardIds), [board, visibleCardIds]);
  const histogram = useMemo(() => scoreHistogram(board, visibleCardIds), [board, visibleCardIds]);
  const goals = useMemo(() => evidencePerGoal(board, visibleCardIds), [board, visibleCardIds]);
  const flow = useFlow(boardId);
  const today = utcDay(new Date());
  const series = useMemo(
    () => flowSeries(board, flow.status === "ready" ? flow.days : [], today),
    [board, flow, today],
  );

  const total = lanes.reduce((sum, lane) => sum + lane.count, 0);
  const busiestLane = largest(lanes);
  const busiestTeam = largest(teams);
  const scored = histogram.bins.reduce((sum, bin) => sum + bin.count, 0);
  const topBin = largest(histogram.bins);
  const evidenceTotal = goals.reduce((sum, goal) => sum + goal.evidence, 0);
  const bestBacked = goals.reduce<(typeof goals)[number] | null>(
    (best, goal) => (best === null || goal.evidence > best.evidence ? goal : best),
    null,
  );
  const first = series.rows[0];
  const last = series.rows.at(-1);

  return (
    <section className="view insights-view" aria-labelledby="insights-heading" data-testid="insights-view">
      <header className="view-toolbar">
        <h2 id="insights-heading" className="view-heading">
          Insights
        </h2>
        <p className="muted view-summary">
          {plural(total, "card")} shown. Charts follow the filter and update live.
        </p>
      </header>
      <div className="charts">
        <ChartFigure
          title="Cards per lane"
          testId="chart-lanes"
          summary={
            busiestLane
              ? `${plural(total, "card")} across ${plural(lanes.length, "lane")}; the most in ${busiestLane.name} (${busiestLane.count}).`
              : "The board has no lanes."
          }
          table={
            <CountTable
              caption="Cards per lane"
              testId="data-lanes"
              columns={["Lane", "Cards"]}
              rows={lanes.map((lane) => [lane.name, lane.count])}
            />
          }
        >
          <CountBars data={lanes} label="Cards" />
        </ChartFigure>

        <ChartFigure
          title="Cards per team"
          testId="chart-teams"
          summary={
            busiestTeam && busiestTeam.count > 0
              ? `The most cards belong to ${busiestTeam.name} (${busiestTeam.count}).`
              : "No card shown has a team yet."
          }
          table={
            <CountTable
              caption="Cards per team"
              testId="data-teams"
              columns={["Team", "Cards"]}
              rows={teams.map((team) => [team.name, team.count])}
            />
          }
        >
          <CountBars data={teams} label="Cards" />
        </ChartFigure>

        <ChartFigure
          title={`Score distribution (${histogram.model})`}
          testId="chart-scores"
          summary={
            topBin
              ? `${plural(scored, "card")} scored by ${histogram.model}, most between ${topBin.name}; ${plural(histogram.unscored, "card")} missing an input.`
              : `No card shown has every ${histogram.model} input yet (${plural(histogram.unscored, "card")} missing one).`
          }
          table={
            <CountTable
              caption={`Cards per ${histogram.model} score range`}
              testId="data-scores"
              columns={["Score", "Cards"]}
              rows={[
                ...histogram.bins.map((bin): [string, number] => [bin.name, bin.count]),
                ["No score", histogram.unscored],
              ]}
            />
          }
        >
          <CountBars data={histogram.bins} label="Cards" />
        </ChartFigure>

        <ChartFigure
          title="Evidence per goal"
          testId="chart-evidence"
          summary={
            bestBacked && evidenceTotal > 0
              ? `${plural(evidenceTotal, "piece")} of customer evidence; the best backed is ${bestBacked.name} (${bestBacked.evidence}).`
              : "No customer evidence is linked to the cards shown yet."
          }
          table={
            <CountTable
              caption="Customer evidence per goal"
              testId="data-evidence"
              columns={["Goal", "Evidence", "Cards"]}
              rows={goals.map((goal) => [goal.name, goal.evidence, goal.cards])}
            />
          }
        >
          <BarChart
            responsive
            style={CHART_STYLE}
            data={goals.map((goal) => ({ ...goal }))}
            accessibilityLayer={false}
          >
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" interval={0} tick={{ fontSize: 12 }} tickFormatter={shortTick} />
            <YAxis allowDecimals={false} width={36} />
            <Tooltip />
            <Bar dataKey="evidence" name="Evidence" fill={BAR} isAnimationActive={false} />
          </BarChart>
        </ChartFigure>

        <ChartFigure
          title="Cumulative flow, last 30 days"
          testId="chart-flow"
          summary={
            (flow.status === "unavailable" ? `${flow.message} ` : "") +
            (first && last
              ? `Whole board (not filtered), cards per lane from ${first.date} to ${last.date}: ${series.keys
                  .map((key) => `${key} ${last[key] ?? 0}`)
                  .join(", ")} today.`
              : "")
          }
          table={
            <CountTable
              caption="Cards per lane per day"
              testId="data-flow"
              columns={["Date", ...series.keys]}
              rows={series.rows.map((row) => [row.date, ...series.keys.map((key) => Number(row[key] ?? 0))])}
            />
          }
        >
          <AreaChart responsive style={CHART_STYLE} data={[...series.rows]} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="date" tick={{ fontSize: 11 }} minTickGap={24} />
            <YAxis allowDecimals={false} width={36} />
            <Tooltip />
            <Legend />
            {series.keys.map((key, i) => (
              <Area
                key={key}
                type="monotone"
                stackId="flow"
                dataKey={(row: Record<string, number | string>) => row[key] ?? 0}
                name={key}
                stroke={PALETTE[i % PALETTE.length]}
                fill={PALETTE[i % PALETTE.length]}
                fillOpacity={0.35}
                isAnimationActive={false}
              />
            ))}
          </AreaChart>
        </ChartFigure>
      </div>
    </section>
  );
}
