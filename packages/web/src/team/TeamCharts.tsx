import { useEffect, useRef, useState } from "react";
import type uPlot from "uplot";
import { formatCredits, type TimelinePoint } from "@onchaincert/sdk";

/** Line colours told apart in light and dark mode; the team's line is dashed. */
const COLOURS = ["#3b4fe4", "#d97706", "#0f9d58", "#c2185b", "#00838f", "#7b1fa2", "#5d4037", "#607d8b"];

const month = (at: number) => new Date(at * 1000).toISOString().slice(0, 7);
const count = (n: number) => String(n);
const credits = (n: number) => formatCredits(Math.round(n * 100));

/**
 * Two charts, valid credentials and credits earned, per person and for the team, at the end of
 * each month. Drawn with uPlot (small, no framework), loaded when the charts first show: the
 * library is a chunk of its own that imports nothing the entry has, so the rest of the app's
 * chunks stay as they are. Each chart has its numbers in a table too.
 */
export function TeamCharts({ labels, points }: { labels: string[]; points: TimelinePoint[] }) {
  return (
    <div className="team-charts">
      <Chart
        title="Valid credentials"
        labels={labels}
        rows={points.map((p) => ({ at: p.at, values: p.valid }))}
        format={count}
      />
      <Chart
        title="Professional-development credits earned"
        labels={labels}
        rows={points.map((p) => ({ at: p.at, values: p.credits.map((c) => c / 100) }))}
        format={credits}
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
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string>();
  // Many people make many lines: the chart shows the first eight and the team; the table has all.
  const shown = labels.slice(0, COLOURS.length);
  // Drawn again only when what it shows changes, not at every render.
  const drawn = JSON.stringify([shown, rows]);

  useEffect(() => {
    let chart: uPlot | undefined;
    let observer: ResizeObserver | undefined;
    let cancelled = false;
    void Promise.all([import("uplot"), import("uplot/dist/uPlot.min.css")])
      .then(([{ default: UPlot }]) => {
        if (cancelled || !box.current) return;
        const style = getComputedStyle(box.current);
        const text = style.getPropertyValue("--text").trim() || "#111";
        const muted = style.getPropertyValue("--muted").trim() || "#666";
        const grid = style.getPropertyValue("--border").trim() || "#ddd";
        const stepped = UPlot.paths.stepped!({ align: 1 });
        const data: uPlot.AlignedData = [
          rows.map((r) => r.at),
          ...shown.map((_, i) => rows.map((r) => r.values[i] ?? 0)),
          rows.map((r) => r.values.reduce((a, b) => a + b, 0)),
        ];
        const axis = { stroke: muted, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
        chart = new UPlot(
          {
            width: box.current.clientWidth,
            height: 280,
            scales: { x: { time: true } },
            axes: [
              { ...axis, values: (_u, ticks) => ticks.map((t) => month(t)) },
              { ...axis, values: (_u, ticks) => ticks.map((t) => format(t)) },
            ],
            series: [
              { label: "Month", value: (_u, v) => (v == null ? "" : month(v)) },
              ...shown.map((label, i) => ({
                label,
                stroke: COLOURS[i],
                width: 2,
                paths: stepped,
                points: { show: false },
                value: (_u: uPlot, v: number | null) => (v == null ? "" : format(v)),
              })),
              {
                label: "Team",
                stroke: text,
                width: 2,
                dash: [6, 4],
                paths: stepped,
                points: { show: false },
                value: (_u: uPlot, v: number | null) => (v == null ? "" : format(v)),
              },
            ],
          },
          data,
          box.current,
        );
        observer = new ResizeObserver(() => chart?.setSize({ width: box.current?.clientWidth ?? 600, height: 280 }));
        observer.observe(box.current);
      })
      .catch((error: unknown) => setFailed(error instanceof Error ? error.message : String(error)));
    return () => {
      cancelled = true;
      observer?.disconnect();
      chart?.destroy();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `drawn` stands for rows and shown
  }, [drawn, format]);

  return (
    <figure className="team-chart">
      <figcaption>
        {title}, at the end of each month
        {labels.length > shown.length ? ` (the first ${shown.length} people and the team)` : ""}
      </figcaption>
      {failed ? (
        <p className="field-error">The chart could not be drawn ({failed}); the numbers are below.</p>
      ) : (
        <div className="chart-box" ref={box} aria-hidden="true" />
      )}
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
