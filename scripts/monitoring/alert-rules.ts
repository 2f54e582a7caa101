import { d, m, promDuration, windowName } from './durations.js';
import type { RuleProfile } from './rule-profile.js';
import type { RuleGroup } from './recording-rules.js';
import { BURN_WINDOWS, SLOS, type Slo } from './slo.js';

export type Severity = 'page' | 'ticket';

export interface AlertRule {
  alert: string;
  /** The expression; `w` renders a window (production seconds) for the profile. */
  expr: (w: (seconds: number) => string) => string;
  for: number;
  severity: Severity;
  labels?: Record<string, string>;
  /** Go templates may use `{{ $labels.x }}` only, so promtool tests can state the exact text. */
  summary: string;
  description: string;
}

/** `CatalyticInstanceDown` → `catalytic-instance-down`: the runbook's file name. */
export const runbookName = (alert: string) => alert.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

export const runbookUrl = (alert: string) => `docs/runbooks/${runbookName(alert)}.md`;

const percent = (ratio: number) => `${+(ratio * 100).toFixed(4)} %`;

const burnAlerts = (slo: Slo, alert: string, what: string): AlertRule[] =>
  BURN_WINDOWS.map((b) => {
    const threshold = +(b.factor * (1 - slo.objective)).toFixed(6);
    const ratio = (window: number) => `slo:sli_error:ratio_rate${windowName(window)}{slo="${slo.name}"}`;
    return {
      alert,
      expr: () => `${ratio(b.long)} > ${threshold}\nand\n${ratio(b.short)} > ${threshold}`,
      for: b.for,
      severity: b.severity,
      labels: { slo: slo.name, window: windowName(b.long) },
      summary: `${what} is burning the ${slo.name} error budget ${b.factor}x too fast`,
      description:
        `More than ${percent(threshold)} of API requests were ${slo.name === 'availability' ? 'answered with a 5xx' : 'slower than the objective'} ` +
        `over the last ${windowName(b.long)} and ${windowName(b.short)} (objective: ${slo.description}). ` +
        `Burning at ${b.factor}x spends ${b.budgetSpent}.`,
    };
  });

/**
 * Symptom alerts first (users are hurt: the SLO budget burns), then cause
 * alerts that say where to look. Pages wake someone; tickets wait for working hours.
 */
