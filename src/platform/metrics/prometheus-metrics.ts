import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { MetricHandles, MetricsRegistry } from './metric-handles.js';
import { CATALOGUE, METRIC_KEYS, type MetricKey, type MetricSpec } from './catalogue.js';
import { CollectorSet } from './collector-set.js';
import { LabelNormaliser } from './label-normaliser.js';

type Labels = Readonly<Record<string, unknown>>;

// Scrapes time out after 10 s by default in Prometheus; a collector that
// cannot answer in a fraction of that must not cost the whole scrape.
const DEFAULT_COLLECTOR_TIMEOUT_MS = 2000;

export interface PrometheusMetrics extends MetricsRegistry {
  readonly registry: Registry;
}

/** The process's registry: the catalogue as prom-client metrics, plus process and Node defaults. */
export function prometheusMetrics(opts: { collectorTimeoutMs?: number } = {}): PrometheusMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const normaliser = new LabelNormaliser();
  const handles: Partial<Record<MetricKey, unknown>> = {};
  for (const key of METRIC_KEYS) handles[key] = promHandle(CATALOGUE[key], registry, normaliser);
  const h = handles as MetricHandles;
  const collectors = new CollectorSet(opts.collectorTimeoutMs ?? DEFAULT_COLLECTOR_TIMEOUT_MS, (collector) =>
    h.collectorFailures.inc({ collector }),
  );

  return {
    ...h,
    registry,
    contentType: registry.contentType,
    addCollector: (name, collect) => {
      // Present at 0 from registration, so a failure rate reads 0 rather than "no data".
      h.collectorFailures.inc({ collector: name }, 0);
      collectors.add(name, collect);
    },
    allowLabelValues: (label, values) => normaliser.allow(label, values),
    async expose() {
      await collectors.run();
      return registry.metrics();
    },
  };
}

function promHandle(spec: MetricSpec, registry: Registry, normaliser: LabelNormaliser) {
  const labelNames = Object.keys(spec.labels);
  const base = { name: spec.name, help: spec.help, labelNames, registers: [registry] };
  const norm = (labels: Labels) => normaliser.labels(spec.name, spec.labels, labels);
  switch (spec.type) {
    case 'counter': {
      const c = new Counter(base);
      return {
        inc: (labels: Labels, by = 1) => c.inc(norm(labels), by),
        child: (labels: Labels) => c.labels(norm(labels)),
      };
    }
    case 'gauge': {
      const g = new Gauge(base);
      // prom-client starts a gauge without labels at 0. Absent is honest until
      // something measures it: a 0 certificate expiry or queue age would be a lie.
      const reset = () => (labelNames.length === 0 ? g.remove({}) : g.reset());
      reset();
      return {
        set: (labels: Labels, value: number) => g.set(norm(labels), value),
        inc: (labels: Labels, by = 1) => g.inc(norm(labels), by),
        dec: (labels: Labels, by = 1) => g.dec(norm(labels), by),
        reset,
      };
    }
    case 'histogram': {
      const hist = new Histogram({ ...base, buckets: [...(spec.buckets ?? [])] });
      return {
        observe: (labels: Labels, value: number) => hist.observe(norm(labels), value),
        child: (labels: Labels) => hist.labels(norm(labels)),
      };
    }
  }
}
