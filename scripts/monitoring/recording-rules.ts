import { m } from './durations.js';
import { promDuration, windowName } from './durations.js';
import type { RuleProfile } from './rule-profile.js';
import { BUDGET_WINDOW, SLOS, SLO_WINDOWS } from './slo.js';

export interface RecordingRule {
  record: string;
  /** The expression, given the range of its window as rendered for the profile. */
  expr: (range: string) => string;
  /** The window the expression ranges over, in production seconds. */
  window?: number;
  labels?: Record<string, string>;
}

export interface RuleGroup<R> {
  name: string;
  /** Evaluation interval in seconds; unset: the global one. */
  interval?: number;
  rules: R[];
}

const RATE = m(5);

const rate5m = (record: string, expr: (range: string) => string): RecordingRule => ({ record, expr, window: RATE });

const sloRatio = (window: number) =>
  SLOS.map((slo): RecordingRule => ({
    record: `slo:sli_error:ratio_rate${windowName(window)}`,
    expr: (range) => slo.badRatio(range),
    window,
    labels: { slo: slo.name },
  }));

// 3 days and 30 days are expensive ranges and change slowly: their own group, evaluated less often.
const LONG = (w: number) => w >= m(24 * 60);

/** Recording rules: what dashboards and alerts read instead of recomputing raw rates. */
export const RECORDING_GROUPS: RuleGroup<RecordingRule>[] = [
  {
    name: 'catalytic-http',
    rules: [
      rate5m('job_route:http_requests:rate5m', (r) => `sum by (job, route, method) (rate(http_requests_total[${r}]))`),
      rate5m('job_route:http_request_errors:rate5m', (r) => `sum by (job, route, method) (rate(http_requests_total{status=~"5.."}[${r}]))`),
      rate5m('job_status:http_requests:rate5m', (r) => `sum by (job, status) (rate(http_requests_total[${r}]))`),
      rate5m(
        'job_route:http_request_duration_seconds:p50_5m',
        (r) => `histogram_quantile(0.5, sum by (job, route, le) (rate(http_request_duration_seconds_bucket[${r}])))`,
      ),
      rate5m(
        'job_route:http_request_duration_seconds:p99_5m',
        (r) => `histogram_quantile(0.99, sum by (job, route, le) (rate(http_request_duration_seconds_bucket[${r}])))`,
      ),
    ],
  },
  { name: 'catalytic-slo', rules: SLO_WINDOWS.filter((w) => !LONG(w)).flatMap(sloRatio) },
  {
    name: 'catalytic-slo-long',
    interval: m(5),
    rules: [
      ...SLO_WINDOWS.filter(LONG).flatMap(sloRatio),
      ...SLOS.map((slo): RecordingRule => ({
        record: 'slo:error_budget_remaining:ratio',
        expr: () => `1 - slo:sli_error:ratio_rate${windowName(BUDGET_WINDOW)}{slo="${slo.name}"} / ${+(1 - slo.objective).toFixed(6)}`,
        labels: { slo: slo.name },
      })),
    ],
  },
  {
    name: 'catalytic-operations',
    rules: [
      rate5m(
        'operation_backend:catalytic_operations:rate5m',
        (r) => `sum by (operation, backend, mode, outcome) (rate(catalytic_operations_total[${r}]))`,
      ),
      rate5m(
        'operation:catalytic_operation_duration_seconds:p95_5m',
        (r) => `histogram_quantile(0.95, sum by (operation, le) (rate(catalytic_operation_duration_seconds_bucket[${r}])))`,
      ),
      rate5m(
        'catalytic:knowledge_cache_hit:ratio_rate5m',
        (r) =>
          `sum(rate(catalytic_knowledge_cache_lookups_total{result="hit"}[${r}]))\n/\nsum(rate(catalytic_knowledge_cache_lookups_total[${r}]))`,
      ),
      rate5m('reason:catalytic_engine_gpu_fallbacks:rate5m', (r) => `sum by (reason) (rate(catalytic_engine_gpu_fallbacks_total[${r}]))`),
    ],
  },
  {
    name: 'catalytic-jobs',
    rules: [
      rate5m('kind_status:catalytic_jobs_finished:rate5m', (r) => `sum by (kind, status) (rate(catalytic_jobs_finished_total[${r}]))`),
      rate5m(
        'kind:catalytic_job_run_duration_seconds:p95_5m',
        (r) => `histogram_quantile(0.95, sum by (kind, le) (rate(catalytic_job_run_duration_seconds_bucket[${r}])))`,
      ),
    ],
  },
  {
    name: 'catalytic-security',
    rules: [
      rate5m('outcome:catalytic_auth_logins:rate5m', (r) => `sum by (outcome) (rate(catalytic_auth_logins_total[${r}]))`),
      rate5m(
        'catalytic:auth_login_failure:ratio_rate5m',
        (r) => `sum(rate(catalytic_auth_logins_total{outcome!="success"}[${r}]))\n/\nsum(rate(catalytic_auth_logins_total[${r}]))`,
      ),
      rate5m('kind_plan:catalytic_rate_limited:rate5m', (r) => `sum by (kind, plan) (rate(catalytic_rate_limited_total[${r}]))`),
    ],
  },
  {
    name: 'catalytic-webhooks',
    rules: [
      rate5m('outcome:catalytic_webhook_deliveries:rate5m', (r) => `sum by (outcome) (rate(catalytic_webhook_deliveries_total[${r}]))`),
    ],
  },
  {
    name: 'catalytic-infrastructure',
    rules: [
      rate5m(
        'job_command:catalytic_redis_command_duration_seconds:p99_5m',
        (r) => `histogram_quantile(0.99, sum by (job, command, le) (rate(catalytic_redis_command_duration_seconds_bucket[${r}])))`,
      ),
      rate5m('job:catalytic_redis_command_errors:rate5m', (r) => `sum by (job) (rate(catalytic_redis_command_errors_total[${r}]))`),
    ],
  },
];

/** The groups as Prometheus reads them, for one profile. */
export function renderRecordingGroups(profile: RuleProfile) {
  return RECORDING_GROUPS.map((g) => {
    const interval = profile.interval(g.interval);
    return {
      name: g.name,
      ...(interval !== undefined ? { interval: promDuration(interval) } : {}),
      rules: g.rules.map((r) => ({
        record: r.record,
        expr: r.expr(r.window !== undefined ? promDuration(profile.window(r.window)) : ''),
        ...(r.labels ? { labels: r.labels } : {}),
      })),
    };
  });
}
