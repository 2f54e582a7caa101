import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { WORKER_HEARTBEAT_FILE } from '../../src/cli/main.js';
import { DEFAULT_CONSOLE_DIR } from '../../src/http/third-party/console-static.js';
import { ConfigSchema } from '../../src/platform/config.js';
import { selfSignedCertificate } from '../support/self-signed.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/*
 * No Docker engine or cluster runs here, so the image, compose file and
 * Kubernetes manifests are held to the code by reading them: every variable
 * they set is one the service reads, every probe path is a route it serves,
 * every port is the one it listens on, every required variable is there, and
 * every file they name exists.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const CONFIG_KEYS = new Set(Object.keys(ConfigSchema.properties));
const DEFAULT_PORT = String((ConfigSchema.properties.PORT as { default: number }).default);
const HEALTHCHECK_SCRIPT = 'bin/healthcheck.mjs';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed YAML: its shape is what the assertions check
type Doc = Record<string, any>;

/** The container side of a compose volume (`source:target[:ro]`, where the source may be `${VAR:?message}`). */
const mountTarget = (volume: string): string => {
  const parts = volume.replace(/:(ro|rw)$/, '').split(':');
  return parts[parts.length - 1];
};

let app: TestApp;
let workDir: string;

/** The GET paths the app answers 200 to (probes must be among them). */
async function answers200(urlPath: string): Promise<boolean> {
  return (await app.app.inject({ method: 'GET', url: urlPath })).statusCode === 200;
}

