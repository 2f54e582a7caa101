import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLAN_THRESHOLDS, scenarioNamed } from '../../load/scenarios.js';
import { highestPassingThroughput, judge, judgeStages } from '../../load/thresholds.js';
import { percentile, readTimeline, type Second, summarize } from '../../load/timeline.js';

const endpoint = (hist: Record<string, number>, extra: { throttled?: number; errors?: number } = {}) => {
  const latencies = Object.values(hist).reduce((a, b) => a + b, 0);
  return {
    n: latencies + (extra.throttled ?? 0),
    ok: latencies - (extra.errors ?? 0),
    throttled: extra.throttled ?? 0,
    errors: extra.errors ?? 0,
    hist,
    codes: {},
  };
};

describe('load timeline: percentiles from per-second histograms', () => {
  it('takes the rank ⌈p·n⌉ and answers the upper edge of its bucket (exact below 1 s)', () => {
    const hist = { '10': 50, '20': 45, '400': 4, '1230': 1 };
    expect(percentile(hist, 0.5)).toBe(10);
    expect(percentile(hist, 0.51)).toBe(20);
    expect(percentile(hist, 0.95)).toBe(20);
    expect(percentile(hist, 0.99)).toBe(400);
    // 1230 holds 1230–1239 ms: reported as 1239, never flattering.
    expect(percentile(hist, 1)).toBe(1239);
    expect(percentile({ '15300': 1 }, 0.5)).toBe(15399);
    expect(percentile({}, 0.99)).toBe(0);
  });

  it('merges the files of several Locust processes second by second, counting 429s apart from errors', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'timeline-'));
    try {
      const a: Second = { t: 100, users: 3, endpoints: { 'GET /x': endpoint({ '5': 2 }, { throttled: 1 }) } };
      const b: Second = { t: 100, users: 2, endpoints: { 'GET /x': endpoint({ '7': 1 }, { errors: 1 }) } };
      const c: Second = { t: 101, users: 5, endpoints: { 'POST /y': endpoint({ '50': 1 }) } };
      await writeFile(path.join(dir, 'timeline-1.jsonl'), `${JSON.stringify(a)}\n${JSON.stringify(c)}\n`);
      await writeFile(path.join(dir, 'timeline-2.jsonl'), `${JSON.stringify(b)}\n`);
      await writeFile(path.join(dir, 'locust_stats.csv'), 'not a timeline');
      const seconds = await readTimeline(dir);
      expect(seconds.map((s) => [s.t, s.users])).toEqual([
        [100, 5],
        [101, 5],
      ]);
      const all = summarize(seconds);
      expect(all).toMatchObject({
        requests: 5,
        throttled: 1,
        errors: 1,
        ok: 3,
        seconds: 2,
        throughput: 2.5,
        errorRate: 0.2,
        p50: 5,
        max: 50,
      });
      expect(summarize(seconds, 'GET /x')).toMatchObject({ requests: 4, p99: 7 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('load thresholds', () => {
  it("judges the plan's thresholds strictly", () => {
    const pass = judge(PLAN_THRESHOLDS, { ...summarize([]), p95: 499, p99: 999, errorRate: 0.0099 });
    expect(pass.map((v) => v.met)).toEqual([true, true, true]);
    const fail = judge(PLAN_THRESHOLDS, { ...summarize([]), p95: 500, p99: 1000, errorRate: 0.01 });
    expect(fail.map((v) => v.met)).toEqual([false, false, false]);
    expect(fail.map((v) => v.measured)).toEqual(['500 ms', '1000 ms', '1.000 %']);
  });

  it('judges each stage after its ramp and reports the highest throughput whose stage met every threshold', () => {
    const stages = scenarioNamed('mixed')!.stages({ steps: [10, 20], spawnRate: 10, seconds: 20 });
    expect(stages).toEqual([
      { users: 10, spawn_rate: 10, seconds: 21 },
      { users: 20, spawn_rate: 10, seconds: 21 },
    ]);
    const seconds: Second[] = [];
    for (let t = 0; t < 42; t++) {
      // Fast and light in the first stage; heavier but within the plan in the second, except a slow ramp.
      const slow = t >= 21 && t < 27;
      const n = t < 21 ? 10 : 30;
      seconds.push({ t: 1000 + t, users: t < 21 ? 10 : 20, endpoints: { 'GET /x': endpoint({ [slow ? '2000' : '40']: n }) } });
    }
    const results = judgeStages(stages, seconds, 1000, PLAN_THRESHOLDS);
    expect(results.map((r) => [r.from - 1000, r.to - 1000, r.met])).toEqual([
      [6, 21, true],
      [27, 42, true],
    ]);
    expect(highestPassingThroughput(results)?.users).toBe(20);
    expect(highestPassingThroughput(results)?.summary.throughput).toBe(30);
  });
});
