/**
 * Fuzzes every documented route and method with requests generated from the
 * OpenAPI document's own schemas: valid values, values at and past each
 * schema's limits, and hostile ones (NUL, unpaired surrogates, 1e308, -0,
 * NaN as text, 1000-level nesting, long arrays, prototype keys, wrong types,
 * malformed JSON), as the owner, with an API key, and anonymously. No answer
 * may be a 5xx, and every answer must match what the document says of its
 * status. The seed is printed; FUZZ_SEED=<seed> replays a run, FUZZ_REQUESTS
 * sets the count (10 000 by default).
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../support/tenant-fixtures.js';
import { type Account, bearer, createTestApp, type TestApp } from '../support/test-app.js';
import { type DocOperation, OpenApiContract } from './openapi.js';
import { fuzzSeed, Random } from './random.js';
import { hostileValues, type Pools, ValueGenerator } from './values.js';

const SEED = fuzzSeed();
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000);
/** Requests in flight at once. */
const CONCURRENCY = 4;

/** The small lattices the fuzzed operations run on; a deleted one is made again. */
const LATTICES = [
  { name: 'Fuzz square', dimensions: 2, size: 6 },
  { name: 'Fuzz box', shape: [4, 5, 3] },
  { name: 'Fuzz ring', dimensions: 1, size: 16, boundary: 'periodic' },
  { name: 'Fuzz maze', shape: [8, 8], obstacles: { density: 0.2, seed: 3 } },
];

let t: TestApp;
let owner: Account;
let apiKey: string;
let contract: OpenApiContract;
const lattices: string[] = [];
const users: string[] = [];
const keys: string[] = [];
const jobs: string[] = [];
const webhooks: string[] = [];
/** Tenants the platform-admin routes act on: another tenant than the fuzzer's own, so a suspension or a plan change leaves its fixture alone. */
const otherTenants: string[] = [];
/** A webhook target: loopback is allowed in this app, and no worker runs here, so nothing is ever delivered to it. */
const HOOK_URL = 'http://127.0.0.1:9/fuzz-hook';

async function newLattice(i: number): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/lattices', headers: bearer(owner.accessToken), payload: LATTICES[i] });
  if (res.statusCode !== 201) throw new Error(`fixture lattice: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

beforeAll(async () => {
  t = await createTestApp({
    env: {
      // Operations on the fixture lattices stay cheap; bigger asks become jobs, which no worker here runs.
      SYNC_MAX_WORK: '200000',
      WEBHOOK_ALLOW_LOOPBACK: 'true',
      REGISTRATIONS_PER_IP_PER_HOUR: '1000000',
      // FUZZ_LOG_LEVEL=error shows the server's side of a failure (the stack of a 500).
      ...(process.env.FUZZ_LOG_LEVEL ? { LOG_LEVEL: process.env.FUZZ_LOG_LEVEL } : {}),
    },
  });
  // The fuzzer's tenant must not spend the run answering 429: the limits are raised in this app's own database.
  await t.runtime.db.systemQuery('UPDATE plans SET requests_per_minute = 1000000, compute_per_minute = 1000000');
  t.runtime.services.catalog.invalidate();
  owner = await t.signup({ plan: 'enterprise' });
  users.push(owner.userId);
  apiKey = (await createApiKey(t, owner.accessToken, ['read', 'write', 'admin'])).key;
  for (let i = 0; i < 3; i++) keys.push((await createApiKey(t, owner.accessToken, ['read'])).id);
  for (let i = 0; i < LATTICES.length; i++) lattices.push(await newLattice(i));
  const invited = await t.app.inject({
    method: 'POST',
    url: '/api/v1/tenants/users',
    headers: bearer(owner.accessToken),
    payload: { email: `fuzz-member-${SEED}@example.com`, role: 'member' },
  });
  users.push(invited.json().id);
  for (const op of ['path', 'random-walk']) {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/lattices/${lattices[0]}/${op}?async=true`,
      headers: bearer(owner.accessToken),
      payload: op === 'path' ? { start: [0, 0], end: [5, 5] } : { walkers: 4, steps: 10, seed: 1 },
    });
    if (res.statusCode !== 202) throw new Error(`fixture job: ${res.statusCode} ${res.body}`);
    jobs.push(res.json().job_id);
  }
  for (const events of [['*'], ['lattice.*', 'job.*'], ['webhook.test']]) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: bearer(owner.accessToken),
      payload: { url: HOOK_URL, events },
    });
    if (res.statusCode !== 201) throw new Error(`fixture webhook: ${res.statusCode} ${res.body}`);
    webhooks.push(res.json().id);
  }
  // The owner administers the platform (what `catalytic admin grant` does), over another tenant.
  await t.runtime.services.platformAdmin.grant(owner.email);
  otherTenants.push((await t.signup({ plan: 'free' })).tenantId);
  contract = new OpenApiContract(t.app.swagger() as never);
}, 120_000);
afterAll(async () => t?.close());

