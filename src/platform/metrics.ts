import { prometheusMetrics, type PrometheusMetrics } from './metrics/prometheus-metrics.js';

export type {
  CollectorName,
  CounterHandle,
  GaugeHandle,
  HistogramHandle,
  LabelsOf,
  MetricHandles,
  Metrics,
  MetricsRegistry,
} from './metrics/metric-handles.js';

/** One registry per process (or per test app), with process and Node defaults. */
export function createMetrics(opts: { collectorTimeoutMs?: number } = {}): PrometheusMetrics {
  return prometheusMetrics(opts);
}

export { inMemoryMetrics, type InMemoryMetrics } from './metrics/in-memory-metrics.js';
export { CATALOGUE, type MetricKey } from './metrics/catalogue.js';