beforeAll(async () => {
  app = await createTestApp();
  workDir = await mkdtemp(path.join(tmpdir(), 'catalytic-manifests-'));
});
afterAll(async () => {
  await app?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('Dockerfile', () => {
  // Instructions with their continuation lines joined; comments dropped.
  const instructions = read('Dockerfile')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [keyword, ...rest] = l.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
  const all = (k: string) => instructions.filter((i) => i.keyword === k).map((i) => i.args);
  const args = Object.fromEntries(all('ARG').map((a) => a.split('=') as [string, string]));
  const stages = all('FROM').map((f) => f.replace(/\$\{(\w+)\}/g, (_, n) => args[n] ?? ''));
  const finalStage = instructions.slice(instructions.map((i) => i.keyword).lastIndexOf('FROM'));
  const envOf = (list: { keyword: string; args: string }[]) =>
    Object.fromEntries(
      list
        .filter((i) => i.keyword === 'ENV')
        .flatMap((i) => [...i.args.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1], m[2]] as [string, string])),
    );

  it('builds from a slim Node image whose major satisfies engines, in more than one stage', () => {
    const engines = JSON.parse(read('package.json')).engines.node as string;
    const minimum = Number(/>=\s*(\d+)/.exec(engines)![1]);
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const image of stages) {
      const m = /^node:(\d+)(?:\.\d+)*-(\S+)/.exec(image);
      expect(m, image).not.toBeNull();
      expect(Number(m![1])).toBeGreaterThanOrEqual(minimum);
      expect(m![2]).toMatch(/slim/);
    }
  });

  it('installs production dependencies only, runs as a non-root user under tini, with a HEALTHCHECK on the liveness route', async () => {
    expect(all('RUN').some((r) => /npm ci\b.*--omit=dev/.test(r))).toBe(true);
    const user = finalStage.filter((i) => i.keyword === 'USER').at(-1)?.args;
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
    expect(finalStage.find((i) => i.keyword === 'ENTRYPOINT')?.args).toMatch(/tini.*catalytic\.mjs/);
    const healthcheck = finalStage.find((i) => i.keyword === 'HEALTHCHECK')?.args ?? '';
    expect(healthcheck).toContain(HEALTHCHECK_SCRIPT);
    const livePath = /LIVENESS_PATH = '([^']+)'/.exec(read(HEALTHCHECK_SCRIPT))![1];
    expect(livePath).toBe('/health/live');
    expect(await answers200(livePath)).toBe(true);
  });

  it('sets only known variables, exposes the port it configures, keeps DATA_DIR on a volume and copies files that exist', () => {
    const env = envOf(finalStage);
    for (const key of Object.keys(env)) expect(CONFIG_KEYS, `ENV ${key}`).toContain(key);
    expect(env.NODE_ENV).toBe('production');
    expect(finalStage.find((i) => i.keyword === 'EXPOSE')?.args).toBe(env.PORT);
    expect(finalStage.find((i) => i.keyword === 'VOLUME')?.args).toContain(env.DATA_DIR);
    for (const copy of finalStage.filter((i) => i.keyword === 'COPY' && !i.args.startsWith('--from'))) {
      const sources = copy.args.split(/\s+/).slice(0, -1);
      for (const source of sources) expect(existsSync(path.join(ROOT, source)), source).toBe(true);
    }
    // The migrations and the healthcheck script travel in the image.
    expect(finalStage.some((i) => i.keyword === 'COPY' && /^migrations\b/.test(i.args))).toBe(true);
    expect(finalStage.some((i) => i.keyword === 'COPY' && /^bin\b/.test(i.args))).toBe(true);
  });

  // Each stage's instructions, by the name given in its FROM … AS name.
  const stageByName = new Map<string, { keyword: string; args: string }[]>();
  instructions.forEach((instruction, at) => {
    if (instruction.keyword !== 'FROM') return;
    const end = instructions.findIndex((i, k) => k > at && i.keyword === 'FROM');
    const name = /\bAS\s+(\S+)/i.exec(instruction.args)?.[1] ?? String(at);
    stageByName.set(name, instructions.slice(at + 1, end < 0 ? undefined : end));
  });

  it("runs the package's own lifecycle scripts only where the files they need were copied first", () => {
    const scripts = JSON.parse(read('package.json')).scripts as Record<string, string>;
    // npm ci runs the root package's prepare script unless told not to.
    const needed = (scripts.prepare ?? '').split(/\s+/).filter((word) => word.includes('/'));
    for (const [name, stage] of stageByName) {
      stage.forEach((instruction, at) => {
        const ci = instruction.keyword === 'RUN' && /\bnpm ci\b/.test(instruction.args);
        if (!ci || /--ignore-scripts|npm pkg delete scripts\.prepare/.test(instruction.args)) return;
        const copied = stage
          .slice(0, at)
          .filter((i) => i.keyword === 'COPY' && !i.args.startsWith('--from'))
          .flatMap((i) => i.args.split(/\s+/).slice(0, -1));
        for (const file of needed)
          expect(
            copied.some((source) => file === source || file.startsWith(`${source.replace(/\/$/, '')}/`)),
            `${name}: ${file}`,
          ).toBe(true);
      });
    }
  });

  it('carries the web console built by a stage that copied its sources, where the server looks for it', () => {
    const fromConsole = finalStage.find((i) => i.keyword === 'COPY' && /^--from=\S+\s+\S*console\/dist\s/.test(i.args));
    expect(fromConsole, 'COPY --from=… console/dist').toBeDefined();
    const [, stageName, target] = /^--from=(\S+)\s+\S+\s+(\S+)$/.exec(fromConsole!.args)!;
    const builder = stageByName.get(stageName)!;
    const build = builder.findIndex((i) => i.keyword === 'RUN' && /npm run build:console/.test(i.args));
    expect(build).toBeGreaterThan(0);
    for (const source of ['console', 'scripts/build-console.ts', 'src'])
      expect(
        builder.slice(0, build).some((i) => i.keyword === 'COPY' && i.args.split(/\s+/).includes(source)),
        `${stageName} copies ${source}`,
      ).toBe(true);
    const workdir = finalStage.find((i) => i.keyword === 'WORKDIR')!.args;
    expect(path.posix.resolve(workdir, target)).toBe(path.posix.join(workdir, path.relative(ROOT, DEFAULT_CONSOLE_DIR)));
  });
});

