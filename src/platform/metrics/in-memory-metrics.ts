import type { MetricHandles, Metrics } from './metric-handles.js';
import { CATALOGUE, METRIC_KEYS, type MetricKey, type MetricSpec } from './catalogue.js';
import { CollectorSet } from './collector-set.js';
import { LabelNormaliser, type UnknownLabelValue } from './label-normaliser.js';

type Labels = Readonly<Record<string, unknown>>;
type LabelFilter = Readonly<Record<string, string>>;

export interface RecordedCall {
  metric: MetricKey;
  name: string;
  op: 'inc' | 'dec' | 'set' | 'observe' | 'reset';
  /** After mapping onto the closed sets, as the registry would store them. */
  labels: Record<string, string>;
  value: number;
}

/**
 * The in-memory twin of the prom-client registry for tests: the same handles
 * and label mapping, and every call recorded so a test can assert what a
 * service reported and that it never used a label value outside its set.
 */
export interface InMemoryMetrics extends Metrics {
  readonly calls: readonly RecordedCall[];
  /** Label values that were mapped to `other`: a non-empty list is an instrumentation bug. */
  readonly unknownLabelValues: readonly UnknownLabelValue[];
  /** Runs the collectors as a scrape would. */
  collect(): Promise<void>;
  /** Current value of a counter or gauge, summed over the label sets that match `labels`. */
  value(metric: MetricKey, labels?: LabelFilter): number;
  /** Every value a histogram observed for the label sets that match `labels`. */
  observations(metric: MetricKey, labels?: LabelFilter): number[];
  /** The distinct label sets a metric holds. */
  labelSets(metric: MetricKey): Record<string, string>[];
}

interface Series {
  labels: Record<string, string>;
  value: number;
  observations: number[];
}

const matches = (labels: Record<string, string>, filter: LabelFilter) => Object.entries(filter).every(([k, v]) => labels[k] === v);

export function inMemoryMetrics(): InMemoryMetrics {
  const calls: RecordedCall[] = [];
  const unknownLabelValues: UnknownLabelValue[] = [];
  const series = new Map<MetricKey, Map<string, Series>>(METRIC_KEYS.map((k) => [k, new Map()]));
  const normaliser = new LabelNormaliser((u) => unknownLabelValues.push(u));

  const record = (metric: MetricKey, op: RecordedCall['op'], raw: Labels, value: number): void => {
    const spec: MetricSpec = CATALOGUE[metric];
    const sets = series.get(metric)!;
    if (op === 'reset') {
      sets.clear();
      calls.push({ metric, name: spec.name, op, labels: {}, value: 0 });
      return;
    }
    const labels = normaliser.labels(spec.name, spec.labels, raw);
    calls.push({ metric, name: spec.name, op, labels, value });
    const id = JSON.stringify(labels);
    let s = sets.get(id);
    if (!s) sets.set(id, (s = { labels, value: 0, observations: [] }));
    if (op === 'inc') s.value += value;
    else if (op === 'dec') s.value -= value;
    else if (op === 'set') s.value = value;
    else s.observations.push(value);
  };

  const handle = (key: MetricKey) => {
    switch (CATALOGUE[key].type) {
      case 'counter':
        return {
          inc: (labels: Labels, by = 1) => record(key, 'inc', labels, by),
          child: (labels: Labels) => ({ inc: (by = 1) => record(key, 'inc', labels, by) }),
        };
      case 'gauge':
        return {
          set: (labels: Labels, value: number) => record(key, 'set', labels, value),
          inc: (labels: Labels, by = 1) => record(key, 'inc', labels, by),
          dec: (labels: Labels, by = 1) => record(key, 'dec', labels, by),
          reset: () => record(key, 'reset', {}, 0),
        };
      case 'histogram':
        return {
          observe: (labels: Labels, value: number) => record(key, 'observe', labels, value),
          child: (labels: Labels) => ({ observe: (value: number) => record(key, 'observe', labels, value) }),
        };
    }
  };
  const handles = Object.fromEntries(METRIC_KEYS.map((k) => [k, handle(k)])) as unknown as MetricHandles;
  const collectors = new CollectorSet(1000, (collector) => record('collectorFailures', 'inc', { collector }, 1));

  return {
    ...handles,
    calls,
    unknownLabelValues,
    addCollector: (name, collect) => collectors.add(name, collect),
    allowLabelValues: (label, values) => normaliser.allow(label, values),
    collect: () => collectors.run(),
    value(metric, labels = {}) {
      let sum = 0;
      for (const s of series.get(metric)!.values()) if (matches(s.labels, labels)) sum += s.value;
      return sum;
    },
    observations: (metric, labels = {}) =>
      [...series.get(metric)!.values()].filter((s) => matches(s.labels, labels)).flatMap((s) => s.observations),
    labelSets: (metric) => [...series.get(metric)!.values()].map((s) => s.labels),
  };
}
