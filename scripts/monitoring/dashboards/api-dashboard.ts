import { AVAILABILITY, LATENCY, LATENCY_THRESHOLD_SECONDS } from '../slo.js';
import { dashboard, stat, timeseries } from './panels.js';

const API = 'job="catalytic-api"';

/** API: the SLOs and their error budgets, then rate, errors and duration per route. */
export const apiDashboard = () =>
  dashboard({
    uid: 'catalytic-api',
    title: 'Catalytic / API',
    description: `RED per templated route and the two SLOs: ${AVAILABILITY.description}; ${LATENCY.description}.`,
    rows: [
      {
        title: 'Service level (30 days)',
        panels: [
          stat(
            'Availability',
            `Share of API requests answered without a 5xx over 30 days; objective ${AVAILABILITY.objective * 100} %.`,
            'percentunit',
            { expr: '1 - slo:sli_error:ratio_rate30d{slo="availability"}', legend: 'availability' },
            { value: AVAILABILITY.objective },
          ),
          stat(
            'Availability error budget left',
            'Share of the 30-day budget of 5xx answers not spent yet; below 0 the objective is missed.',
            'percentunit',
            { expr: 'slo:error_budget_remaining:ratio{slo="availability"}', legend: 'budget left' },
            { value: 0 },
          ),
          stat(
            `Requests within ${LATENCY_THRESHOLD_SECONDS} s`,
            `Share of API requests answered within ${LATENCY_THRESHOLD_SECONDS} s over 30 days; objective ${LATENCY.objective * 100} %.`,
            'percentunit',
            { expr: '1 - slo:sli_error:ratio_rate30d{slo="latency"}', legend: 'fast enough' },
            { value: LATENCY.objective },
          ),
          stat(
            'Latency error budget left',
            'Share of the 30-day budget of slow requests not spent yet.',
            'percentunit',
            { expr: 'slo:error_budget_remaining:ratio{slo="latency"}', legend: 'budget left' },
            { value: 0 },
          ),
          timeseries(
            'Error budget burn rate',
            'How many times faster than "exactly the budget in 30 days" it is being spent; the alerts page at 14.4 (1 h) and 6 (6 h).',
            'x',
            [
              {
                expr: `slo:sli_error:ratio_rate1h{slo="availability"} / ${+(1 - AVAILABILITY.objective).toFixed(6)}`,
                legend: 'availability, 1h',
              },
              {
                expr: `slo:sli_error:ratio_rate6h{slo="availability"} / ${+(1 - AVAILABILITY.objective).toFixed(6)}`,
                legend: 'availability, 6h',
              },
              { expr: `slo:sli_error:ratio_rate1h{slo="latency"} / ${+(1 - LATENCY.objective).toFixed(6)}`, legend: 'latency, 1h' },
              { expr: `slo:sli_error:ratio_rate6h{slo="latency"} / ${+(1 - LATENCY.objective).toFixed(6)}`, legend: 'latency, 6h' },
            ],
            24,
          ),
        ],
      },
      {
        title: 'Rate, errors, duration per route',
        panels: [
          timeseries('Requests per route', 'Requests per second by templated route.', 'reqps', [
            { expr: `sum by (route) (job_route:http_requests:rate5m{${API}})`, legend: '{{route}}' },
          ]),
          timeseries('5xx per route', 'Server errors per second by templated route.', 'reqps', [
            { expr: `sum by (route) (job_route:http_request_errors:rate5m{${API}})`, legend: '{{route}}' },
          ]),
          timeseries('Error ratio per route', 'Share of each route\u2019s requests answered with a 5xx.', 'percentunit', [
            {
              expr: `sum by (route) (job_route:http_request_errors:rate5m{${API}})\n/\nsum by (route) (job_route:http_requests:rate5m{${API}})`,
              legend: '{{route}}',
            },
          ]),
          timeseries('Responses by status', 'Responses per second by HTTP status.', 'reqps', [
            { expr: `sum by (status) (job_status:http_requests:rate5m{${API}})`, legend: '{{status}}' },
          ]),
          timeseries('p99 latency per route', '99th percentile of request duration by route.', 's', [
            { expr: `max by (route) (job_route:http_request_duration_seconds:p99_5m{${API}})`, legend: '{{route}}' },
          ]),
          timeseries('p50 latency per route', 'Median request duration by route.', 's', [
            { expr: `max by (route) (job_route:http_request_duration_seconds:p50_5m{${API}})`, legend: '{{route}}' },
          ]),
        ],
      },
    ],
  });