/** The sides of each fixture lattice. */
const SHAPES = [[6, 6], [4, 5, 3], [16], [8, 8]];

/** Known good values of fields the generator recognises by name; coordinates that fit `shape` when a request names a lattice. */
function pools(shape?: number[]): Pools {
  const sides = shape ?? SHAPES[0];
  const corner = sides.map(() => 0);
  const far = sides.map((n) => n - 1);
  const middle = sides.map((n) => Math.floor(n / 2));
  return {
    lattice_id: lattices,
    actor_id: users,
    start: [corner, middle, far],
    end: [far, middle, corner],
    vertex: [middle, corner, far],
    sources: [[corner], [corner, far], [middle]],
    name: ['Fuzz lattice', 'Heat sink 3D', 'Torus (v2) #1'],
    email: [`fuzz-${SEED}@example.com`, 'nobody@example.com'],
    role: ['viewer', 'member', 'admin'],
    url: [HOOK_URL],
    events: [['*'], ['lattice.*'], ['job.completed', 'job.failed']],
    plan_code: ['free', 'starter', 'pro'],
  };
}

/** The ids a path parameter of `path` names. */
function pathIds(path: string): readonly string[] {
  if (path.includes('/webhooks/')) return webhooks;
  if (path.includes('/admin/tenants/')) return otherTenants;
  if (path.includes('/lattices/')) return lattices;
  if (path.includes('/tenants/users/')) return users;
  if (path.includes('/tenants/api-keys/')) return keys;
  if (path.includes('/jobs/')) return jobs;
  return [];
}

