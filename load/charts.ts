import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { percentile, type Second } from './timeline.js';

/** Chart file names inside the folder they were written to. */
export interface Charts {
  latency: string;
  throughput: string;
  errors: string;
}

const WIDTH = 760;
const HEIGHT = 240;

/** One chart of the common size, rendered to an SVG file. */
async function render(file: string, title: string, spec: Record<string, unknown>): Promise<void> {
  const full = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', title, width: WIDTH, height: HEIGHT, ...spec } as TopLevelSpec;
  const view = new vega.View(vega.parse(compile(full).spec), { renderer: 'none' });
  await writeFile(file, await view.toSVG());
  view.finalize();
}

function mergedHistogram(window: Second[]): Record<string, number> {
  const hist: Record<string, number> = {};
  for (const s of window)
    for (const e of Object.values(s.endpoints)) for (const [k, v] of Object.entries(e.hist)) hist[k] = (hist[k] ?? 0) + v;
  return hist;
}

/** Latency percentiles per window of `step` seconds (windows smooth the lines of long runs). */
function latencyRows(seconds: Second[], start: number, step: number) {
  const rows: { t: number; percentile: string; ms: number }[] = [];
  for (let from = start; from <= seconds[seconds.length - 1].t; from += step) {
    const window = seconds.filter((s) => s.t >= from && s.t < from + step);
    const hist = mergedHistogram(window);
    if (Object.keys(hist).length === 0) continue;
    for (const [name, p] of [
      ['p50', 0.5],
      ['p95', 0.95],
      ['p99', 0.99],
    ] as const) {
      rows.push({ t: from - start, percentile: name, ms: percentile(hist, p) });
    }
  }
  return rows;
}

const LATENCY_TICKS = [0, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 60_000];

const timeAxis = { field: 't', type: 'quantitative', title: 'seconds since start' } as const;

/**
 * Renders the three charts of a run with vega-lite (SVG, no browser): latency
 * percentiles with the plan's thresholds, throughput with active users, and
 * errors and 429s per second. Writes latency.svg, throughput.svg and errors.svg into `dir`.
 */
export async function renderCharts(seconds: Second[], dir: string): Promise<Charts> {
  const start = seconds[0].t;
  const duration = seconds[seconds.length - 1].t - start + 1;
  const step = Math.max(1, Math.round(duration / 120));
  const perSecond = seconds.map((s) => {
    const all = Object.values(s.endpoints);
    const sum = (pick: (e: (typeof all)[number]) => number) => all.reduce((n, e) => n + pick(e), 0);
    return {
      t: s.t - start,
      users: s.users,
      requests: sum((e) => e.n),
      errors: sum((e) => e.errors),
      '429 (intended)': sum((e) => e.throttled),
    };
  });
  const worst = Math.max(1, ...perSecond.map((r) => Math.max(r.errors, r['429 (intended)'])));
  const charts: Charts = { latency: 'latency.svg', throughput: 'throughput.svg', errors: 'errors.svg' };
  await render(path.join(dir, charts.latency), `Latency percentiles (${step}-second windows); dashed: thresholds p95 500 ms, p99 1 s`, {
    layer: [
      {
        data: { values: latencyRows(seconds, start, step) },
        mark: { type: 'line' },
        encoding: {
          x: timeAxis,
          // symlog: milliseconds and seconds both stay readable on one axis.
          y: {
            field: 'ms',
            type: 'quantitative',
            title: 'ms (symlog scale)',
            scale: { type: 'symlog' },
            axis: { values: LATENCY_TICKS },
          },
          color: { field: 'percentile', type: 'nominal', sort: ['p50', 'p95', 'p99'] },
        },
      },
      {
        data: { values: [{ ms: 500 }, { ms: 1000 }] },
        mark: { type: 'rule', strokeDash: [6, 4], color: '#b00' },
        encoding: { y: { field: 'ms', type: 'quantitative' } },
      },
    ],
  });
  await render(path.join(dir, charts.throughput), 'Throughput (responses per second, 429s included) and active users', {
    data: { values: perSecond },
    encoding: { x: timeAxis },
    layer: [
      { mark: { type: 'line', color: '#1f77b4' }, encoding: { y: { field: 'requests', type: 'quantitative', title: 'responses / s' } } },
      {
        mark: { type: 'line', color: '#999', strokeDash: [4, 3] },
        encoding: { y: { field: 'users', type: 'quantitative', title: 'users (dashed)' } },
      },
    ],
    resolve: { scale: { y: 'independent' } },
  });
  await render(path.join(dir, charts.errors), 'Errors and intended 429s per second', {
    data: { values: perSecond },
    transform: [{ fold: ['errors', '429 (intended)'], as: ['kind', 'count'] }],
    mark: { type: 'line' },
    encoding: {
      x: timeAxis,
      y: { field: 'count', type: 'quantitative', title: 'responses / s', scale: { domain: [0, worst] }, axis: { format: 'd' } },
      color: { field: 'kind', type: 'nominal', scale: { domain: ['errors', '429 (intended)'], range: ['#d62728', '#ff7f0e'] } },
    },
  });
  return charts;
}
