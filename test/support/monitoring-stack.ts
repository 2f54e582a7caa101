import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { stringify } from 'yaml';
import { freePort } from './free-port.js';

/**
 * Real Prometheus and Alertmanager (Debian's `prometheus` and
 * `prometheus-alertmanager`) spawned on free loopback ports with their state
 * in a temporary directory, for the monitoring tests.
 */

export interface Spawned {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

async function spawnReady(command: string, args: string[], readyUrl: (port: number) => string, port: number): Promise<Spawned> {
  const child: ChildProcess = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const by = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${command} exited:\n${output}`);
    const ok = await fetch(readyUrl(port)).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > by) throw new Error(`${command} not ready in 30 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

export interface PrometheusOptions {
  dir: string;
  jobs: { job: string; targets: string[] }[];
  /** File name → YAML text of each rule file. */
  rules: Record<string, string>;
  alertmanager?: string;
}

export interface Prometheus extends Spawned {
  /** Instant query; the result vector (empty when there is no data). */
  query(expr: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]>;
  /** Alerts Prometheus holds now (pending and firing). */
  alerts(): Promise<{ labels: Record<string, string>; state: string }[]>;
}

/**
 * Scrapes every 2 s (a scrape of a busy test process can take over a second;
 * a timed-out scrape would mark its series stale) and evaluates rules every second.
 */
export async function startPrometheus(o: PrometheusOptions): Promise<Prometheus> {
  const dir = path.join(o.dir, 'prometheus');
  await mkdir(path.join(dir, 'data'), { recursive: true });
  for (const [name, text] of Object.entries(o.rules)) await writeFile(path.join(dir, name), text);
  const config = {
    global: { scrape_interval: '2s', scrape_timeout: '2s', evaluation_interval: '1s' },
    rule_files: Object.keys(o.rules),
    ...(o.alertmanager ? { alerting: { alertmanagers: [{ static_configs: [{ targets: [new URL(o.alertmanager).host] }] }] } } : {}),
    scrape_configs: o.jobs.map((j) => ({ job_name: j.job, static_configs: [{ targets: j.targets }] })),
  };
  await writeFile(path.join(dir, 'prometheus.yml'), stringify(config));
  const port = await freePort();
  const p = await spawnReady(
    'prometheus',
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    (port) => `http://127.0.0.1:${port}/-/ready`,
    port,
  );
  const api = async (pathAndQuery: string) => {
    const res = await fetch(`${p.url}${pathAndQuery}`);
    const body = (await res.json()) as { status: string; data: unknown; error?: string };
    if (body.status !== 'success') throw new Error(`Prometheus ${pathAndQuery}: ${body.error}`);
    return body.data;
  };
  return {
    ...p,
    async query(expr) {
      const data = (await api(`/api/v1/query?query=${encodeURIComponent(expr)}`)) as { resultType: string; result: unknown };
      if (data.resultType === 'scalar') return [{ metric: {}, value: data.result as [number, string] }];
      return data.result as { metric: Record<string, string>; value: [number, string] }[];
    },
    async alerts() {
      return ((await api('/api/v1/alerts')) as { alerts: { labels: Record<string, string>; state: string }[] }).alerts;
    },
  };
}

/** Alertmanager with `config` (an object), clustering off so it binds no other port. */
export async function startAlertmanager(dir: string, config: unknown): Promise<Spawned> {
  const amDir = path.join(dir, 'alertmanager');
  await mkdir(path.join(amDir, 'data'), { recursive: true });
  await writeFile(path.join(amDir, 'alertmanager.yml'), stringify(config));
  const port = await freePort();
  return spawnReady(
    'prometheus-alertmanager',
    [
      `--config.file=${path.join(amDir, 'alertmanager.yml')}`,
      `--storage.path=${path.join(amDir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
      '--log.level=warn',
    ],
    (port) => `http://127.0.0.1:${port}/-/ready`,
    port,
  );
}

export interface Notification {
  receiver: string;
  status: string;
  alerts: { status: string; labels: Record<string, string>; annotations: Record<string, string> }[];
}

/** An HTTP endpoint Alertmanager's webhook receivers post to; keeps every notification with the path it came to. */
export async function startWebhookReceiver(): Promise<{
  url: string;
  received: { path: string; body: Notification }[];
  close(): Promise<void>;
}> {
  const received: { path: string; body: Notification }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: JSON.parse(body) as Notification });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Polls `check` until it returns a value (not undefined), or fails with `what` after `ms`. */
export async function eventually<T>(what: string, ms: number, check: () => Promise<T | undefined>, everyMs = 500): Promise<T> {
  const by = Date.now() + ms;
  for (;;) {
    const got = await check();
    if (got !== undefined) return got;
    if (Date.now() > by) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
