import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { REPOSITORY_ROOT } from '../stack/catalytic-process.js';
import { fromCommand, lastLines, type Line, runCommand } from './evidence.js';

const at = () => new Date().toISOString();
const exists = (relative: string) => existsSync(path.join(REPOSITORY_ROOT, relative));
const filesIn = (relative: string, suffix: RegExp) =>
  exists(relative)
    ? readdirSync(path.join(REPOSITORY_ROOT, relative))
        .filter((f) => suffix.test(f))
        .map((f) => path.posix.join(relative, f))
    : [];

function missing(area: string, requirement: string, lookedFor: string, waitsFor: string): Line {
  return {
    area,
    requirement,
    status: 'missing',
    command: `looked for ${lookedFor}`,
    result: `not there: waits for ${waitsFor}`,
    seconds: 0,
    at: at(),
  };
}

async function toolLine(area: string, requirement: string, tool: string, args: string[], what: string): Promise<Line> {
  const r = await runCommand(tool, args, { timeoutMs: 5 * 60_000, quiet: true });
  return fromCommand(area, requirement, `${tool} ${args.join(' ')}`, r, r.code === 0 ? what : `exit ${r.code}: ${lastLines(r.output)}`);
}

/** Alert names in monitoring/rules/alerts.yml. */
async function alertNames(): Promise<string[]> {
  const doc = parse(await readFile(path.join(REPOSITORY_ROOT, 'monitoring/rules/alerts.yml'), 'utf8')) as {
    groups?: { rules?: { alert?: string }[] }[];
  };
  return (doc.groups ?? []).flatMap((g) => (g.rules ?? []).flatMap((r) => (r.alert ? [r.alert] : [])));
}

const kebab = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .toLowerCase();

/** Monitoring (promtool, amtool, runbooks, dashboards) and deployment files, each checked when it exists. */
export async function toolChecks(): Promise<Line[]> {
  const lines: Line[] = [];
  const O = 'Operations';
  const waitsMonitoring = 'the observability work (monitoring/)';
  const ruleTests = filesIn('monitoring/rules/tests', /\.ya?ml$/);
  lines.push(
    ruleTests.length > 0
      ? await toolLine(
          O,
          'Alert rules pass their promtool unit tests',
          'promtool',
          ['test', 'rules', ...ruleTests],
          `${ruleTests.length} test files pass`,
        )
      : missing(O, 'Alert rules pass their promtool unit tests', 'monitoring/rules/tests/*.yml', waitsMonitoring),
  );
  lines.push(
    exists('monitoring/prometheus.yml')
      ? await toolLine(
          O,
          'Prometheus configuration and rules are valid',
          'promtool',
          ['check', 'config', 'monitoring/prometheus.yml'],
          'valid',
        )
      : missing(O, 'Prometheus configuration and rules are valid', 'monitoring/prometheus.yml', waitsMonitoring),
  );
  lines.push(
    exists('monitoring/alertmanager.yml')
      ? await toolLine(O, 'Alertmanager configuration is valid', 'amtool', ['check-config', 'monitoring/alertmanager.yml'], 'valid')
      : missing(O, 'Alertmanager configuration is valid', 'monitoring/alertmanager.yml', waitsMonitoring),
  );
  if (exists('monitoring/rules/alerts.yml')) {
    const started = Date.now();
    const alerts = await alertNames();
    const without = alerts.filter((a) => !exists(`docs/runbooks/${kebab(a)}.md`));
    lines.push({
      area: O,
      requirement: 'Every alert has a runbook',
      status: alerts.length > 0 && without.length === 0 ? 'pass' : 'fail',
      command: 'alerts in monitoring/rules/alerts.yml against docs/runbooks/<alert-name>.md',
      result: without.length === 0 ? `${alerts.length} alerts, each with its runbook` : `no runbook for: ${without.join(', ')}`,
      seconds: (Date.now() - started) / 1000,
      at: at(),
    });
  } else {
    lines.push(missing(O, 'Every alert has a runbook', 'monitoring/rules/alerts.yml', waitsMonitoring));
  }
  const dashboards = filesIn('monitoring/grafana/dashboards', /\.json$/);
  if (dashboards.length > 0) {
    const broken: string[] = [];
    for (const d of dashboards)
      await readFile(path.join(REPOSITORY_ROOT, d), 'utf8')
        .then(JSON.parse)
        .catch(() => broken.push(d));
    lines.push({
      area: O,
      requirement: 'Grafana dashboards are present and parse',
      status: broken.length === 0 ? 'pass' : 'fail',
      command: 'JSON.parse of monitoring/grafana/dashboards/*.json (their queries are proven by the suite)',
      result:
        broken.length === 0
          ? `${dashboards.length} dashboards: ${dashboards.map((d) => path.basename(d)).join(', ')}`
          : `unparsable: ${broken.join(', ')}`,
      seconds: 0,
      at: at(),
    });
  } else {
    lines.push(missing(O, 'Grafana dashboards are present and parse', 'monitoring/grafana/dashboards/*.json', waitsMonitoring));
  }
  lines.push(...(await deployChecks()));
  return lines;
}

async function deployChecks(): Promise<Line[]> {
  const D = 'Deployment';
  const waits = 'the deploy work';
  const lines: Line[] = [];
  if (!exists('Dockerfile')) lines.push(missing(D, 'The container image builds', 'Dockerfile', waits));
  else {
    const docker = await runCommand('docker', ['version', '--format', '{{.Server.Version}}'], { timeoutMs: 20_000, quiet: true });
    lines.push(
      docker.code === 0
        ? await toolLine(D, 'The container image builds', 'docker', ['build', '-q', '.'], 'image built')
        : {
            area: D,
            requirement: 'The container image builds',
            status: 'not run',
            command: 'docker build .',
            result: 'Dockerfile present; no Docker engine on this machine to build it',
            seconds: 0,
            at: at(),
          },
    );
  }
  for (const [file, requirement] of [
    ['deploy/compose.yaml', 'The compose file parses'],
    ['deploy/k8s/kustomization.yaml', 'The Kubernetes kustomization parses'],
  ] as const) {
    if (!exists(file)) {
      lines.push(missing(D, requirement, file, waits));
      continue;
    }
    const ok = await readFile(path.join(REPOSITORY_ROOT, file), 'utf8')
      .then((t) => (parse(t), true))
      .catch(() => false);
    lines.push({
      area: D,
      requirement,
      status: ok ? 'pass' : 'fail',
      command: `YAML parse of ${file} (not started here)`,
      result: ok ? 'parses' : 'does not parse',
      seconds: 0,
      at: at(),
    });
  }
  return lines;
}