export const ALERT_RULES: AlertRule[] = [
  ...burnAlerts(SLOS[0], 'CatalyticAvailabilityBudgetBurn', 'The API'),
  ...burnAlerts(SLOS[1], 'CatalyticLatencyBudgetBurn', 'The API'),
  {
    alert: 'CatalyticInstanceDown',
    expr: () => 'up{job=~"catalytic-api|catalytic-worker"} == 0',
    for: m(2),
    severity: 'page',
    summary: '{{ $labels.job }} instance {{ $labels.instance }} is down',
    description: 'Prometheus has not been able to scrape {{ $labels.instance }} (job {{ $labels.job }}) for 2 minutes.',
  },
  {
    alert: 'CatalyticRedisDown',
    expr: (w) =>
      `max by (job, instance) (catalytic_redis_connected) == 0\nor\nsum by (job, instance) (rate(catalytic_redis_command_errors_total[${w(m(5))}])) > 1`,
    for: m(1),
    severity: 'page',
    summary: '{{ $labels.instance }} cannot use Redis',
    description:
      '{{ $labels.instance }} (job {{ $labels.job }}) has no Redis connection, or more than one Redis call a second fails. ' +
      'Logins, revocation checks and rate limits depend on it.',
  },
  {
    alert: 'CatalyticPostgresPoolExhausted',
    expr: () => 'catalytic_db_pool_waiting_clients > 0\nand on (job, instance)\ncatalytic_db_pool_idle_connections == 0',
    for: m(5),
    severity: 'page',
    summary: 'The PostgreSQL pool of {{ $labels.instance }} is exhausted',
    description:
      'Every connection of the pool of {{ $labels.instance }} (job {{ $labels.job }}) has been busy with queries waiting ' +
      'for one at every scrape for 5 minutes.',
  },
  {
    alert: 'CatalyticJobBacklogGrowing',
    expr: (w) =>
      `max by (queue) (catalytic_job_queue_depth) > 100\nand\nmax by (queue) (deriv(catalytic_job_queue_depth[${w(m(15))}])) > 0`,
    for: m(15),
    severity: 'ticket',
    summary: 'The job queue {{ $labels.queue }} keeps growing',
    description: 'More than 100 jobs wait in {{ $labels.queue }} and the backlog has grown for 15 minutes: workers do not keep up.',
  },
  {
    alert: 'CatalyticOldestJobTooOld',
    expr: () => 'max(catalytic_job_oldest_queued_age_seconds) > 900',
    for: m(5),
    severity: 'page',
    summary: 'A job has waited more than 15 minutes to start',
    description: 'The oldest queued job has waited over 15 minutes for a worker; clients polling it see no progress.',
  },
  {
    alert: 'CatalyticWebhookDeadLetters',
    expr: (w) => `sum(increase(catalytic_webhook_deliveries_total{outcome="dead"}[${w(m(15))}])) > 0`,
    for: 0,
    severity: 'ticket',
    summary: 'Webhook deliveries were given up (dead)',
    description: 'At least one webhook delivery used up its retries in the last 15 minutes and was marked dead.',
  },
  {
    alert: 'CatalyticWebhookBacklog',
    expr: () => 'max(catalytic_webhook_oldest_pending_age_seconds) > 600',
    for: m(10),
    severity: 'ticket',
    summary: 'Webhook deliveries are more than 10 minutes behind',
    description: 'The oldest pending webhook delivery has waited over 10 minutes for 10 minutes.',
  },
  {
    alert: 'CatalyticLoginFailureSpike',
    expr: () => 'sum(outcome:catalytic_auth_logins:rate5m{outcome!="success"}) > 0.5\nand\ncatalytic:auth_login_failure:ratio_rate5m > 0.5',
    for: m(10),
    severity: 'ticket',
    summary: 'Failed logins spiked',
    description: 'More than one login in two failed, at over 30 failures a minute, for 10 minutes: password guessing or a broken client.',
  },
  ...(
    [
      ['ticket', d(14), '14 days'],
      ['page', d(3), '3 days'],
    ] as const
  ).map(([severity, left, words]): AlertRule => ({
    alert: 'CatalyticCertificateExpiring',
    expr: () => `min by (job, instance) (catalytic_tls_certificate_expiry_timestamp_seconds) - time() < ${left}`,
    for: m(10),
    severity,
    summary: 'The TLS certificate of {{ $labels.instance }} expires within ' + words,
    description: `The certificate {{ $labels.instance }} serves (TLS_CERT_FILE) expires in less than ${words}; renew it before clients refuse the connection.`,
  })),
  {
    alert: 'CatalyticUsageFlushStalled',
    expr: () => 'max by (job, instance) (catalytic_usage_flush_lag_seconds) > 900',
    for: m(5),
    severity: 'ticket',
    summary: 'Usage counters of {{ $labels.instance }} have not reached PostgreSQL for 15 minutes',
    description:
      'Usage flushes of {{ $labels.instance }} (job {{ $labels.job }}) keep failing; monthly usage shown to tenants and plan limits after a restart lag behind.',
  },
];

export const ALERT_NAMES = [...new Set(ALERT_RULES.map((a) => a.alert))];

export const ALERT_GROUPS: RuleGroup<AlertRule>[] = [
  { name: 'catalytic-slo-alerts', rules: ALERT_RULES.filter((a) => a.labels?.slo) },
  { name: 'catalytic-cause-alerts', rules: ALERT_RULES.filter((a) => !a.labels?.slo) },
];

export const STATIC_LABELS = { service: 'catalytic' };

/** Labels every firing alert of `rule` carries besides those of its series. */
export const ruleLabels = (rule: AlertRule): Record<string, string> => ({ severity: rule.severity, ...STATIC_LABELS, ...rule.labels });

export function annotations(rule: AlertRule): Record<string, string> {
  return { summary: rule.summary, description: rule.description, runbook_url: runbookUrl(rule.alert) };
}

export function renderAlertGroups(profile: RuleProfile) {
  const w = (seconds: number) => promDuration(profile.window(seconds));
  return ALERT_GROUPS.map((g) => ({
    name: g.name,
    ...(profile.interval(g.interval) !== undefined ? { interval: promDuration(profile.interval(g.interval)!) } : {}),
    rules: g.rules.map((r) => ({
      alert: r.alert,
      expr: r.expr(w),
      for: promDuration(profile.pending(r.for)),
      labels: ruleLabels(r),
      annotations: annotations(r),
    })),
  }));
}
