/**
 * The shared security suite: every route the app registers is checked here,
 * table-driven. A route that needs a role must refuse missing and garbage
 * credentials (401) and every lower role (403); a route with a resource id in
 * its path must answer 404 for another tenant's resource. A route missing from
 * the tables below fails the suite: whoever adds a route declares here whether
 * it is public or which role it needs, and what kind of resource each path
 * parameter names.
 */
import { randomUUID } from 'node:crypto';
import type { RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Role, roleAtLeast } from '../../src/domain/auth/roles.js';
import { buildApp } from '../../src/http/app.js';
import { addMember, call, createApiKey, type Credentials, rawDatabase } from '../support/tenant-fixtures.js';
import { type Account, createTestApp, type TestApp } from '../support/test-app.js';

/** Kinds of resource a path parameter can name, with how to make one in a tenant (returns its id). */
const RESOURCES = {
  user: async (_t: TestApp, owner: Account) => owner.userId,
  api_key: async (t: TestApp, owner: Account) => (await createApiKey(t, owner.accessToken, ['read'])).id,
  tenant: async (_t: TestApp, owner: Account) => owner.tenantId,
  lattice: async (t: TestApp, owner: Account) =>
    (await call(t, 'POST', '/lattices', { token: owner.accessToken }, { name: 'theirs', dimensions: 2, size: 3 })).json().id,
  // Written directly: a queued job needs no worker to exist, and the probe must never run.
  job: async (t: TestApp, owner: Account) => {
    const db = await rawDatabase(t);
    try {
      const id = randomUUID();
      await db.query(`INSERT INTO jobs (id, tenant_id, kind, operation, actor_type) VALUES ($1, $2, 'isolation-probe', 'noop', 'system')`, [
        id,
        owner.tenantId,
      ]);
      return id;
    } finally {
      await db.end();
    }
  },
  // A public IP literal: registration resolves nothing, and no worker runs here to call it.
  webhook: async (t: TestApp, owner: Account) =>
    (await call(t, 'POST', '/webhooks', { token: owner.accessToken }, { url: 'https://93.184.215.14/hook', events: ['*'] })).json().id,
  // Written directly (with an endpoint of its own): a delivery exists only after the worker's fan-out.
  delivery: async (t: TestApp, owner: Account) => {
    const db = await rawDatabase(t);
    try {
      const [endpoint, id] = [randomUUID(), randomUUID()];
      await db.query(
        `INSERT INTO webhook_endpoints (id, tenant_id, url, events, secret_sealed, max_retries, retry_delay_seconds, status)
         VALUES ($1, $2, 'https://93.184.215.14/other', '{*}', 'v1.probe', 1, 1, 'paused')`,
        [endpoint, owner.tenantId],
      );
      await db.query(
        `INSERT INTO webhook_deliveries (id, tenant_id, endpoint_id, event_id, event_type, body, status) VALUES ($1, $2, $3, $4, 'webhook.test', '{}', 'dead')`,
        [id, owner.tenantId, endpoint, randomUUID()],
      );
      return id;
    } finally {
      await db.end();
    }
  },
} satisfies Record<string, (t: TestApp, owner: Account) => Promise<string>>;
type ResourceKind = keyof typeof RESOURCES;

interface Protected {
  /** The least role the route must demand. */
  role: Role;
  /** The resource kind of each path parameter. */
  params?: Record<string, ResourceKind>;
  /** A body that passes validation, so a request with a foreign id reaches the handler. */
  body?: Record<string, unknown>;
  /**
   * Platform administration: every tenant role (the owner too) and every API
   * key is refused with 403, and another tenant's id is the point, so only a
   * platform administrator's 404 for an unknown id is checked.
   */
  platformAdmin?: true;
}

