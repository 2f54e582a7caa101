import { m } from './durations.js';

/**
 * promtool unit tests for every alert: series that must make it fire, and
 * series that must leave it quiet. Rendered into
 * monitoring/rules/tests/alerts.test.yml; a vitest test checks that every
 * alert has at least one case of each kind.
 */

export interface Series {
  series: string;
  /** promtool's expanding notation, one sample per minute: `0+10x60` = 0, 10, ..., 600. */
  values: string;
}

export interface AlertCase {
  name: string;
  series: Series[];
  /** Minutes after the first sample. */
  at: number;
  /**
   * The labels of each alert expected to be firing then. The rule's own labels
   * (severity, service, ...) are added; where an alert has several rules, the
   * entry names the rule's distinguishing labels (severity, window).
   */
  firing: Record<string, string>[];
}

const API = { job: 'catalytic-api', instance: 'api-1:8000' };
const WORKER = { job: 'catalytic-worker', instance: 'worker-1:9464' };

const sel = (name: string, labels: Record<string, string>) =>
  `${name}{${Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(',')}}`;

const requests = (status: string, values: string): Series => ({
  series: sel('http_requests_total', { ...API, method: 'GET', route: '/api/v1/lattices/:id', status }),
  values,
});

const latency = (le1: string, count: string): Series[] => {
  const labels = { ...API, method: 'GET', route: '/api/v1/lattices/:id', status: '200' };
  return [
    { series: sel('http_request_duration_seconds_bucket', { ...labels, le: '1' }), values: le1 },
    { series: sel('http_request_duration_seconds_count', labels), values: count },
  ];
};