/** Percent-encodes text for a URL; an unpaired surrogate has no UTF-8 form, so its bytes go as Buffer writes them. */
function encodePart(value: unknown): string {
  const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : JSON.stringify(value);
  try {
    return encodeURIComponent(text);
  } catch {
    return [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  }
}

type Auth = 'owner' | 'api-key' | 'none' | 'garbage-bearer' | 'garbage-key' | 'malformed-header';

interface FuzzRequest {
  op: DocOperation;
  method: string;
  url: string;
  auth: Auth;
  headers: Record<string, string>;
  payload?: string;
}

const RAW_BODIES = [
  '',
  '{',
  '{"a":',
  'null',
  '"text"',
  '[]',
  '1e999',
  '-0',
  '{"dimensions":2,"size":1e999}',
  '{"dimensions":2,"size":-0,"name":"\\u0000"}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"a":"\\ud800"}',
  `{"metadata":${'['.repeat(1000)}${']'.repeat(1000)}}`,
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  '{"a":1,"a":2}',
  '\ufeff{}',
];

function buildRequest(rng: Random, gen: ValueGenerator, op: DocOperation): FuzzRequest {
  const mode = rng.weighted([
    [35, 'valid'],
    [35, 'mutated'],
    [12, 'params'],
    [10, 'raw'],
    [8, 'anonymous'],
  ] as const);

  let path = op.path;
  const query: string[] = [];
  gen.pools = pools();
  for (const p of op.params) {
    let value: unknown;
    if (p.in === 'path') {
      const ids = pathIds(op.path);
      value = ids.length > 0 && rng.chance(0.85) ? rng.pick(ids) : rng.uuid();
      const lattice = lattices.indexOf(value as string);
      if (lattice >= 0) gen.pools = pools(SHAPES[lattice]);
      if (mode === 'params' && rng.chance(0.5)) value = rng.pick([gen.hostile(), gen.boundary(p.schema, p.name), '', 'not-a-uuid']);
      path = path.replace(`{${p.name}}`, encodePart(value) || '%20');
      continue;
    }
    if (!p.required && rng.chance(0.5) && mode !== 'params') continue;
    value = gen.valid(p.schema, p.name);
    if (mode === 'params' && rng.chance(0.5)) {
      value = rng.pick([gen.hostile(), gen.boundary(p.schema, p.name), gen.wrongType(p.schema), gen.badText(value)]);
    }
    const values = Array.isArray(value) && rng.chance(0.5) ? value : [value];
    for (const v of values.slice(0, 50)) query.push(`${encodeURIComponent(p.name)}=${encodePart(v)}`);
  }
  if (rng.chance(0.05)) query.push(`${encodePart(rng.pick(['x', '__proto__', 'name[]', 'a\u0000']))}=${encodePart(gen.hostile())}`);

  const prefix = path.startsWith('/api/v1/') && rng.chance(0.15) ? '/api' : '/api/v1';
  const url = (path.startsWith('/api/v1/') ? prefix + path.slice('/api/v1'.length) : path) + (query.length ? `?${query.join('&')}` : '');

  const headers: Record<string, string> = {};
  let payload: string | undefined;
  if (op.body) {
    headers['content-type'] = 'application/json';
    let body: unknown = op.bodyExamples.length > 0 && rng.chance(0.25) ? structuredClone(rng.pick(op.bodyExamples)) : gen.valid(op.body);
    if (mode === 'mutated') body = gen.mutate(body, op.body);
    payload = JSON.stringify(body);
  } else if (mode === 'raw' && rng.chance(0.3)) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(rng.pick(hostileValues(rng)));
  }
  if (mode === 'raw' && op.method !== 'GET') {
    payload = rng.pick(RAW_BODIES);
    headers['content-type'] = rng.pick([
      'application/json',
      'application/json; charset=utf-8',
      'application/json; charset=utf-16',
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/xml',
      'application/json; x=\u0001',
    ]);
    if (rng.chance(0.1)) delete headers['content-type'];
  }
  if (op.path.endsWith('/distances') && rng.chance(0.3)) headers.accept = 'application/octet-stream';
  if (rng.chance(0.03)) headers.accept = rng.pick(['text/html', '*/*', 'application/problem+json', 'image/png;q=0.1']);

  const auth: Auth =
    mode === 'anonymous'
      ? 'none'
      : op.authenticated
        ? rng.weighted([
            [50, 'owner'],
            [38, 'api-key'],
            [4, 'none'],
            [3, 'garbage-bearer'],
            [3, 'garbage-key'],
            [2, 'malformed-header'],
          ] as const)
        : rng.weighted([
            [85, 'none'],
            [15, 'owner'],
          ] as const);
  return { op, method: op.method, url, auth, headers, payload };
}

function credentialHeaders(auth: Auth, rng: Random): Record<string, string> {
  switch (auth) {
    case 'owner':
      return bearer(owner.accessToken);
    case 'api-key':
      return { 'x-api-key': apiKey };
    case 'garbage-bearer':
      return bearer(rng.pick(['x', 'a.b.c', `${owner.accessToken.slice(0, -4)}AAAA`, 'eyJhbGciOiJub25lIn0.e30.']));
    case 'garbage-key':
      return { 'x-api-key': rng.pick(['ck_live_x', apiKey.slice(0, -2), 'a'.repeat(300)]) };
    case 'malformed-header':
      return { authorization: rng.pick(['Basic YTpi', 'Bearer', 'Bearer a b', 'bearer\t']) };
    default:
      return {};
  }
}

/** Puts the fixture back after a request that took part of it away: a deleted lattice, a logged-out owner. */
async function repair(req: FuzzRequest, res: LightMyRequestResponse): Promise<void> {
  const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(owner.accessToken) });
  if (me.statusCode === 401) {
    // From an address of its own: the fuzzed logins have used up the failures allowed to the fuzzer's address.
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: '192.0.2.7',
      payload: { email: owner.email, password: owner.password },
    });
    if (login.statusCode !== 200) throw new Error(`owner login: ${login.statusCode} ${login.body}`);
    owner = { ...owner, accessToken: login.json().access_token, refreshToken: login.json().refresh_token };
  }
  if (req.op.path.endsWith('/tenants/subscription') && res.statusCode === 200) {
    // A smaller plan would refuse the fixture's lattices: back to the plan the fixture was made on.
    const back = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/tenants/subscription',
      headers: bearer(owner.accessToken),
      payload: { plan_code: 'enterprise' },
    });
    if (back.statusCode !== 200) throw new Error(`owner plan: ${back.statusCode} ${back.body}`);
  }
  if (req.method === 'DELETE' && req.op.path === '/api/v1/lattices/{id}' && res.statusCode === 204) {
    const gone = lattices.findIndex((id) => req.url.includes(id));
    if (gone >= 0) lattices[gone] = await newLattice(gone);
  }
}

