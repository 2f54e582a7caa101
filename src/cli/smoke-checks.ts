import { randomBytes } from 'node:crypto';

/*
 * The checks of `catalytic smoke`: what a deployed instance must do for its
 * users, over HTTP only, in order. Each check gets what earlier ones learned
 * (the tenant's token, the lattice id) through one shared context.
 */

export interface CheckOutcome {
  name: string;
  passed: boolean;
  /** Skipped checks did not run because an earlier one they need failed. */
  skipped: boolean;
  ms: number;
  detail: string;
}

export interface LeftBehind {
  tenant_id: string;
  tenant_slug: string;
  email: string;
  why: string;
}

export interface SmokeResult {
  url: string;
  startedAt: string;
  seconds: number;
  passed: boolean;
  checks: CheckOutcome[];
  leftBehind: LeftBehind | null;
}

interface Context {
  base: URL;
  deadline: number;
  token?: string;
  latticeId?: string;
  latticeDeleted?: boolean;
  leftBehind?: LeftBehind;
}

interface Answer {
  status: number;
  type: string;
  text: string;
  json(): Record<string, unknown>;
}

/** A failed expectation; its message is the check's detail. */
class CheckFailed extends Error {}

function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new CheckFailed(message);
}

const PER_REQUEST_MS = 10_000;

async function call(ctx: Context, method: string, path: string, body?: unknown, auth = true): Promise<Answer> {
  const remaining = ctx.deadline - Date.now();
  expect(remaining > 0, 'no time left in the smoke budget');
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (auth && ctx.token) headers.authorization = `Bearer ${ctx.token}`;
  const res = await fetch(new URL(path, ctx.base), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    redirect: 'follow',
    signal: AbortSignal.timeout(Math.min(remaining, PER_REQUEST_MS)),
  });
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    text,
    json: () => JSON.parse(text) as Record<string, unknown>,
  };
}

function expectStatus(res: Answer, status: number, what: string): void {
  expect(res.status === status, `${what}: HTTP ${res.status} (expected ${status}) ${res.text.slice(0, 200)}`);
}

/** A password that meets the policy and shares nothing with the throwaway name or address. */
function throwawayPassword(): string {
  return `Qv7${randomBytes(12).toString('hex')}Zk`;
}

interface Check {
  name: string;
  /** Names of checks whose success this one needs. */
  needs: string[];
  run(ctx: Context): Promise<string>;
}

