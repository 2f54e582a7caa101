/**
 * How the one rule source is rendered. Production is written to
 * monitoring/rules/; the test profile shrinks every window and pending period
 * by the same factor so an end-to-end test sees an SLO alert fire within
 * seconds, with the very expressions production uses.
 */
export interface RuleProfile {
  name: 'production' | 'test';
  /** Range of a `[window]` in an expression, in seconds. */
  window(seconds: number): number;
  /** An alert's `for`, in seconds. */
  pending(seconds: number): number;
  /** A group's evaluation interval; undefined: Prometheus's global evaluation_interval. */
  interval(seconds: number | undefined): number | undefined;
}

export const PRODUCTION: RuleProfile = {
  name: 'production',
  window: (s) => s,
  pending: (s) => s,
  interval: (s) => s,
};

/** One hour becomes ten seconds; no window shorter than five of the tests' 2 s scrapes. */
const TEST_SCALE = 360;

export const TEST: RuleProfile = {
  name: 'test',
  window: (s) => Math.max(10, Math.round(s / TEST_SCALE)),
  pending: (s) => Math.round(s / TEST_SCALE),
  interval: () => 1,
};
