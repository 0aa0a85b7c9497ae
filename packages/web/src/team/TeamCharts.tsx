import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCredits, type TimelinePoint } from "@onchaincert/sdk";

/** Line colours told apart in light and dark mode; the team's line is dashed on top. */
const COLOURS = ["#3b4fe4", "#d97706", "#0f9d58", "#c2185b", "#00838f", "#7b1fa2", "#5d4037", "#607d8b"];

const month = (at: number) => new Date(at * 1000).toISOString().slice(0, 7);

/**
 * Two charts (Recharts, loaded with this page only): valid credentials and credits earned, per
 * person and for the team, at the end of each month. Each has its numbers in a table too.
 */
export default function TeamCharts({ labels, points }: { labels: string[]; points: TimelinePoint[] }) {
  return (
    <div className="team-charts">
      <Chart
        title="Valid credentials"
        labels={labels}
        rows={points.map((p) => ({ at: p.at, values: p.valid }))}
        format={(n) => String(n)}
      />
      <Chart
        title="Professional-development credits earned"
        labels={labels}
        rows={points.map((p) => ({ at: p.at, values: p.credits.map((c) => c / 100) }))}
        format={(n) => formatCredits(Math.round(n * 100))}
      />
    </div>
  );
}

function Chart({
  title,
  labels,
  rows,
  format,
}: {
  title: string;
  labels: string[];
  rows: { at: number; values: number[] }[];
  format: (n: number) => string;
}) {
  const data = rows.map((r) => ({
    month: month(r.at),
    team: r.values.reduce((a, b) => a + b, 0),
    ...Object.fromEntries(r.values.map((v, i) => [`m${i}`, v])),
  }));
  // Many people make many lines: the chart shows the first eight and the team; the table has all.
  const shown = labels.slice(0, COLOURS.length);
  return (
    <figure className="team-chart">
      <figcaption>
        {title}, at the end of each month
        {labels.length > shown.length ? ` (the first ${shown.length} people and the team)` : ""}
      </figcaption>
      <div className="chart-box" aria-hidden="true">
        <ResponsiveContainer width="100%" height={280}>
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis dataKey="month" tick={{ fontSize: 12, fill: "var(--muted)" }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: "var(--muted)" }} />
            <Tooltip formatter={(v) => format(Number(v))} />
            <Legend />
            {shown.map((label, i) => (
              <Line
                key={i}
                type="stepAfter"
                dataKey={`m${i}`}
                name={label}
                stroke={COLOURS[i]}
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
              />
            ))}
            <Line
              type="stepAfter"
              dataKey="team"
              name="Team"
              stroke="var(--text)"
              strokeDasharray="6 4"
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <details className="chart-numbers">
        <summary>The numbers</summary>
        <div className="table-scroll" tabIndex={0} role="region" aria-label={`${title}: the numbers`}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Month</th>
                {labels.map((l, i) => (
                  <th scope="col" key={i}>
                    <bdi>{l}</bdi>
                  </th>
                ))}
                <th scope="col">Team</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.at}>
                  <th scope="row">{month(r.at)}</th>
                  {r.values.map((v, i) => (
                    <td key={i}>{format(v)}</td>
                  ))}
                  <td>{format(r.values.reduce((a, b) => a + b, 0))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
