/**
 * Console bench: the size of the web console's JavaScript (what a browser
 * downloads, gzip and brotli) and the time to first render of the lattice page
 * in headless Chromium against `catalytic api` in a child process.
 *
 *   node --import tsx bench/console/run.ts [--runs 10] [--warmup 2]
 *        [--pg-url postgres://postgres@127.0.0.1:5432/postgres] [--out bench/results/console.json]
 *
 * First render: from the start of navigation to /console/lattices/{id} to the
 * moment the lattice map is first drawn (the page's `lattice-map-drawn`
 * performance mark). It includes loading the app, trading the refresh token
 * for an access token, /auth/me, the lattice and drawing its obstacle map.
 * "cold": a new browser context each run (empty cache); "warm": a reload in
 * the same context (assets from the cache). The run makes and drops its own
 * database. Targets (issue 13): ≤ 150 KB of gzipped JavaScript, first render ≤ 1 s.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import pg from 'pg';
import { chromium, type BrowserContext } from 'playwright-core';
import { buildConsole } from '../../scripts/build-console.js';
import { migrateUp } from '../../src/platform/migrations.js';
import { apiChildEnv, freePort, startChild, stopChild, waitForHttp, type Child } from '../http/processes.js';
import { CHROMIUM, CHROMIUM_FLAGS } from '../../test/e2e/console/chromium.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TARGET_JS_GZIP_BYTES = 150 * 1024;
const TARGET_FIRST_RENDER_MS = 1000;
const REFRESH_KEY = 'catalytic.refresh_token';
// The lattice a newcomer makes first: the create form's defaults.
const LATTICE = { name: 'bench maze', shape: [64, 64], obstacles: { density: 0.25, seed: 7 } };

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    out: { type: 'string', default: path.join(ROOT, 'bench/results/console.json') },
  },
});
const RUNS = Number(args.runs);
const WARMUP = Number(args.warmup);

const log = (m: string) => process.stderr.write(`${m}\n`);
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const stats = (xs: number[]) => ({
  median: round(quantile(xs, 0.5)),
  p90: round(quantile(xs, 0.9)),
  min: round(Math.min(...xs)),
  max: round(Math.max(...xs)),
  runs: xs.map((x) => round(x)),
});

const phases = (ts: Timings[]) => ({
  entry_script: round(
    quantile(
      ts.map((t) => t.script),
      0.5,
    ),
  ),
  token_refreshed: round(
    quantile(
      ts.map((t) => t.refresh),
      0.5,
    ),
  ),
  lattice_fetched: round(
    quantile(
      ts.map((t) => t.lattice),
      0.5,
    ),
  ),
  map_drawn: round(
    quantile(
      ts.map((t) => t.drawn),
      0.5,
    ),
  ),
});

const cleanups: (() => Promise<void>)[] = [];
async function cleanup(): Promise<void> {
  for (const fn of cleanups.reverse()) await fn().catch((err: Error) => log(`cleanup: ${err.message}`));
  cleanups.length = 0;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanup().finally(() => process.exit(130)));

/** Every file the build wrote under assets/, with its plain, gzip and brotli sizes (as the server sends them). */
async function measureBundle(dist: string) {
  const dir = path.join(dist, 'assets');
  const files: { file: string; bytes: number; gzip_bytes: number; brotli_bytes: number }[] = [];
  for (const name of (await readdir(dir)).sort()) {
    if (!/\.(js|css)$/.test(name)) continue;
    const bytes = await readFile(path.join(dir, name));
    files.push({
      file: name,
      bytes: bytes.length,
      gzip_bytes: gzipSync(bytes, { level: 9 }).length,
      brotli_bytes: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  const index = await readFile(path.join(dist, 'index.html'), 'utf8');
  const js = files.filter((f) => f.file.endsWith('.js'));
  const sum = (fs: typeof files, k: 'bytes' | 'gzip_bytes' | 'brotli_bytes') => fs.reduce((a, f) => a + f[k], 0);
  const entry = js.filter((f) => index.includes(f.file));
  return {
    files,
    js_bytes: sum(js, 'bytes'),
    js_gzip_bytes: sum(js, 'gzip_bytes'),
    js_brotli_bytes: sum(js, 'brotli_bytes'),
    entry_js_gzip_bytes: sum(entry, 'gzip_bytes'),
    css_gzip_bytes: sum(
      files.filter((f) => f.file.endsWith('.css')),
      'gzip_bytes',
    ),
  };
}

interface Timings {
  /** The map drawn: the first render. */
  drawn: number;
  /** The app's entry script downloaded. */
  script: number;
  /** The refresh token traded for an access token. */
  refresh: number;
  /** The lattice's definition fetched. */
  lattice: number;
}

/** Loads the lattice page; ms from navigation start to each step, ending with the first drawn map. */
async function firstRender(context: BrowserContext, url: string, reload: boolean): Promise<Timings> {
  const page = context.pages()[0] ?? (await context.newPage());
  if (reload) await page.reload();
  else await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('lattice-map-drawn').length > 0, null, { timeout: 30_000 });
  // A string, not a function: tsx wraps named functions in __name(), which the page does not define.
  return page.evaluate(TIMINGS_IN_PAGE) as Promise<Timings>;
}

const TIMINGS_IN_PAGE = `(() => {
  const resources = performance.getEntriesByType('resource');
  const end = (re) => Math.max(0, ...resources.filter((e) => re.test(new URL(e.name).pathname)).map((e) => e.responseEnd));
  return {
    drawn: performance.getEntriesByName('lattice-map-drawn')[0].startTime,
    script: end(/^\\/console\\/assets\\/index-[^/]+\\.js$/),
    refresh: end(/\\/auth\\/refresh$/),
    lattice: end(/\\/lattices\\/[0-9a-f-]{36}$/),
  };
})()`;

async function main(): Promise<void> {
  const started = performance.now();
  const dist = await mkdtemp(path.join(os.tmpdir(), 'bench-console-'));
  cleanups.push(() => rm(dist, { recursive: true, force: true }));
  await buildConsole(dist);
  const buildMs = performance.now() - started;
  const bundle = await measureBundle(dist);
  log(
    `bundle: ${bundle.js_gzip_bytes} B of gzipped JavaScript (${bundle.entry_js_gzip_bytes} B loaded first), built in ${round(buildMs, 0)} ms`,
  );

  const admin = new pg.Client({ connectionString: args['pg-url'] });
  await admin.connect();
  cleanups.push(() => admin.end());
  const databaseName = `bench_console_${Date.now()}_${process.pid}`;
  await admin.query(`CREATE DATABASE ${databaseName}`);
  cleanups.push(async () => void (await admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`)));
  const url = new URL(args['pg-url']);
  url.pathname = `/${databaseName}`;
  await migrateUp(url.href);

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-console-data-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const port = await freePort();
  const env = apiChildEnv({ PORT: String(port), DATABASE_URL: url.href, DATA_DIR: dataDir, CONSOLE_DIR: dist });
  const api: Child = startChild('api', ['bin/catalytic.mjs', 'api'], env, ROOT);
  cleanups.push(async () => void (await stopChild(api, 10_000)));
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(api, `${base}/health/ready`, 120_000);

  const post = async (p: string, body: unknown, token?: string) => {
    const res = await fetch(`${base}${p}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (res.status >= 300) throw new Error(`POST ${p} answered ${res.status}: ${JSON.stringify(json)}`);
    return json;
  };
  const reg = await post('/api/v1/auth/register', {
    email: `bench-console-${Date.now()}@example.com`,
    password: 'Quartz-Meridian-7731',
    company_name: 'Console bench',
  });
  const lattice = await post('/api/v1/lattices', LATTICE, reg.access_token as string);
  const pageUrl = `${base}/console/lattices/${lattice.id}`;
  // Each page load spends the refresh token it finds and stores the next one: carried from run to run.
  let refresh = reg.refresh_token as string;

  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  cleanups.push(() => browser.close());
  const cold: Timings[] = [];
  const warm: Timings[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(([key, token]) => sessionStorage.getItem(key) ?? sessionStorage.setItem(key, token), [
      REFRESH_KEY,
      refresh,
    ] as const);
    const first = await firstRender(context, pageUrl, false);
    const again = await firstRender(context, pageUrl, true);
    refresh = await context.pages()[0].evaluate((key) => sessionStorage.getItem(key) ?? '', REFRESH_KEY);
    await context.close();
    if (i < WARMUP) continue;
    cold.push(first);
    warm.push(again);
    log(`run ${i - WARMUP + 1}: cold ${round(first.drawn)} ms, warm ${round(again.drawn)} ms`);
  }

  const cpus = os.cpus();
  const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  const dirty =
    execFileSync('git', ['status', '--porcelain', '--', 'console', 'src', 'package-lock.json'], { cwd: ROOT, encoding: 'utf8' }).trim() !==
    '';
  const report = {
    bench: 'console',
    date: new Date().toISOString(),
    commit: dirty ? `${commit}+uncommitted` : commit,
    machine: {
      cpu_model: cpus[0]?.model ?? 'unknown',
      cores: cpus.length,
      node: process.version,
      chromium: browser.version(),
      platform: `${os.platform()} ${os.arch()}`,
      loadavg: os.loadavg().map((x) => round(x, 2)),
    },
    method: `Bundle: every .js and .css file of a fresh build, gzip level 9 and brotli quality 11 (the precompressed files the server sends). First render: headless Chromium, ${WARMUP} warm-up and ${RUNS} measured page loads of /console/lattices/{id} (a ${LATTICE.shape.join('×')} lattice with obstacles), ms from navigation start to the lattice-map-drawn mark; cold = new browser context, warm = reload in the same context. The API runs as \`catalytic api\` (NODE_ENV=production) in a child process on loopback.`,
    targets: { js_gzip_bytes: TARGET_JS_GZIP_BYTES, first_render_ms: TARGET_FIRST_RENDER_MS },
    build_ms: round(buildMs, 0),
    bundle,
    first_render_ms: { cold: stats(cold.map((t) => t.drawn)), warm: stats(warm.map((t) => t.drawn)) },
    // Medians of when each step ended, ms from navigation start: where the first render's time goes.
    steps_ms_median: {
      cold: phases(cold),
      warm: phases(warm),
    },
    within_targets: {
      js_gzip_bytes: bundle.js_gzip_bytes <= TARGET_JS_GZIP_BYTES,
      first_render_ms:
        quantile(
          cold.map((t) => t.drawn),
          0.5,
        ) <= TARGET_FIRST_RENDER_MS,
    },
  };
  await mkdir(path.dirname(args.out), { recursive: true });
  await writeFile(args.out, `${JSON.stringify(report, null, 2)}\n`);
  log(
    `JavaScript ${round(bundle.js_gzip_bytes / 1024)} KB gzip (target ≤ 150); first render median ${report.first_render_ms.cold.median} ms cold, ${report.first_render_ms.warm.median} ms warm (target ≤ ${TARGET_FIRST_RENDER_MS}); wrote ${path.relative(ROOT, args.out)}`,
  );
}

try {
  await main();
} finally {
  await cleanup();
}