/** The operations that can take part of the fixture away. */
const DESTRUCTIVE = /logout|\/tenants\/users|\/lattices\/\{id\}$|subscription/;

describe('OpenAPI-driven fuzzing', () => {
  it(`answers ${REQUESTS} generated requests without a 5xx, each as the document says (seed ${SEED})`, async () => {
    console.log(`fuzz seed ${SEED} (replay with FUZZ_SEED=${SEED}), ${REQUESTS} requests`);
    const rng = new Random(SEED);
    const gen = new ValueGenerator(rng, contract.resolve, pools());
    const operations = contract.operations;
    expect(operations.length).toBeGreaterThan(40);
    const failures: string[] = [];
    const seen = new Map<string, { total: number; statuses: Map<number, number> }>();
    const started = Date.now();

    for (let first = 0; first < REQUESTS; first += CONCURRENCY) {
      // Built in order from the seed, then sent together: the database's work overlaps, the requests stay the same.
      const batch = Array.from({ length: Math.min(CONCURRENCY, REQUESTS - first) }, (_, j) => {
        const op = operations[(first + j) % operations.length];
        const req = buildRequest(rng, gen, op);
        return { i: first + j, req, headers: { ...req.headers, ...credentialHeaders(req.auth, rng) } };
      });
      const answers = await Promise.all(
        batch.map(({ req, headers }) =>
          t.app.inject({
            method: req.method as 'GET',
            url: req.url,
            headers,
            ...(req.payload === undefined ? {} : { payload: req.payload }),
          }),
        ),
      );
      for (const [j, { i, req }] of batch.entries()) {
        const res = answers[j];
        const op = req.op;
        const key = `${op.method} ${op.path}`;
        const stats = seen.get(key) ?? { total: 0, statuses: new Map() };
        stats.total++;
        stats.statuses.set(res.statusCode, (stats.statuses.get(res.statusCode) ?? 0) + 1);
        seen.set(key, stats);
        const contentType = String(res.headers['content-type'] ?? '');
        const problem = res.statusCode >= 500 ? `status ${res.statusCode}` : contract.mismatch(op, res.statusCode, contentType, res.body);
        if (problem && failures.length < 200) {
          failures.push(
            `#${i} ${req.method} ${req.url.slice(0, 200)} auth=${req.auth} ${JSON.stringify(req.headers)} body=${(req.payload ?? '').slice(0, 200)}\n  → ${problem}\n  ${res.body.slice(0, 300)}`,
          );
        }
        if (DESTRUCTIVE.test(op.path) && op.method !== 'GET') await repair(req, res);
      }
    }

    const seconds = (Date.now() - started) / 1000;
    const summary = [...seen].map(([k, s]) => `${k}: ${[...s.statuses].map(([c, n]) => `${c}×${n}`).join(' ')}`);
    console.log(`fuzz: ${REQUESTS} requests in ${seconds.toFixed(1)} s (seed ${SEED})\n${summary.join('\n')}`);
    if (failures.length > 0) console.log(`fuzz failures (seed ${SEED}):\n${failures.slice(0, 40).join('\n')}`);
    expect(failures, `seed ${SEED}: ${failures.length} failures`).toEqual([]);

    // The fuzzer reached every documented operation, and got past validation on most: it tested handlers, not only the schema.
    expect(seen.size).toBe(operations.length);
    const answered = [...seen.values()].filter((s) => [...s.statuses.keys()].some((c) => c < 300)).length;
    expect(answered / operations.length).toBeGreaterThan(0.8);
    const refused = [...seen.values()].filter((s) => s.statuses.has(422)).length;
    expect(refused / operations.length).toBeGreaterThan(0.5);
  }, 600_000);
});
