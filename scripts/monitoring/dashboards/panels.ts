import * as common from '@grafana/grafana-foundation-sdk/common';
import {
  DashboardBuilder,
  DatasourceVariableBuilder,
  QueryVariableBuilder,
  RowBuilder,
  ThresholdsConfigBuilder,
  ThresholdsMode,
  VariableRefresh,
  type Dashboard,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as StatBuilder } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TimeseriesBuilder } from '@grafana/grafana-foundation-sdk/timeseries';

/**
 * The few panel shapes the four dashboards use, so every panel reads the
 * same data source variable and every query has a stable refId and legend.
 */

export const DATASOURCE = { type: 'prometheus', uid: '${datasource}' };

/** Catalytic's own scrape jobs, as monitoring/prometheus.yml names them. */
export const JOBS = 'job=~"catalytic-api|catalytic-worker"';

export interface Query {
  expr: string;
  legend: string;
}

const REF_IDS = 'ABCDEFGHIJ';

const targets = (queries: Query[], instant = false) =>
  queries.map((q, i) => {
    const b = new DataqueryBuilder().expr(q.expr).legendFormat(q.legend).refId(REF_IDS[i]).datasource(DATASOURCE);
    return instant ? b.instant() : b.range();
  });

export function timeseries(title: string, description: string, unit: string, queries: Query[], width = 12) {
  const panel = new TimeseriesBuilder()
    .title(title)
    .description(description)
    .datasource(DATASOURCE)
    .unit(unit)
    .span(width)
    .height(8)
    .fillOpacity(10)
    .legend(
      new common.VizLegendOptionsBuilder()
        .showLegend(true)
        .displayMode(common.LegendDisplayMode.List)
        .placement(common.LegendPlacement.Bottom)
        .calcs([]),
    )
    .tooltip(new common.VizTooltipOptionsBuilder().mode(common.TooltipDisplayMode.Multi).sort(common.SortOrder.Descending));
  for (const t of targets(queries)) panel.withTarget(t);
  return panel;
}

/** A single number; `red` below (or above, with `redAbove`) the threshold. */
export function stat(title: string, description: string, unit: string, query: Query, threshold?: { value: number; redAbove?: boolean }) {
  const steps = threshold
    ? threshold.redAbove
      ? [
          { value: null, color: 'green' },
          { value: threshold.value, color: 'red' },
        ]
      : [
          { value: null, color: 'red' },
          { value: threshold.value, color: 'green' },
        ]
    : [{ value: null, color: 'blue' }];
  const panel = new StatBuilder()
    .title(title)
    .description(description)
    .datasource(DATASOURCE)
    .unit(unit)
    .span(6)
    .height(4)
    .decimals(3)
    .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false))
    .thresholds(new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps(steps));
  for (const t of targets([query], true)) panel.withTarget(t);
  return panel;
}

export type Panel = ReturnType<typeof timeseries> | ReturnType<typeof stat>;

export interface DashboardSpec {
  uid: string;
  title: string;
  description: string;
  /** Adds an `instance` variable (queries filter with `instance=~"$instance"`). */
  instanceVariable?: boolean;
  rows: { title: string; panels: Panel[] }[];
}

export function dashboard(spec: DashboardSpec): Dashboard {
  const b = new DashboardBuilder(spec.title)
    .uid(spec.uid)
    .description(spec.description)
    .tags(['catalytic'])
    .refresh('30s')
    .time({ from: 'now-6h', to: 'now' })
    .timezone('browser')
    .withVariable(new DatasourceVariableBuilder('datasource').label('Data source').type('prometheus'));
  if (spec.instanceVariable) {
    b.withVariable(
      new QueryVariableBuilder('instance')
        .label('Instance')
        .datasource(DATASOURCE)
        .query(`label_values(up{${JOBS}}, instance)`)
        .refresh(VariableRefresh.OnTimeRangeChanged)
        .multi(true)
        .includeAll(true)
        .allValue('.*'),
    );
  }
  for (const row of spec.rows) {
    b.withRow(new RowBuilder(row.title));
    for (const p of row.panels) b.withPanel(p);
  }
  return b.build();
}

/** Every PromQL expression of a built dashboard, with the title of its panel. */
export function dashboardQueries(d: Dashboard): { panel: string; expr: string }[] {
  return (d.panels ?? []).flatMap((p) => {
    const panel = p as { title?: string; targets?: { expr?: string }[] };
    return (panel.targets ?? []).filter((t) => t.expr).map((t) => ({ panel: panel.title ?? '', expr: t.expr! }));
  });
}
