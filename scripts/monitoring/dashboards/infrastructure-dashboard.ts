import { jobQueuePanel } from './compute-dashboard.js';
import { dashboard, JOBS, timeseries } from './panels.js';

const SEL = `${JOBS}, instance=~"$instance"`;

/** Infrastructure: processes and the event loop, the PostgreSQL pool, Redis, usage flush, queue and webhooks. */
export const infrastructureDashboard = () =>
  dashboard({
    uid: 'catalytic-infrastructure',
    title: 'Catalytic / Infrastructure',
    description: 'API and worker processes, event loop, PostgreSQL pool, Redis, the job queue and webhook delivery.',
    instanceVariable: true,
    rows: [
      {
        title: 'Processes',
        panels: [
          timeseries('Targets up', '1 when Prometheus scraped the instance, 0 when it could not.', 'short', [
            { expr: `up{${SEL}}`, legend: '{{job}} {{instance}}' },
          ]),
          timeseries('Builds running', 'Instances per version and commit (a deploy shows as a change here).', 'short', [
            { expr: `count by (version, commit) (catalytic_build_info{${SEL}})`, legend: '{{version}} {{commit}}' },
          ]),
          timeseries('CPU', 'CPU seconds per second per instance.', 'percentunit', [
            { expr: `rate(process_cpu_seconds_total{${SEL}}[$__rate_interval])`, legend: '{{instance}}' },
          ]),
          timeseries('Memory', 'Resident memory and V8 heap in use.', 'bytes', [
            { expr: `process_resident_memory_bytes{${SEL}}`, legend: '{{instance}} resident' },
            { expr: `nodejs_heap_size_used_bytes{${SEL}}`, legend: '{{instance}} heap used' },
          ]),
          timeseries('Event-loop lag', 'p99 delay of the event loop: work on it delays every request.', 's', [
            { expr: `nodejs_eventloop_lag_p99_seconds{${SEL}}`, legend: '{{instance}}' },
          ]),
          timeseries('Garbage collection', 'Seconds per second spent collecting garbage.', 'percentunit', [
            { expr: `sum by (instance) (rate(nodejs_gc_duration_seconds_sum{${SEL}}[$__rate_interval]))`, legend: '{{instance}}' },
          ]),
        ],
      },
      {
        title: 'PostgreSQL and Redis',
        panels: [
          timeseries('PostgreSQL pool', 'Connections open and idle, queries waiting, and the pool limit.', 'short', [
            { expr: `catalytic_db_pool_total_connections{${SEL}}`, legend: '{{instance}} open' },
            { expr: `catalytic_db_pool_idle_connections{${SEL}}`, legend: '{{instance}} idle' },
            { expr: `catalytic_db_pool_waiting_clients{${SEL}}`, legend: '{{instance}} waiting' },
            { expr: `catalytic_db_pool_max_connections{${SEL}}`, legend: '{{instance}} limit' },
          ]),
          timeseries('Redis p99 latency by call', '99th percentile of shared-store calls to Redis.', 's', [
            { expr: 'job_command:catalytic_redis_command_duration_seconds:p99_5m', legend: '{{job}} {{command}}' },
          ]),
          timeseries('Redis connection and errors', 'Connection state per instance and failed calls per second.', 'short', [
            { expr: `catalytic_redis_connected{${SEL}}`, legend: '{{instance}} connected' },
            { expr: 'job:catalytic_redis_command_errors:rate5m', legend: '{{job}} errors/s' },
          ]),
          timeseries('Usage flush lag', 'Seconds since usage counters last reached PostgreSQL; the alert needs 900.', 's', [
            { expr: `catalytic_usage_flush_lag_seconds{${SEL}}`, legend: '{{instance}}' },
          ]),
          timeseries('Scrape-time collector failures', 'Collectors that failed or timed out (their gauges went stale).', 'ops', [
            {
              expr: `sum by (collector) (rate(catalytic_metrics_collector_failures_total{${SEL}}[$__rate_interval]))`,
              legend: '{{collector}}',
            },
          ]),
        ],
      },
      {
        title: 'Queue and webhooks',
        panels: [
          jobQueuePanel(),
          timeseries('Webhook deliveries by outcome', 'Delivery attempts per second by what they led to.', 'ops', [
            { expr: 'outcome:catalytic_webhook_deliveries:rate5m', legend: '{{outcome}}' },
          ]),
          timeseries('Webhook backlog', 'Deliveries pending and dead, and the age of the oldest pending one.', 'short', [
            { expr: 'max(catalytic_webhook_pending_deliveries)', legend: 'pending' },
            { expr: 'max(catalytic_webhook_dead_deliveries)', legend: 'dead' },
            { expr: 'max(catalytic_webhook_oldest_pending_age_seconds)', legend: 'oldest pending (s)' },
          ]),
          timeseries('Webhook attempt latency', '99th percentile of webhook HTTP attempts by result.', 's', [
            {
              expr: 'histogram_quantile(0.99, sum by (result, le) (rate(catalytic_webhook_attempt_duration_seconds_bucket[$__rate_interval])))',
              legend: '{{result}}',
            },
          ]),
        ],
      },
    ],
  });