// Keys are "METHOD path" with the /api/v1 or /api prefix removed.
const PROTECTED: Record<string, Protected> = {
  'POST /auth/logout': { role: 'viewer' },
  'GET /auth/me': { role: 'viewer' },
  'GET /tenants': { role: 'viewer' },
  'GET /tenants/current': { role: 'viewer' },
  'PATCH /tenants/current': { role: 'admin' },
  'PUT /tenants/subscription': { role: 'admin' },
  'GET /tenants/users': { role: 'viewer' },
  'POST /tenants/users': { role: 'admin' },
  'PATCH /tenants/users/:id': { role: 'admin', params: { id: 'user' }, body: { role: 'viewer' } },
  'DELETE /tenants/users/:id': { role: 'admin', params: { id: 'user' } },
  'GET /tenants/api-keys': { role: 'admin' },
  'POST /tenants/api-keys': { role: 'admin' },
  'DELETE /tenants/api-keys/:id': { role: 'admin', params: { id: 'api_key' } },
  'GET /audit-logs': { role: 'admin' },
  'POST /lattices': { role: 'member' },
  'GET /lattices': { role: 'viewer' },
  'GET /lattices/:id': { role: 'viewer', params: { id: 'lattice' } },
  'PATCH /lattices/:id': { role: 'member', params: { id: 'lattice' }, body: { name: 'renamed' } },
  'DELETE /lattices/:id': { role: 'member', params: { id: 'lattice' } },
  'GET /jobs': { role: 'viewer' },
  'GET /jobs/:id': { role: 'viewer', params: { id: 'job' } },
  'DELETE /jobs/:id': { role: 'member', params: { id: 'job' } },
  'GET /tenants/usage': { role: 'viewer' },
  'POST /lattices/path': { role: 'viewer' },
  'POST /lattices/:id/path': { role: 'viewer', params: { id: 'lattice' }, body: { start: [0, 0], end: [1, 1] } },
  'POST /lattices/:id/pathfind': { role: 'viewer', params: { id: 'lattice' }, body: { start: [0, 0], end: [1, 1] } },
  'POST /lattices/:id/distances': { role: 'viewer', params: { id: 'lattice' }, body: { sources: [[0, 0]] } },
  'POST /lattices/:id/neighbors': { role: 'viewer', params: { id: 'lattice' }, body: { vertex: [0, 0], radius: 1 } },
  'POST /lattices/:id/components': { role: 'viewer', params: { id: 'lattice' }, body: {} },
  'POST /lattices/:id/centrality': { role: 'viewer', params: { id: 'lattice' }, body: {} },
  'POST /lattices/:id/analyze': { role: 'viewer', params: { id: 'lattice' }, body: {} },
  'POST /lattices/:id/diffusion': { role: 'viewer', params: { id: 'lattice' }, body: { steps: 1 } },
  'POST /lattices/:id/random-walk': { role: 'viewer', params: { id: 'lattice' }, body: { walkers: 1, steps: 1 } },
  'POST /lattices/:id/partition': { role: 'viewer', params: { id: 'lattice' }, body: { parts: 2 } },
  'POST /lattices/:id/spectrum': { role: 'viewer', params: { id: 'lattice' }, body: {} },
  'POST /lattices/:id/transform': { role: 'member', params: { id: 'lattice' }, body: { transformation_type: 'normalize' } },
  'GET /lattices/:id/operations': { role: 'viewer', params: { id: 'lattice' } },
  'GET /lattices/:id/transformations': { role: 'viewer', params: { id: 'lattice' } },
  'GET /gpu/status': { role: 'viewer' },
  'GET /admin/tenants': { role: 'viewer', platformAdmin: true },
  'POST /admin/tenants/:id/suspend': { role: 'viewer', platformAdmin: true, params: { id: 'tenant' } },
  'POST /admin/tenants/:id/reactivate': { role: 'viewer', platformAdmin: true, params: { id: 'tenant' } },
  'PUT /admin/tenants/:id/plan': { role: 'viewer', platformAdmin: true, params: { id: 'tenant' }, body: { plan_code: 'starter' } },
  'POST /webhooks': { role: 'admin' },
  'GET /webhooks': { role: 'member' },
  'GET /webhooks/:id': { role: 'member', params: { id: 'webhook' } },
  'PATCH /webhooks/:id': { role: 'admin', params: { id: 'webhook' }, body: { active: false } },
  'DELETE /webhooks/:id': { role: 'admin', params: { id: 'webhook' } },
  'POST /webhooks/:id/test': { role: 'admin', params: { id: 'webhook' } },
  'POST /webhooks/:id/rotate-secret': { role: 'admin', params: { id: 'webhook' }, body: {} },
  'GET /webhooks/:id/deliveries': { role: 'member', params: { id: 'webhook' } },
  'POST /webhooks/:id/deliveries/:delivery_id/retry': { role: 'admin', params: { id: 'webhook', delivery_id: 'delivery' } },
};

const PUBLIC = new Set([
  'POST /auth/register',
  'POST /auth/login',
  'POST /auth/refresh',
  'POST /auth/verify',
  'POST /auth/verify-email',
  'POST /auth/password-reset',
  'POST /auth/password-reset/confirm',
  'POST /auth/accept-invitation',
  'GET /.well-known/jwks.json',
  'GET /plans',
  // Served only with TESTING_MODE=true, which this suite turns on so that they are checked too.
  'POST /testing/error',
  'GET /testing/slow',
]);