describe('deploy/compose.yaml', () => {
  const text = read('deploy/compose.yaml');
  const compose = parse(text, { merge: true }) as Doc;
  const services = compose.services as Record<string, Doc>;
  const ours = Object.entries(services).filter(([, s]) => s.build?.context === '..');
  const apis = ours.filter(([, s]) => s.command?.[0] === 'api');
  const envExample = new Set(
    read('deploy/.env.example')
      .split('\n')
      .filter((l) => /^\w+=/.test(l))
      .map((l) => l.split('=')[0]),
  );

  it('runs 2 APIs, 2 workers and a one-shot migrate from one image, with PostgreSQL, Redis, HAProxy, Prometheus, Alertmanager and Grafana', () => {
    expect(apis.map(([name]) => name)).toEqual(['api-1', 'api-2']);
    const workers = ours.filter(([, s]) => s.command?.[0] === 'worker');
    expect(workers.reduce((n, [, s]) => n + (s.deploy?.replicas ?? 1), 0)).toBe(2);
    expect(services.migrate.command).toEqual(['migrate']);
    expect(services.migrate.restart).toBe('no');
    expect(new Set(ours.map(([, s]) => s.image)).size).toBe(1);
    for (const name of ['postgres', 'redis', 'haproxy', 'prometheus', 'alertmanager', 'grafana'])
      expect(services[name], name).toBeDefined();
  });

  it('sets only configuration variables the service knows, and every variable a fleet needs', () => {
    for (const [name, service] of ours) {
      const env = service.environment as Record<string, string>;
      for (const key of Object.keys(env)) expect(CONFIG_KEYS, `${name}: ${key}`).toContain(key);
      expect(env.DATABASE_URL, name).toMatch(/^postgres:\/\//);
      expect(env.NODE_ENV, name).toBe('production');
      if (name !== 'migrate') expect(env.REDIS_URL, `${name} shares Redis`).toMatch(/^redis:\/\//);
    }
    for (const [name, service] of apis) {
      expect(service.environment.TRUST_PROXY, name).toBe('true');
      expect(Number(service.environment.SHUTDOWN_DRAIN_DELAY_MS), name).toBeGreaterThan(0);
      expect(service.expose, name).toEqual([service.environment.PORT]);
    }
  });

  it('takes every secret from the env file: each ${VAR} it uses is in deploy/.env.example, no secret is inlined', () => {
    const used = new Set([...text.matchAll(/\$\{(\w+)(?::?[-?][^}]*)?\}/g)].map((m) => m[1]));
    for (const name of used) expect(envExample, `${name} missing from deploy/.env.example`).toContain(name);
    const secretish = /PASSWORD|PRIVATE_KEY|SMTP_URL|SECRET/;
    for (const [name, service] of Object.entries(services)) {
      const env = (service.environment ?? {}) as Record<string, string>;
      for (const [key, value] of Object.entries(env)) if (secretish.test(key)) expect(value, `${name}: ${key}`).toMatch(/^\$\{\w+[^}]*\}$/);
      for (const value of Object.values(env))
        if (/:\/\/[^/]*:[^$/@]+@/.test(value)) throw new Error(`${name}: credentials inlined in ${value}`);
    }
    expect(read('.gitignore')).toMatch(/^\.env$/m);
  });

  it('starts in health-gated order: migrate after PostgreSQL is healthy, APIs and workers after migrate succeeded, HAProxy after healthy APIs', () => {
    for (const name of ['postgres', 'redis']) expect(services[name].healthcheck?.test, name).toBeDefined();
    expect(services.migrate.depends_on.postgres.condition).toBe('service_healthy');
    for (const [name, service] of ours.filter(([n]) => n !== 'migrate')) {
      expect(service.depends_on.migrate.condition, name).toBe('service_completed_successfully');
      expect(service.depends_on.postgres.condition, name).toBe('service_healthy');
      expect(service.depends_on.redis.condition, name).toBe('service_healthy');
      expect(service.healthcheck.test, name).toContain(`/app/${HEALTHCHECK_SCRIPT}`);
    }
    for (const [name] of apis) expect(services.haproxy.depends_on[name].condition).toBe('service_healthy');
  });

  it('the workers heartbeat file is where the worker writes it', () => {
    const worker = services.worker;
    const file = worker.healthcheck.test[worker.healthcheck.test.indexOf('--heartbeat') + 1];
    expect(file).toBe(path.posix.join(worker.environment.DATA_DIR, WORKER_HEARTBEAT_FILE));
  });

  it('runs read-only with DATA_DIR and /tmp writable', () => {
    for (const [name, service] of ours) {
      expect(service.read_only, name).toBe(true);
      expect(service.tmpfs, name).toContain('/tmp');
      const dataDir = service.environment.DATA_DIR;
      const writable = [...(service.volumes ?? []).map(mountTarget), ...(service.tmpfs ?? []).map((t: string) => t.split(':')[0])];
      expect(writable, `${name}: DATA_DIR on a volume or tmpfs`).toContain(dataDir);
    }
  });

  it('HAProxy balances exactly the API services on their port and health-checks a served readiness route; its config is valid', async () => {
    const cfg = read('deploy/haproxy/haproxy.cfg');
    const servers = [...cfg.matchAll(/^\s*server\s+(\S+)\s+([\w.-]+):(\d+)/gm)].map((m) => ({ name: m[1], host: m[2], port: m[3] }));
    expect(servers.map((s) => s.host)).toEqual(apis.map(([name]) => name));
    for (const s of servers) expect(s.port).toBe(services[s.host].environment.PORT);
    const check = /option httpchk GET (\S+)/.exec(cfg)![1];
    expect(check).toBe('/health/ready');
    expect(await answers200(check)).toBe(true);
    expect(cfg).toMatch(/bind :\d+ ssl crt \S+ alpn h2,http\/1\.1/);
    const mounts = services.haproxy.volumes as string[];
    const cfgMount = mounts.find((m) => m.includes('haproxy.cfg'))!;
    expect(existsSync(path.join(ROOT, 'deploy', cfgMount.split(':')[0]))).toBe(true);
    const pemPath = /ssl crt (\S+)/.exec(cfg)![1];
    expect(mounts.map(mountTarget)).toContain(pemPath);

    // haproxy -c with a throwaway certificate in place of the mounted one.
    const cert = path.join(workDir, 'test.pem');
    const pair = selfSignedCertificate(workDir, 'haproxy', 'localhost', 1);
    await writeFile(cert, pair.cert + pair.key);
    const local = path.join(workDir, 'haproxy.cfg');
    await writeFile(local, cfg.replace(pemPath, cert));
    expect(() => execFileSync('haproxy', ['-c', '-f', local], { stdio: 'pipe' })).not.toThrow();
  });

  it('mounts the monitoring files at the shared layout', () => {
    const mounts = (name: string) => (services[name].volumes as string[]).map((v) => v.split(':')[0]);
    expect(mounts('prometheus')).toEqual(expect.arrayContaining(['../monitoring/prometheus.yml', '../monitoring/rules']));
    expect(mounts('alertmanager')).toContain('../monitoring/alertmanager.yml');
    expect(mounts('grafana')).toEqual(expect.arrayContaining(['../monitoring/grafana/provisioning', '../monitoring/grafana/dashboards']));
  });
});

