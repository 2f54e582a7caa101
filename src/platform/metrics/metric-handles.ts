import type { Catalogue, LabelNamesOf, MetricKey } from './catalogue.js';
import type { COLLECTORS, RegisteredLabel } from './label-sets.js';

/**
 * What domain services, the worker and the HTTP plugins record through. It is
 * handed to them like the store and the mail transport, never reached as a
 * global: the process gets the prom-client implementation, unit tests the
 * in-memory twin (InMemoryMetrics), which records every call.
 *
 * One handle per metric of the catalogue (metrics/catalogue.ts), typed by its
 * labels. Label values are mapped onto closed sets; anything outside becomes
 * `other`, so no id, email or URL can ever become a series.
 */

export type LabelsOf<K extends MetricKey> = { readonly [N in LabelNamesOf<K>]: string };

export interface CounterHandle<Labels> {
  inc(labels: Labels, by?: number): void;
  /** The counter for fixed labels, resolved once: for hot paths that count the same labels over and over. */
  child(labels: Labels): { inc(by?: number): void };
}

export interface GaugeHandle<Labels> {
  set(labels: Labels, value: number): void;
  inc(labels: Labels, by?: number): void;
  dec(labels: Labels, by?: number): void;
  /** Forgets every label set, so a collector can set only the ones that exist now. */
  reset(): void;
}

export interface HistogramHandle<Labels> {
  /** `value` in the metric's base unit (seconds, bytes). */
  observe(labels: Labels, value: number): void;
  child(labels: Labels): { observe(value: number): void };
}

type HandleFor<K extends MetricKey> = Catalogue[K]['type'] extends 'counter'
  ? CounterHandle<LabelsOf<K>>
  : Catalogue[K]['type'] extends 'gauge'
    ? GaugeHandle<LabelsOf<K>>
    : HistogramHandle<LabelsOf<K>>;

export type MetricHandles = { readonly [K in MetricKey]: HandleFor<K> };

export type CollectorName = (typeof COLLECTORS.values)[number];

export interface Metrics extends MetricHandles {
  /**
   * Registers a callback that fills `collected` gauges just before each
   * scrape (a query for queue depth, a pool's counters), instead of a polling
   * loop. It must finish within the collector deadline; a failure or timeout
   * is counted in catalytic_metrics_collector_failures_total and leaves the
   * gauges at their last values.
   */
  addCollector(name: CollectorName, collect: () => void | Promise<void>): void;
  /** Values a `registered` label accepts from now on (the app's route templates). */
  allowLabelValues(label: RegisteredLabel, values: readonly string[]): void;
}

/** Metrics plus the exposition the `/metrics` endpoints serve. */
export interface MetricsRegistry extends Metrics {
  readonly contentType: string;
  /** Runs the collectors, then renders every metric in the Prometheus text format. */
  expose(): Promise<string>;
}
