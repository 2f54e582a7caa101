import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createMetrics } from '../../src/platform/metrics.js';
import { dashboardQueries } from '../../scripts/monitoring/dashboards/panels.js';
import { DASHBOARDS } from '../../scripts/monitoring/generate.js';
import { baseMetric, metricNames } from '../../scripts/monitoring/promql-names.js';
import { RECORDING_GROUPS } from '../../scripts/monitoring/recording-rules.js';

const registry = await createMetrics().registry.getMetricsAsJSON();
const histograms = new Set(registry.filter((m) => String(m.type) === 'histogram').map((m) => m.name));
const recorded = new Set(RECORDING_GROUPS.flatMap((g) => g.rules.map((r) => r.record)));
// Everything the registry exports (the catalogue and prom-client's defaults), recording rules, and Prometheus's own `up`.
const known = new Set([...registry.map((m) => m.name), ...recorded, 'up']);

describe('Grafana dashboards', () => {
  const built = Object.entries(DASHBOARDS).map(([name, build]) => ({ name, dashboard: build() }));

  it('are the four the operators need, each with a unique uid and the data source variable', () => {
    expect(built.map((b) => b.name)).toEqual(['api', 'compute', 'security', 'infrastructure']);
    expect(new Set(built.map((b) => b.dashboard.uid)).size).toBe(4);
    for (const { dashboard } of built) {
      expect(dashboard.templating?.list?.some((v) => v.name === 'datasource' && v.type === 'datasource')).toBe(true);
    }
  });

  it('query only metrics of the catalogue, recording rules and the Node defaults', () => {
    for (const { name, dashboard } of built) {
      const queries = dashboardQueries(dashboard);
      expect(queries.length, name).toBeGreaterThan(5);
      for (const q of queries) {
        const unknown = metricNames(q.expr)
          .map((n) => baseMetric(n, histograms))
          .filter((n) => !known.has(n));
        expect(unknown, `${name} / ${q.panel}: ${q.expr}`).toEqual([]);
      }
    }
  });

  it('give every panel a title, a description, a data source and refIds', () => {
    for (const { name, dashboard } of built) {
      for (const p of dashboard.panels ?? []) {
        const panel = p as {
          type: string;
          title?: string;
          description?: string;
          datasource?: { uid?: string };
          targets?: { refId?: string }[];
        };
        if (panel.type === 'row') continue;
        expect(panel.title, name).toBeTruthy();
        expect(panel.description, `${name} / ${panel.title}`).toBeTruthy();
        expect(panel.datasource?.uid, `${name} / ${panel.title}`).toBe('${datasource}');
        for (const t of panel.targets ?? []) expect(t.refId).toMatch(/^[A-J]$/);
      }
    }
  });

  it('are provisioned with the data source they query', () => {
    const ds = parse(readFileSync('monitoring/grafana/provisioning/datasources/prometheus.yml', 'utf8'));
    expect(ds.datasources).toEqual([expect.objectContaining({ type: 'prometheus', access: 'proxy' })]);
    const provider = parse(readFileSync('monitoring/grafana/provisioning/dashboards/catalytic.yml', 'utf8'));
    expect(provider.providers[0]).toMatchObject({ type: 'file', options: { path: expect.any(String) } });
  });
});
