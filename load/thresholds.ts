import type { Stage, Threshold } from './scenarios.js';
import { between, type Second, type Summary, summarize } from './timeline.js';

export interface Verdict {
  label: string;
  /** The measured value as the report shows it. */
  measured: string;
  met: boolean;
}

function shown(metric: Threshold['metric'], value: number): string {
  if (metric === 'errorRate') return `${(value * 100).toFixed(3)} %`;
  if (metric === 'errors') return String(value);
  return `${value} ms`;
}

/** Each threshold against the summary: met or missed, with the measured value. */
export function judge(thresholds: Threshold[], summary: Summary): Verdict[] {
  return thresholds.map((t) => {
    const value = summary[t.metric];
    const met = t.below !== undefined ? value < t.below : value <= (t.atMost ?? Number.POSITIVE_INFINITY);
    return { label: t.label, measured: shown(t.metric, value), met };
  });
}

export interface StageResult {
  index: number;
  users: number;
  /** Epoch seconds of the steady part judged: after the ramp and a few settling seconds. */
  from: number;
  to: number;
  summary: Summary;
  verdicts: Verdict[];
  met: boolean;
}

const SETTLE_SECONDS = 5;

/** Judges each stage on its steady part only, so a ramp does not count against the level it leads to. */
export function judgeStages(stages: Stage[], seconds: Second[], start: number, thresholds: Threshold[]): StageResult[] {
  let at = start;
  let previousUsers = 0;
  return stages.map((stage, index) => {
    const ramp = Math.ceil(Math.abs(stage.users - previousUsers) / stage.spawn_rate);
    const from = at + Math.min(ramp + SETTLE_SECONDS, Math.floor(stage.seconds / 2));
    const to = at + stage.seconds;
    at = to;
    previousUsers = stage.users;
    const summary = summarize(between(seconds, from, to));
    const verdicts = judge(thresholds, summary);
    return { index, users: stage.users, from, to, summary, verdicts, met: summary.requests > 0 && verdicts.every((v) => v.met) };
  });
}

/** The highest throughput among stages that met every threshold; null when none did. */
export function highestPassingThroughput(results: StageResult[]): StageResult | null {
  const passing = results.filter((r) => r.met);
  return passing.length === 0 ? null : passing.reduce((best, r) => (r.summary.throughput > best.summary.throughput ? r : best));
}