// Registered by the app factory itself before any area's routes: operations, docs and the web console
// (static files, and the mail-link pages that redirect to it), public by design.
const CORE_PUBLIC =
  /^(\/|\/metrics|\/health(\/[a-z]+)?|\/docs(\/.*)?|\/redoc(\/.*)?|\/openapi\.(json|yaml)|\/console(\/.*|\*)?|\/(accept-invitation|reset-password|verify-email)|\*)$/;

const LOWER_ROLES: Role[] = ['viewer', 'member', 'admin'];
const SCOPE_OF: Record<string, 'read' | 'write' | 'admin'> = { viewer: 'read', member: 'write', admin: 'admin' };

interface Route {
  method: string;
  url: string;
  key: string;
  minRole: Role | undefined;
  platformAdmin: boolean;
}

const normalize = (url: string): string => url.replace(/^\/api(\/v1)?(?=\/)/, '');
const paramNames = (url: string): string[] => [...url.matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1]);

/** Every (method, path) printRoutes shows, rebuilt from its tree drawing. */
function printedRoutes(tree: string): { method: string; url: string }[] {
  const out: { method: string; url: string }[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([│ ]*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/u.exec(line);
    if (!m) continue;
    const depth = m[1].length / 4;
    stack.length = depth;
    stack.push(m[2]);
    for (const method of (m[3] ?? '').split(', ').filter(Boolean)) out.push({ method, url: stack.join('') });
  }
  return out;
}

// The app is built at collection time, so each route becomes its own test case.
const t = await createTestApp({ env: { TESTING_MODE: 'true' } });
const collected: RouteOptions[] = [];
const collector = fp(async (app) => {
  app.addHook('onRoute', (route) => {
    collected.push(route);
  });
});
const deps = t.runtime.appDeps();
const app = await buildApp({ ...deps, rootRoutes: [collector, ...deps.rootRoutes] });
await app.ready();
const s: TestApp = { ...t, app };

const routes: Route[] = collected.flatMap((r) =>
  [r.method]
    .flat()
    .filter((m) => m !== 'HEAD')
    .map((method) => ({
      method,
      url: r.url,
      key: `${method} ${normalize(r.url)}`,
      minRole: r.config?.minRole,
      platformAdmin: r.config?.platformAdmin === true,
    })),
);
const guarded = routes.filter((r) => r.minRole !== undefined);
const label = (r: Route) => `${r.method} ${r.url}`;

let owner: Account;
let users: Record<string, Credentials[]>;
let foreign: Record<ResourceKind, string>;
let stranger: Account;
let strangerKey: { id: string; key: string };
let operator: Account;

beforeAll(async () => {
  // Enterprise: the operation routes' 404 checks would pass the free plan's 10 compute operations a minute.
  owner = await s.signup({ plan: 'enterprise' });
  users = {};
  for (const role of LOWER_ROLES) {
    const member = await addMember(s, owner, role as Exclude<Role, 'owner'>);
    const key = await createApiKey(s, owner.accessToken, [SCOPE_OF[role]]);
    users[role] = [{ token: member.accessToken }, { apiKey: key.key }];
  }
  operator = await s.signup();
  // What `catalytic admin grant EMAIL` does.
  await s.runtime.services.platformAdmin.grant(operator.email);
  stranger = await s.signup();
  strangerKey = await createApiKey(s, stranger.accessToken, ['admin']);
  foreign = Object.fromEntries(
    await Promise.all(Object.entries(RESOURCES).map(async ([kind, make]) => [kind, await make(s, stranger)])),
  ) as Record<ResourceKind, string>;
});

afterAll(async () => {
  await app.close();
  await t.close();
});

function concrete(route: Route, ids: (name: string) => string): string {
  return route.url.replace(/:([A-Za-z_]+)/g, (_m, name: string) => ids(name));
}

describe('route tables', () => {
  it('collects the routes of every area', () => {
    expect(guarded.length).toBeGreaterThan(0);
    expect(routes.some((r) => r.key === 'GET /plans')).toBe(true);
  });

  it('declare every route: public, or the role it needs and what its path parameters name', () => {
    const problems: string[] = [];
    for (const r of routes) {
      const entry = PROTECTED[r.key];
      if (r.minRole === undefined) {
        if (!PUBLIC.has(r.key)) problems.push(`${label(r)} is public but not listed in PUBLIC (or lacks requireRole)`);
        continue;
      }
      if (!entry) {
        problems.push(`${label(r)} needs ${r.minRole} but is not in PROTECTED`);
        continue;
      }
      if (entry.role !== r.minRole) problems.push(`${label(r)} demands ${r.minRole}, the table says ${entry.role}`);
      if ((entry.platformAdmin ?? false) !== r.platformAdmin) {
        problems.push(`${label(r)}: platformAdmin is ${r.platformAdmin} on the route, ${entry.platformAdmin ?? false} in the table`);
      }
      for (const name of paramNames(r.url)) {
        if (!entry.params?.[name]) problems.push(`${label(r)}: declare the resource kind of :${name}`);
      }
    }
    const keys = new Set(routes.map((r) => r.key));
    for (const key of [...Object.keys(PROTECTED), ...PUBLIC]) if (!keys.has(key)) problems.push(`${key} is in a table but not served`);
    expect(problems).toEqual([]);
  });

  it('miss no route the app serves', () => {
    const seen = new Set(collected.flatMap((r) => [r.method].flat().map((m) => `${m} ${r.url}`)));
    const unseen = printedRoutes(app.printRoutes({ commonPrefix: false }))
      .filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS' && !seen.has(`${r.method} ${r.url}`))
      .filter((r) => !CORE_PUBLIC.test(r.url));
    expect(unseen).toEqual([]);
  });
});

describe.each(guarded.map((r) => [label(r), r] as const))('%s', (_name, route) => {
  const url = concrete(route, () => randomUUID());

  it('refuses a request without credentials with 401', async () => {
    const res = await call(s, route.method as 'GET', url);
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses garbage credentials with 401', async () => {
    for (const creds of [
      { token: 'garbage' },
      { token: 'a.b.c' },
      { apiKey: 'clc_garbage' },
      { apiKey: `clc_abcdefgh_${'x'.repeat(43)}` },
    ]) {
      const res = await call(s, route.method as 'GET', url, creds);
      expect(res.statusCode, JSON.stringify(creds)).toBe(401);
    }
  });

  const lower = LOWER_ROLES.filter((role) => !roleAtLeast(role, route.minRole!));
  // A route open to viewers has no lower role to refuse.
  if (lower.length > 0)
    it(`refuses users and API keys below ${route.minRole} with 403`, async () => {
      for (const role of lower) {
        for (const creds of users[role]) {
          const res = await call(s, route.method as 'GET', url, creds);
          expect(res.statusCode, `${role} ${creds.token ? 'user' : 'API key'}`).toBe(403);
          expect(['forbidden', 'insufficient_scope']).toContain(res.json().code);
        }
      }
    });

  const entry = PROTECTED[route.key];
  if (route.platformAdmin) {
    it('refuses every tenant role, the owner included, and every API key with 403', async () => {
      for (const creds of [{ token: owner.accessToken }, { apiKey: strangerKey.key }, ...Object.values(users).flat()]) {
        const res = await call(s, route.method as 'GET', url, creds, entry?.body);
        expect(res.statusCode, JSON.stringify(creds)).toBe(403);
        expect(res.json().code).toBe('forbidden');
      }
    });
    if (paramNames(route.url).length > 0)
      it('answers 404 to a platform administrator for an unknown id', async () => {
        const res = await call(s, route.method as 'GET', url, { token: operator.accessToken }, entry?.body);
        expect(res.statusCode, res.body).toBe(404);
        expect(res.json().code).toBe('not_found');
      });
  } else if (paramNames(route.url).length > 0 && entry !== undefined)
    it("answers 404 for another tenant's resource and for an unknown id", async () => {
      const theirs = concrete(route, (name) => foreign[entry!.params![name]]);
      const res = await call(s, route.method as 'GET', theirs, { token: owner.accessToken }, entry?.body);
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json().code).toBe('not_found');
      const unknown = await call(s, route.method as 'GET', url, { token: owner.accessToken }, entry?.body);
      expect(unknown.statusCode, unknown.body).toBe(404);
    });
});

describe('after every cross-tenant attempt', () => {
  it("the other tenant's resources are untouched", async () => {
    expect((await call(s, 'GET', '/tenants/current', { token: stranger.accessToken })).statusCode).toBe(200);
    const keys = await call(s, 'GET', '/tenants/api-keys', { apiKey: strangerKey.key });
    expect(keys.statusCode).toBe(200);
    expect(keys.json().every((k: { revoked_at: string | null }) => k.revoked_at === null)).toBe(true);
    const members = (await call(s, 'GET', '/tenants/users', { token: stranger.accessToken })).json();
    expect(members).toEqual([expect.objectContaining({ id: stranger.userId, role: 'owner', status: 'active' })]);
    const lattice = await call(s, 'GET', `/lattices/${foreign.lattice}`, { token: stranger.accessToken });
    expect(lattice.json()).toMatchObject({ id: foreign.lattice, name: 'theirs' });
    const job = await call(s, 'GET', `/jobs/${foreign.job}`, { token: stranger.accessToken });
    expect(job.json()).toMatchObject({ id: foreign.job, status: 'queued' });
  });
});