const CHECKS: Check[] = [
  {
    name: 'health',
    needs: [],
    async run(ctx) {
      const health = await call(ctx, 'GET', '/health', undefined, false);
      expectStatus(health, 200, 'GET /health');
      const body = health.json() as { status: string; checks: Record<string, string> };
      expect(body.status === 'healthy', `status ${body.status}: ${JSON.stringify(body.checks)}`);
      const ready = await call(ctx, 'GET', '/health/ready', undefined, false);
      expectStatus(ready, 200, 'GET /health/ready');
      return `healthy, ready; ${Object.entries(body.checks)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`;
    },
  },
  {
    name: 'docs',
    needs: [],
    async run(ctx) {
      const docs = await call(ctx, 'GET', '/docs', undefined, false);
      expectStatus(docs, 200, 'GET /docs');
      expect(docs.type.startsWith('text/html'), `GET /docs: ${docs.type}, not HTML`);
      const spec = await call(ctx, 'GET', '/openapi.json', undefined, false);
      expectStatus(spec, 200, 'GET /openapi.json');
      const doc = spec.json() as { openapi: string; paths: Record<string, unknown> };
      const paths = Object.keys(doc.paths ?? {}).length;
      expect(/^3\.1\./.test(doc.openapi) && paths > 0, `GET /openapi.json: openapi ${doc.openapi}, ${paths} paths`);
      return `Swagger UI served; OpenAPI ${doc.openapi} with ${paths} paths`;
    },
  },
  {
    name: 'metrics',
    needs: [],
    async run(ctx) {
      const metrics = await call(ctx, 'GET', '/metrics', undefined, false);
      expectStatus(metrics, 200, 'GET /metrics');
      const families = metrics.text.split('\n').filter((line) => line.startsWith('# TYPE ')).length;
      expect(families > 0, 'GET /metrics: no metric families in the answer');
      return `${families} metric families (Prometheus text)`;
    },
  },
  {
    name: 'sign-up',
    needs: [],
    async run(ctx) {
      const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
      const email = `catalytic-smoke-${stamp}-${randomBytes(4).toString('hex')}@example.com`;
      const res = await call(
        ctx,
        'POST',
        '/api/v1/auth/register',
        { email, password: throwawayPassword(), name: 'Smoke Check', company_name: `Smoke check ${stamp}` },
        false,
      );
      expectStatus(res, 201, 'POST /api/v1/auth/register');
      const body = res.json() as { access_token: string; tenant_id: string; tenant_slug: string };
      expect(typeof body.access_token === 'string', 'registration answered without an access token');
      ctx.token = body.access_token;
      ctx.leftBehind = {
        tenant_id: body.tenant_id,
        tenant_slug: body.tenant_slug,
        email,
        why: 'tenants cannot be deleted through the API yet; a platform-admin route will allow removing it',
      };
      return `throwaway tenant ${body.tenant_slug} (${email})`;
    },
  },
  {
    name: 'lattice create',
    needs: ['sign-up'],
    async run(ctx) {
      const res = await call(ctx, 'POST', '/api/v1/lattices', { name: 'smoke check', shape: [16, 16] });
      expectStatus(res, 201, 'POST /api/v1/lattices');
      const body = res.json() as { id: string; vertices: number };
      expect(body.vertices === 256, `a 16×16 lattice reported ${body.vertices} vertices`);
      ctx.latticeId = body.id;
      return `lattice ${body.id}, 256 vertices`;
    },
  },
  {
    name: 'path',
    needs: ['lattice create'],
    async run(ctx) {
      const res = await call(ctx, 'POST', `/api/v1/lattices/${ctx.latticeId}/path`, { start: [0, 0], end: [15, 15] });
      expectStatus(res, 200, 'POST /lattices/{id}/path');
      const body = res.json() as { hops: number; backend: string };
      expect(body.hops === 30, `corner to corner of 16×16 took ${body.hops} hops, not 30`);
      return `30 hops corner to corner (${body.backend})`;
    },
  },
  {
    name: 'job round trip',
    needs: ['lattice create'],
    async run(ctx) {
      const res = await call(ctx, 'POST', `/api/v1/lattices/${ctx.latticeId}/random-walk?async=true`, {
        walkers: 100,
        steps: 100,
        seed: 1,
      });
      expectStatus(res, 202, 'POST /lattices/{id}/random-walk?async=true');
      const { status_url: statusUrl } = res.json() as { status_url: string };
      for (;;) {
        const job = await call(ctx, 'GET', statusUrl);
        expectStatus(job, 200, `GET ${statusUrl}`);
        const body = job.json() as { status: string; error?: unknown };
        if (body.status === 'succeeded') return `job ${statusUrl.split('/').pop()} succeeded`;
        expect(body.status !== 'failed' && body.status !== 'cancelled', `job ${body.status}: ${JSON.stringify(body.error)}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
  },
  {
    name: 'delete',
    needs: ['lattice create'],
    async run(ctx) {
      const res = await call(ctx, 'DELETE', `/api/v1/lattices/${ctx.latticeId}`);
      expectStatus(res, 204, 'DELETE /lattices/{id}');
      ctx.latticeDeleted = true;
      const gone = await call(ctx, 'GET', `/api/v1/lattices/${ctx.latticeId}`);
      expectStatus(gone, 404, 'GET after DELETE');
      return 'deleted; GET answers 404';
    },
  },
  {
    name: 'logout revocation',
    needs: ['sign-up'],
    async run(ctx) {
      const out = await call(ctx, 'POST', '/api/v1/auth/logout');
      expectStatus(out, 200, 'POST /api/v1/auth/logout');
      const me = await call(ctx, 'GET', '/api/v1/auth/me');
      expectStatus(me, 401, 'GET /api/v1/auth/me after logout');
      const code = (me.json() as { code?: string }).code;
      expect(code === 'token_revoked', `after logout the token was refused with ${code}, not token_revoked`);
      return 'token refused at once (token_revoked)';
    },
  },
];

/** fetch reports a refused connection as "fetch failed" with the reason in `cause`. */
function describeError(err: Error): string {
  const cause = err.cause as { code?: string; message?: string } | undefined;
  return `${err.name}: ${err.message}${cause ? ` (${cause.code ?? cause.message})` : ''}`;
}

export const SMOKE_CHECK_NAMES = CHECKS.map((c) => c.name);

/** Runs every check once, in order, within `budgetMs`; a lattice left by a failed run is deleted before returning. */
export async function runSmokeChecks(url: string, budgetMs: number): Promise<SmokeResult> {
  const started = Date.now();
  const ctx: Context = { base: new URL(url), deadline: started + budgetMs };
  const outcomes: CheckOutcome[] = [];
  const passed = new Set<string>();
  for (const check of CHECKS) {
    const t0 = Date.now();
    const missing = check.needs.filter((n) => !passed.has(n));
    if (missing.length > 0) {
      outcomes.push({ name: check.name, passed: false, skipped: true, ms: 0, detail: `not run: needs ${missing.join(', ')}` });
      continue;
    }
    try {
      const detail = await check.run(ctx);
      passed.add(check.name);
      outcomes.push({ name: check.name, passed: true, skipped: false, ms: Date.now() - t0, detail });
    } catch (err) {
      const detail = err instanceof CheckFailed ? err.message : describeError(err as Error);
      outcomes.push({ name: check.name, passed: false, skipped: false, ms: Date.now() - t0, detail });
    }
  }
  if (ctx.latticeId && !ctx.latticeDeleted && ctx.token) {
    // Leave nothing but the tenant behind, even when a check in between failed.
    ctx.deadline = Math.max(ctx.deadline, Date.now() + 5_000);
    await call(ctx, 'DELETE', `/api/v1/lattices/${ctx.latticeId}`).catch(() => undefined);
  }
  return {
    url,
    startedAt: new Date(started).toISOString(),
    seconds: (Date.now() - started) / 1000,
    passed: outcomes.every((o) => o.passed),
    checks: outcomes,
    leftBehind: ctx.leftBehind ?? null,
  };
}