describe('deploy/k8s (kustomize)', () => {
  const dir = path.join(ROOT, 'deploy/k8s');
  const kustomization = parse(readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8')) as Doc;
  const files = kustomization.resources as string[];
  const docs: Doc[] = files
    .filter((f) => existsSync(path.join(dir, f)))
    .flatMap((f) => parseAllDocuments(readFileSync(path.join(dir, f), 'utf8')).map((d) => d.toJS() as Doc))
    .filter(Boolean);
  const ofKind = (kind: string) => docs.filter((d) => d.kind === kind);
  const byName = (kind: string, name: string) => ofKind(kind).find((d) => d.metadata.name === name);
  const podSpec = (d: Doc): Doc => (d.kind === 'CronJob' ? d.spec.jobTemplate.spec.template.spec : d.spec.template.spec);
  const podLabels = (d: Doc): Record<string, string> =>
    (d.kind === 'CronJob' ? d.spec.jobTemplate.spec.template : d.spec.template).metadata.labels;
  const workloads = docs.filter((d) => ['Deployment', 'Job', 'CronJob'].includes(d.kind));
  const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
    Object.entries(selector).every(([k, v]) => labels[k] === v);

  /** Every variable a container gets: its env entries and the keys of the ConfigMaps it loads. */
  function envOf(container: Doc): Map<string, string | { secret: string; key: string }> {
    const out = new Map<string, string | { secret: string; key: string }>();
    for (const from of container.envFrom ?? []) {
      const map = byName('ConfigMap', from.configMapRef.name);
      expect(map, `ConfigMap ${from.configMapRef.name}`).toBeDefined();
      for (const [k, v] of Object.entries(map!.data as Record<string, string>)) out.set(k, v);
    }
    for (const e of container.env ?? []) {
      const ref = e.valueFrom?.secretKeyRef;
      out.set(e.name, ref ? { secret: ref.name, key: ref.key } : e.value);
    }
    return out;
  }

  it('the kustomization lists files that exist and parse, and nothing else sits unlisted beside them', () => {
    for (const f of files) expect(existsSync(path.join(dir, f)), f).toBe(true);
    expect(docs.length).toBeGreaterThanOrEqual(files.length);
    const yamls = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    expect(yamls.filter((f) => f !== 'kustomization.yaml').sort()).toEqual([...files].sort());
    for (const w of workloads) for (const c of podSpec(w).containers) expect(c.image, w.metadata.name).toBe(kustomization.images[0].name);
  });

  it('has Deployments for api and worker, a migration Job, Service, Ingress with TLS, PDBs, HPAs and NetworkPolicies; no Secret inlined', () => {
    expect(byName('Deployment', 'catalytic-api')).toBeDefined();
    expect(byName('Deployment', 'catalytic-worker')).toBeDefined();
    expect(podSpec(byName('Job', 'catalytic-migrate')!).containers[0].args).toEqual(['migrate']);
    expect(ofKind('Secret')).toEqual([]);
    const ingress = ofKind('Ingress')[0];
    expect(ingress.spec.tls[0].secretName).toBeTruthy();
    expect(ofKind('NetworkPolicy').some((p) => p.spec.policyTypes.includes('Egress') && Object.keys(p.spec.podSelector).length === 0)).toBe(
      true,
    );
  });

  it('sets only configuration variables the service knows, secrets by reference, and every required one', () => {
    for (const w of workloads) {
      for (const container of podSpec(w).containers) {
        const env = envOf(container);
        for (const key of env.keys()) expect(CONFIG_KEYS, `${w.metadata.name}: ${key}`).toContain(key);
        for (const secret of ['DATABASE_URL', 'REDIS_URL', 'JWT_PRIVATE_KEY', 'SMTP_URL'])
          if (env.has(secret)) expect(typeof env.get(secret), `${w.metadata.name}: ${secret} from a Secret`).toBe('object');
        expect(env.has('DATABASE_URL'), `${w.metadata.name}: DATABASE_URL`).toBe(true);
        expect(env.get('NODE_ENV'), w.metadata.name).toBe('production');
        if (w.kind === 'Deployment') expect(env.has('REDIS_URL'), `${w.metadata.name}: REDIS_URL`).toBe(true);
      }
    }
  });

  it('probes the routes the API serves on the port it listens on; workers probe their heartbeat file', async () => {
    const api = byName('Deployment', 'catalytic-api')!;
    const container = podSpec(api).containers[0];
    const env = envOf(container);
    const port = container.ports.find((p: Doc) => p.name === 'http');
    expect(String(port.containerPort)).toBe(String(env.get('PORT') ?? DEFAULT_PORT));
    for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
      const get = container[probe]?.httpGet;
      expect(get, probe).toBeDefined();
      expect(get.port).toBe('http');
      expect(await answers200(get.path), `${probe} ${get.path}`).toBe(true);
    }
    expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
    expect(container.livenessProbe.httpGet.path).toBe('/health/live');

    const worker = podSpec(byName('Deployment', 'catalytic-worker')!).containers[0];
    const dataDir = envOf(worker).get('DATA_DIR') as string;
    for (const probe of ['livenessProbe', 'readinessProbe']) {
      const command = worker[probe]?.exec?.command as string[];
      expect(command, probe).toContain(`/app/${HEALTHCHECK_SCRIPT}`);
      expect(command[command.indexOf('--heartbeat') + 1]).toBe(path.posix.join(dataDir, WORKER_HEARTBEAT_FILE));
    }
  });

  it('requests resources, runs non-root on a read-only root with /tmp and DATA_DIR writable', () => {
    for (const w of workloads) {
      const spec = podSpec(w);
      expect(spec.securityContext.runAsNonRoot, w.metadata.name).toBe(true);
      for (const c of spec.containers) {
        expect(c.resources.requests.cpu, w.metadata.name).toBeTruthy();
        expect(c.resources.requests.memory, w.metadata.name).toBeTruthy();
        expect(c.securityContext.readOnlyRootFilesystem, w.metadata.name).toBe(true);
        const mounts = (c.volumeMounts as Doc[]).map((m) => m.mountPath);
        expect(mounts, w.metadata.name).toContain('/tmp');
      }
    }
  });

  it('Service, Ingress, PDBs, HPAs and NetworkPolicies point at what exists', () => {
    const api = byName('Deployment', 'catalytic-api')!;
    const service = byName('Service', 'catalytic-api')!;
    expect(matches(service.spec.selector, podLabels(api))).toBe(true);
    const ports = podSpec(api).containers[0].ports.map((p: Doc) => p.name);
    for (const p of service.spec.ports) expect(ports).toContain(p.targetPort);
    for (const rule of ofKind('Ingress')[0].spec.rules)
      for (const p of rule.http.paths) {
        const target = byName('Service', p.backend.service.name);
        expect(target, p.backend.service.name).toBeDefined();
        expect(target!.spec.ports.map((x: Doc) => x.name)).toContain(p.backend.service.port.name);
      }
    const deployments = ofKind('Deployment');
    for (const pdb of ofKind('PodDisruptionBudget'))
      expect(
        deployments.some((d) => matches(pdb.spec.selector.matchLabels, podLabels(d))),
        pdb.metadata.name,
      ).toBe(true);
    for (const hpa of ofKind('HorizontalPodAutoscaler')) {
      const target = byName('Deployment', hpa.spec.scaleTargetRef.name);
      expect(target, hpa.metadata.name).toBeDefined();
      expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    }
    for (const policy of ofKind('NetworkPolicy')) {
      const selector = policy.spec.podSelector.matchLabels ?? {};
      expect(
        workloads.some((w) => matches(selector, podLabels(w))),
        policy.metadata.name,
      ).toBe(true);
    }
  });
});