export const ALERT_CASES: Record<string, { fires: AlertCase[]; quiet: AlertCase[] }> = {
  CatalyticAvailabilityBudgetBurn: {
    fires: [
      {
        name: 'every request fails for 10 minutes after an hour of health: the 1h/5m page fires, the slower windows are still pending',
        series: [requests('200', '0+1000x100'), requests('500', '0x70 1000+1000x30')],
        at: 80,
        firing: [{ severity: 'page', slo: 'availability', window: '1h' }],
      },
      {
        name: '1 % of requests fail for 8 hours: too slow for the 1h page, caught by the 6h page and the 3d ticket',
        series: [requests('200', '0+990x480'), requests('500', '0+10x480')],
        at: 480,
        firing: [
          { severity: 'page', slo: 'availability', window: '6h' },
          { severity: 'ticket', slo: 'availability', window: '3d' },
        ],
      },
    ],
    quiet: [
      {
        name: '0.05 % of requests fail: within the 99.9 % objective',
        series: [requests('200', '0+1999x480'), requests('500', '0+1x480')],
        at: 480,
        firing: [],
      },
      {
        name: '4xx answers are the clients\u2019 errors and spend no budget',
        series: [requests('200', '0+100x100'), requests('404', '0+1000x100')],
        at: 100,
        firing: [],
      },
    ],
  },
  CatalyticLatencyBudgetBurn: {
    fires: [
      {
        name: 'every request is slower than 1 s for 15 minutes: the 1h/5m page fires',
        series: latency('0+1000x70 70000x30', '0+1000x100'),
        at: 85,
        firing: [{ severity: 'page', slo: 'latency', window: '1h' }],
      },
      {
        name: '8 % of requests are slower than 1 s for 8 hours: the 6h page and the 3d ticket fire',
        series: latency('0+920x480', '0+1000x480'),
        at: 480,
        firing: [
          { severity: 'page', slo: 'latency', window: '6h' },
          { severity: 'ticket', slo: 'latency', window: '3d' },
        ],
      },
      {
        name: '3 % of requests are slower than 1 s for 8 hours: only the 3d ticket fires',
        series: latency('0+970x480', '0+1000x480'),
        at: 480,
        firing: [{ severity: 'ticket', slo: 'latency', window: '3d' }],
      },
    ],
    quiet: [
      {
        name: '0.5 % of requests are slower than 1 s: within the 99 % objective',
        series: latency('0+995x480', '0+1000x480'),
        at: 480,
        firing: [],
      },
    ],
  },
  CatalyticInstanceDown: {
    fires: [
      {
        name: 'a worker stops answering scrapes',
        series: [
          { series: sel('up', WORKER), values: '1 1 0x10' },
          { series: sel('up', API), values: '1x12' },
        ],
        at: 10,
        firing: [WORKER],
      },
    ],
    quiet: [
      {
        name: 'one missed scrape, and a target of another job down',
        series: [
          { series: sel('up', API), values: '1 1 0 1x9' },
          { series: sel('up', { job: 'node', instance: 'host:9100' }), values: '0x12' },
        ],
        at: 10,
        firing: [],
      },
    ],
  },
  CatalyticRedisDown: {
    fires: [
      {
        name: 'the connection to Redis is lost',
        series: [{ series: sel('catalytic_redis_connected', API), values: '1 1 0x10' }],
        at: 8,
        firing: [API],
      },
      {
        name: 'connected, but two calls a second fail',
        series: [
          { series: sel('catalytic_redis_connected', API), values: '1x12' },
          { series: sel('catalytic_redis_command_errors_total', { ...API, command: 'get' }), values: '0+120x12' },
        ],
        at: 10,
        firing: [API],
      },
    ],
    quiet: [
      {
        name: 'connected, with a failed call now and then',
        series: [
          { series: sel('catalytic_redis_connected', API), values: '1x12' },
          { series: sel('catalytic_redis_command_errors_total', { ...API, command: 'get' }), values: '0+6x12' },
        ],
        at: 10,
        firing: [],
      },
    ],
  },
  CatalyticPostgresPoolExhausted: {
    fires: [
      {
        name: 'queries wait for a connection with none idle at every scrape',
        series: [
          { series: sel('catalytic_db_pool_waiting_clients', API), values: '3x12' },
          { series: sel('catalytic_db_pool_idle_connections', API), values: '0x12' },
        ],
        at: 10,
        firing: [API],
      },
    ],
    quiet: [
      {
        name: 'short bursts of waiting between idle periods',
        series: [
          { series: sel('catalytic_db_pool_waiting_clients', API), values: '0 2 0 2 0 2 0 2 0 2 0 2' },
          { series: sel('catalytic_db_pool_idle_connections', API), values: '0x12' },
        ],
        at: 10,
        firing: [],
      },
    ],
  },
  CatalyticJobBacklogGrowing: {
    fires: [
      {
        name: 'the queue grows by 10 jobs a minute past 100, as both workers report it',
        series: [
          { series: sel('catalytic_job_queue_depth', { ...WORKER, queue: 'catalytic-jobs' }), values: '50+10x40' },
          {
            series: sel('catalytic_job_queue_depth', { ...WORKER, instance: 'worker-2:9464', queue: 'catalytic-jobs' }),
            values: '50+10x40',
          },
        ],
        at: 40,
        firing: [{ queue: 'catalytic-jobs' }],
      },
    ],
    quiet: [
      {
        name: 'a large backlog that is shrinking',
        series: [{ series: sel('catalytic_job_queue_depth', { ...WORKER, queue: 'catalytic-jobs' }), values: '1000-10x40' }],
        at: 40,
        firing: [],
      },
      {
        name: 'a small queue that grows',
        series: [{ series: sel('catalytic_job_queue_depth', { ...WORKER, queue: 'catalytic-jobs' }), values: '0+1x40' }],
        at: 40,
        firing: [],
      },
    ],
  },
  CatalyticOldestJobTooOld: {
    fires: [
      {
        name: 'the oldest queued job keeps ageing past 15 minutes',
        series: [{ series: sel('catalytic_job_oldest_queued_age_seconds', WORKER), values: '0+60x30' }],
        at: 25,
        firing: [{}],
      },
    ],
    quiet: [
      {
        name: 'jobs start within a minute',
        series: [{ series: sel('catalytic_job_oldest_queued_age_seconds', WORKER), values: '0 40 10 55 0x26' }],
        at: 25,
        firing: [],
      },
    ],
  },
  CatalyticWebhookDeadLetters: {
    fires: [
      {
        name: 'a delivery is marked dead',
        series: [
          { series: sel('catalytic_webhook_deliveries_total', { ...WORKER, outcome: 'dead' }), values: '0x5 1x10' },
          { series: sel('catalytic_webhook_deliveries_total', { ...WORKER, outcome: 'delivered' }), values: '0+100x15' },
        ],
        at: 10,
        firing: [{}],
      },
    ],
    quiet: [
      {
        name: 'retries but no dead delivery in the last 15 minutes',
        series: [
          { series: sel('catalytic_webhook_deliveries_total', { ...WORKER, outcome: 'dead' }), values: '0 1x40' },
          { series: sel('catalytic_webhook_deliveries_total', { ...WORKER, outcome: 'retrying' }), values: '0+5x40' },
        ],
        at: 40,
        firing: [],
      },
    ],
  },
  CatalyticWebhookBacklog: {
    fires: [
      {
        name: 'the oldest pending delivery keeps ageing past 10 minutes',
        series: [{ series: sel('catalytic_webhook_oldest_pending_age_seconds', WORKER), values: '0+60x30' }],
        at: 25,
        firing: [{}],
      },
    ],
    quiet: [
      {
        name: 'deliveries wait for their backoff, never 10 minutes',
        series: [{ series: sel('catalytic_webhook_oldest_pending_age_seconds', WORKER), values: '300x30' }],
        at: 25,
        firing: [],
      },
    ],
  },
  CatalyticLoginFailureSpike: {
    fires: [
      {
        name: 'two failed logins a second, four in five attempts',
        series: [
          { series: sel('catalytic_auth_logins_total', { ...API, outcome: 'invalid_credentials' }), values: '0+120x30' },
          { series: sel('catalytic_auth_logins_total', { ...API, outcome: 'success' }), values: '0+30x30' },
        ],
        at: 20,
        firing: [{}],
      },
    ],
    quiet: [
      {
        name: 'a busy login page with the usual typos',
        series: [
          { series: sel('catalytic_auth_logins_total', { ...API, outcome: 'invalid_credentials' }), values: '0+60x30' },
          { series: sel('catalytic_auth_logins_total', { ...API, outcome: 'success' }), values: '0+600x30' },
        ],
        at: 20,
        firing: [],
      },
      {
        name: 'every login fails, but only a few a minute',
        series: [{ series: sel('catalytic_auth_logins_total', { ...API, outcome: 'invalid_credentials' }), values: '0+6x30' }],
        at: 20,
        firing: [],
      },
    ],
  },
  CatalyticCertificateExpiring: {
    fires: [
      {
        name: 'ten days left: a ticket',
        series: [{ series: sel('catalytic_tls_certificate_expiry_timestamp_seconds', API), values: `${10 * 86_400}x30` }],
        at: 20,
        firing: [{ ...API, severity: 'ticket' }],
      },
      {
        name: 'two days left: a page, and the ticket (which the page inhibits in Alertmanager)',
        series: [{ series: sel('catalytic_tls_certificate_expiry_timestamp_seconds', API), values: `${2 * 86_400}x30` }],
        at: 20,
        firing: [
          { ...API, severity: 'ticket' },
          { ...API, severity: 'page' },
        ],
      },
    ],
    quiet: [
      {
        name: 'thirty days left',
        series: [{ series: sel('catalytic_tls_certificate_expiry_timestamp_seconds', API), values: `${30 * 86_400}x30` }],
        at: 20,
        firing: [],
      },
    ],
  },
  CatalyticUsageFlushStalled: {
    fires: [
      {
        name: 'no successful flush for over 15 minutes',
        series: [{ series: sel('catalytic_usage_flush_lag_seconds', API), values: '0+60x30' }],
        at: 25,
        firing: [API],
      },
    ],
    quiet: [
      {
        name: 'flushes every 30 s',
        series: [
          {
            series: sel('catalytic_usage_flush_lag_seconds', API),
            values: '0 30 0 30 0 30 0 30 0 30 0 30 0 30 0 30 0 30 0 30 0 30 0 30 0 30 0 30',
          },
        ],
        at: 25,
        firing: [],
      },
    ],
  },
};

/** promtool's evaluation step for every case. */
export const CASE_INTERVAL = m(1);
