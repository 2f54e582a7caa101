import { dashboard, timeseries } from './panels.js';

/** The queue's depth and its oldest job: on Compute with the jobs, on Infrastructure with the webhooks. */
export const jobQueuePanel = () =>
  timeseries('Job queue', 'Jobs waiting in the queue (every worker reports the whole queue) and the age of the oldest.', 'short', [
    { expr: 'max by (queue) (catalytic_job_queue_depth)', legend: '{{queue}} depth' },
    { expr: 'max(catalytic_job_oldest_queued_age_seconds)', legend: 'oldest waiting (s)' },
  ]);

/** Compute: lattice operations and where they ran, GPU routing, the knowledge cache, the engine pool, jobs. */
export const computeDashboard = () =>
  dashboard({
    uid: 'catalytic-compute',
    title: 'Catalytic / Compute',
    description: 'Lattice operations, backends, GPU routing and fallbacks, knowledge cache, engine pool and jobs.',
    rows: [
      {
        title: 'Operations',
        panels: [
          timeseries('Operations by operation', 'Finished lattice operations per second.', 'ops', [
            { expr: 'sum by (operation) (operation_backend:catalytic_operations:rate5m)', legend: '{{operation}}' },
          ]),
          timeseries('Operations by backend', 'Where operations ran (cache: answered by the knowledge cache).', 'ops', [
            { expr: 'sum by (backend) (operation_backend:catalytic_operations:rate5m)', legend: '{{backend}}' },
          ]),
          timeseries('Operation outcomes', 'Success, client errors (bad input, plan limits) and our errors.', 'ops', [
            { expr: 'sum by (outcome, mode) (operation_backend:catalytic_operations:rate5m)', legend: '{{outcome}} ({{mode}})' },
          ]),
          timeseries('p95 operation duration', '95th percentile of operation wall time by operation.', 's', [
            { expr: 'operation:catalytic_operation_duration_seconds:p95_5m', legend: '{{operation}}' },
          ]),
        ],
      },
      {
        title: 'Backends and cache',
        panels: [
          timeseries('Routing decisions', 'Backends the cost-model router chose.', 'ops', [
            { expr: 'sum by (backend) (rate(catalytic_engine_routing_decisions_total[$__rate_interval]))', legend: '{{backend}}' },
          ]),
          timeseries('GPU fallbacks by reason', 'Runs that asked for the GPU and ran elsewhere.', 'ops', [
            { expr: 'reason:catalytic_engine_gpu_fallbacks:rate5m', legend: '{{reason}}' },
          ]),
          timeseries('Knowledge-cache hit ratio', 'Share of cacheable lookups answered by the cache.', 'percentunit', [
            { expr: 'catalytic:knowledge_cache_hit:ratio_rate5m', legend: 'hit ratio' },
          ]),
          timeseries('Knowledge-cache size', 'Bytes held against the byte budget.', 'bytes', [
            { expr: 'max(catalytic_knowledge_cache_bytes)', legend: 'held' },
            { expr: 'max(catalytic_knowledge_cache_max_bytes)', legend: 'budget' },
          ]),
          timeseries('Engine pool', 'Utilisation of the worker-thread pool and tasks waiting for a thread.', 'percentunit', [
            { expr: 'catalytic_engine_pool_utilization_ratio', legend: '{{instance}} utilisation' },
            { expr: 'catalytic_engine_pool_queued_tasks', legend: '{{instance}} queued tasks' },
          ]),
          timeseries('Operation memory', 'Memory reserved by running operations against the budget.', 'bytes', [
            { expr: 'catalytic_engine_memory_reserved_bytes', legend: '{{instance}} reserved' },
            { expr: 'catalytic_engine_memory_budget_bytes', legend: '{{instance}} budget' },
          ]),
        ],
      },
      {
        title: 'Jobs',
        panels: [
          timeseries('Jobs queued and running', 'Jobs waiting and running across all workers.', 'short', [
            { expr: 'max by (state) (catalytic_jobs)', legend: '{{state}}' },
          ]),
          jobQueuePanel(),
          timeseries('Jobs finished', 'Jobs finished per second by final status, and attempts retried.', 'ops', [
            { expr: 'sum by (status) (kind_status:catalytic_jobs_finished:rate5m)', legend: '{{status}}' },
            { expr: 'sum(rate(catalytic_jobs_retried_total[$__rate_interval]))', legend: 'retried' },
          ]),
          timeseries('p95 job run time', '95th percentile of job attempt run time by kind.', 's', [
            { expr: 'kind:catalytic_job_run_duration_seconds:p95_5m', legend: '{{kind}}' },
          ]),
        ],
      },
    ],
  });
