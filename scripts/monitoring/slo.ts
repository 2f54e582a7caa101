import { d, h, m } from './durations.js';

/**
 * The service level objectives the alerts and the API dashboard are built on.
 * Both are measured on the API's responses, except the scrape and health
 * endpoints, which say nothing about what users get.
 */
export const SLO_SELECTOR = 'job="catalytic-api", route!~"/metrics|/health.*"';

export interface Slo {
  name: 'availability' | 'latency';
  /** Share of requests that must be good over the 30-day budget window. */
  objective: number;
  /** PromQL for the share of bad requests over `range` (a Prometheus duration). */
  badRatio(range: string): string;
  description: string;
}

export const LATENCY_THRESHOLD_SECONDS = 1;

export const AVAILABILITY: Slo = {
  name: 'availability',
  objective: 0.999,
  badRatio: (range) =>
    `sum(rate(http_requests_total{${SLO_SELECTOR}, status=~"5.."}[${range}]))\n/\nsum(rate(http_requests_total{${SLO_SELECTOR}}[${range}]))`,
  description: '99.9 % of API requests answer without a 5xx',
};

export const LATENCY: Slo = {
  name: 'latency',
  objective: 0.99,
  badRatio: (range) =>
    `1 - (\n  sum(rate(http_request_duration_seconds_bucket{${SLO_SELECTOR}, le="${LATENCY_THRESHOLD_SECONDS}"}[${range}]))\n  /\n  sum(rate(http_request_duration_seconds_count{${SLO_SELECTOR}}[${range}]))\n)`,
  description: `99 % of API requests answer within ${LATENCY_THRESHOLD_SECONDS} s (p99 ≤ ${LATENCY_THRESHOLD_SECONDS} s)`,
};

export const SLOS = [AVAILABILITY, LATENCY];

export const BUDGET_WINDOW = d(30);

/**
 * Multi-window, multi-burn-rate alerting (the SRE workbook's table): a long
 * window proves the burn is real, a short one that it is still going on, so
 * the alert resolves soon after the burn stops.
 */
export interface BurnWindow {
  long: number;
  short: number;
  /** How many times faster than "exactly spend the budget in 30 days". */
  factor: number;
  severity: 'page' | 'ticket';
  for: number;
  /** How much of the budget such a burn spends, for the alert's description. */
  budgetSpent: string;
}

export const BURN_WINDOWS: BurnWindow[] = [
  { long: h(1), short: m(5), factor: 14.4, severity: 'page', for: m(2), budgetSpent: '2 % of the 30-day budget in one hour' },
  { long: h(6), short: m(30), factor: 6, severity: 'page', for: m(15), budgetSpent: '5 % of the 30-day budget in six hours' },
  { long: d(3), short: h(6), factor: 1, severity: 'ticket', for: h(1), budgetSpent: '10 % of the 30-day budget in three days' },
];

/** Every window a ratio is recorded for. */
export const SLO_WINDOWS = [...new Set([...BURN_WINDOWS.flatMap((w) => [w.short, w.long]), BUDGET_WINDOW])].sort((a, b) => a - b);
