/**
 * The load scenarios as data: which simulated user, the load shape as stages
 * (users held for a time, reached at a spawn rate), and the thresholds the
 * run is judged by. `npm run load -- <scenario>` runs one.
 */

export interface Stage {
  users: number;
  spawn_rate: number;
  seconds: number;
}

export type Metric = 'p95' | 'p99' | 'errorRate' | 'errors';

export interface Threshold {
  label: string;
  metric: Metric;
  /** The value must stay strictly below this one (`below`) or not exceed it (`atMost`). */
  below?: number;
  atMost?: number;
}

/** The product plan's thresholds: p95 < 500 ms, p99 < 1 s, errors < 1 % (429s counted apart). */
export const PLAN_THRESHOLDS: Threshold[] = [
  { label: 'p95 < 500 ms', metric: 'p95', below: 500 },
  { label: 'p99 < 1 s', metric: 'p99', below: 1000 },
  { label: 'errors < 1 % (429s counted apart)', metric: 'errorRate', below: 0.01 },
];

export interface ScenarioOptions {
  /** Seconds per stage (held after the ramp), overriding the scenario's. */
  seconds?: number;
  /** One stage of this many users instead of the scenario's stages. */
  users?: number;
  /** Stages of these user counts (a staircase), each held `seconds`. */
  steps?: number[];
  spawnRate?: number;
  /** Soak only: hours instead of the default 10 minutes. */
  hours?: number;
}

export interface Scenario {
  name: string;
  summary: string;
  userClass: 'JourneyUser' | 'MixedUser';
  /** Whether each simulated user logs in when it starts (false: it arrives with a session). */
  loginAtStart: boolean;
  thresholds: Threshold[];
  stages(options: ScenarioOptions): Stage[];
}

function single(users: number, spawnRate: number, seconds: number, o: ScenarioOptions): Stage[] {
  if (o.steps) return staircase(o.steps, o.spawnRate ?? spawnRate, o.seconds ?? 60);
  return [{ users: o.users ?? users, spawn_rate: o.spawnRate ?? spawnRate, seconds: o.seconds ?? seconds }];
}

/** Each step holds its users for `seconds` after reaching them. */
function staircase(steps: number[], spawnRate: number, seconds: number): Stage[] {
  return steps.map((users, i) => ({
    users,
    spawn_rate: spawnRate,
    seconds: Math.ceil(Math.abs(users - (steps[i - 1] ?? 0)) / spawnRate) + seconds,
  }));
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'baseline',
    summary: '100 users on the journey (sign in, browse, compute, write, history, usage, jobs) for 5 minutes',
    userClass: 'JourneyUser',
    loginAtStart: true,
    thresholds: PLAN_THRESHOLDS,
    stages: (o) => single(100, 10, 300, o),
  },
  {
    name: 'stress',
    summary: '500 users on the journey for 5 minutes',
    userClass: 'JourneyUser',
    loginAtStart: true,
    thresholds: PLAN_THRESHOLDS,
    stages: (o) => single(500, 25, 300, o),
  },
  {
    name: 'spike',
    summary: 'from 0 to 1 000 signed-in users in 10 s, held for a minute; only 429s may be errors',
    userClass: 'JourneyUser',
    loginAtStart: false,
    thresholds: [{ label: 'no errors other than 429', metric: 'errors', atMost: 0 }],
    stages: (o) => [
      { users: o.users ?? 1000, spawn_rate: (o.users ?? 1000) / 10, seconds: 10 },
      { users: o.users ?? 1000, spawn_rate: (o.users ?? 1000) / 10, seconds: o.seconds ?? 60 },
    ],
  },
  {
    name: 'soak',
    summary: '100 users on the journey for 10 minutes (hours with --hours)',
    userClass: 'JourneyUser',
    loginAtStart: true,
    thresholds: PLAN_THRESHOLDS,
    stages: (o) => single(100, 10, o.hours ? Math.round(o.hours * 3600) : 600, o),
  },
  {
    name: 'mixed',
    summary:
      'read 60 % / write 20 % / compute 20 %, stepping up 100 → 1 000 users, a minute per step, to find the highest throughput that meets the thresholds',
    userClass: 'MixedUser',
    loginAtStart: true,
    thresholds: PLAN_THRESHOLDS,
    stages: (o) =>
      o.users ? single(o.users, 50, 60, o) : staircase(o.steps ?? [100, 250, 500, 750, 1000], o.spawnRate ?? 50, o.seconds ?? 60),
  },
];

export function scenarioNamed(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}
