import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, type MetricSpec } from '../../src/platform/metrics/catalogue.js';
import { ALERT_CASES } from '../../scripts/monitoring/alert-rule-tests.js';
import { ALERT_NAMES, ALERT_RULES, ruleLabels, runbookName, runbookUrl } from '../../scripts/monitoring/alert-rules.js';
import { baseMetric, metricNames } from '../../scripts/monitoring/promql-names.js';
import { RECORDING_GROUPS, renderRecordingGroups } from '../../scripts/monitoring/recording-rules.js';
import { PRODUCTION } from '../../scripts/monitoring/rule-profile.js';

const MONITORING = path.resolve('monitoring');

function run(cmd: string, args: string[], cwd = MONITORING) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 170_000 });
  if (r.error) throw r.error;
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

const specs = Object.values(CATALOGUE) as MetricSpec[];
const histograms = new Set(specs.filter((s) => s.type === 'histogram').map((s) => s.name));
const recorded = new Set(RECORDING_GROUPS.flatMap((g) => g.rules.map((r) => r.record)));
const known = new Set([...specs.map((s) => s.name), ...recorded, 'up']);

describe('Prometheus and Alertmanager configuration', () => {
  it('passes promtool check config (rule files included)', () => {
    const r = run('promtool', ['check', 'config', 'prometheus.yml']);
    expect(r.status, r.output).toBe(0);
    expect(r.output).toContain('SUCCESS: 2 rule files found');
  });

  it('passes promtool check rules', () => {
    const r = run('promtool', ['check', 'rules', 'rules/recording.yml', 'rules/alerts.yml']);
    expect(r.status, r.output).toBe(0);
  });

  // Eight-hour cases over 3-day and 30-day windows: about 15 s of CPU, more on a busy machine.
  it('passes its promtool unit tests: every alert fires on its series and stays quiet on the others', { timeout: 180_000 }, () => {
    const r = run('promtool', ['test', 'rules', 'alerts.test.yml'], path.join(MONITORING, 'rules/tests'));
    expect(r.status, r.output).toBe(0);
    expect(r.output).toContain('SUCCESS');
  });

  it('passes amtool check-config', () => {
    const r = run('amtool', ['check-config', 'alertmanager.yml']);
    expect(r.status, r.output).toBe(0);
    expect(r.output).toContain('2 inhibit rules');
  });
});

describe('alert rules', () => {
  it('each carry severity, summary, description and a runbook that exists', () => {
    for (const rule of ALERT_RULES) {
      expect(['page', 'ticket']).toContain(ruleLabels(rule).severity);
      expect(rule.summary.length, rule.alert).toBeGreaterThan(10);
      expect(rule.description.length, rule.alert).toBeGreaterThan(20);
      expect(existsSync(path.resolve(runbookUrl(rule.alert))), runbookUrl(rule.alert)).toBe(true);
    }
  });

  it('each rule has a promtool case that makes it fire, and each alert one that keeps it quiet', () => {
    expect(Object.keys(ALERT_CASES).sort()).toEqual([...ALERT_NAMES].sort());
    for (const rule of ALERT_RULES) {
      const fired = ALERT_CASES[rule.alert].fires.some((c) =>
        c.firing.some((entry) => Object.entries(ruleLabels(rule)).every(([k, v]) => entry[k] === undefined || entry[k] === v)),
      );
      expect(fired, `${rule.alert} ${JSON.stringify(rule.labels ?? {})} ${rule.severity}`).toBe(true);
      expect(ALERT_CASES[rule.alert].quiet.length, rule.alert).toBeGreaterThan(0);
      for (const c of ALERT_CASES[rule.alert].quiet) expect(c.firing).toEqual([]);
    }
  });

  it('read only metrics of the catalogue, recording rules and up', () => {
    const exprs = [
      ...ALERT_RULES.map((r) => r.expr((s) => `${s}s`)),
      ...renderRecordingGroups(PRODUCTION).flatMap((g) => g.rules.map((r) => r.expr)),
    ];
    const unknown = exprs.flatMap((e) => metricNames(e).map((n) => baseMetric(n, histograms))).filter((n) => !known.has(n));
    expect(unknown).toEqual([]);
  });
});

describe('runbooks', () => {
  const dir = path.resolve('docs/runbooks');
  const files = readdirSync(dir).filter((f) => f.endsWith('.md'));

  it('exist for every alert and only for alerts', () => {
    expect(files.map((f) => f.replace(/\.md$/, '')).sort()).toEqual(ALERT_NAMES.map(runbookName).sort());
  });

  it('say what the alert means, the user impact, how to diagnose, mitigate and escalate', () => {
    for (const f of files) {
      const text = readFileSync(path.join(dir, f), 'utf8');
      const alert = ALERT_NAMES.find((a) => runbookName(a) === f.replace(/\.md$/, ''))!;
      expect(text.split('\n')[0], f).toBe(`# ${alert}`);
      for (const heading of ['## Meaning', '## User impact', '## Diagnosis', '## Mitigation', '## Escalation']) {
        expect(text, `${f}: ${heading}`).toContain(heading);
      }
      // Diagnosis gives exact queries and commands, not prose alone.
      expect(text, f).toMatch(/```promql\n/);
      expect(text, f).toMatch(/```sh\n/);
    }
  });
});
