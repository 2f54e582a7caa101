/**
 * The HTTP bench's scenarios, as data. A group probes the API for the routes
 * it needs and prepares its fixtures; a group whose route answers 404 is
 * skipped with that reason instead of failing the run. Adding a scenario (a
 * lattice operation, say) is adding an entry here, with its peer and targets.
 */

export type ServerName = 'bare' | 'reference' | 'api';

export interface Target {
  /** Shown in the report: what is required. */
  label: string;
  metric: 'rps' | 'p99_ms' | 'errors' | 'rps_ratio_to_reference';
  op: '>=' | '<=' | '==';
  value: number;
}

export interface Scenario {
  name: string;
  title: string;
  server: ServerName;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: unknown;
  /** Status every response should have; anything else is counted as an error by the targets. */
  expectStatus: number;
  /** The scenario this one is judged against (its hand-written peer), by name. */
  reference?: string;
  targets: Target[];
  /** SQL run by the bench (superuser, on the bench database, $1 = tenant id) after the scenario, to leave the data as it found it. */
  resetSql?: string;
}

/** What the groups share: base URLs, credentials, and fixtures made by `prepare`. */
export interface BenchContext {
  urls: Record<ServerName, string>;
  /** The bench user's access token from POST /api/auth/register. */
  accessToken: string;
  /** The reference server's own EdDSA token for the same tenant and user. */
  referenceToken: string;
  tenantId: string;
  userId: string;
  apiKey?: string;
  /** One stored lattice row, for the reference server's INSERT (set by the lattice group). */
  latticeTemplate?: Record<string, unknown>;
}

export interface ApiResponse {
  status: number;
  json: unknown;
  text: string;
}

export type ApiCall = (method: string, path: string, opts?: { bearer?: string; apiKey?: string; body?: unknown }) => Promise<ApiResponse>;

export interface ScenarioGroup {
  name: string;
  /** Makes fixtures; returns why the group cannot run (a route answering 404), or null. Runs before the peers start. */
  prepare?: (ctx: BenchContext, api: ApiCall) => Promise<string | null>;
  scenarios: (ctx: BenchContext) => Scenario[];
}

const ZERO_ERRORS: Target = { label: 'zero errors', metric: 'errors', op: '==', value: 0 };
const READ_TARGETS: Target[] = [
  { label: '≥ 10 000 req/s', metric: 'rps', op: '>=', value: 10_000 },
  { label: 'p99 ≤ 50 ms', metric: 'p99_ms', op: '<=', value: 50 },
  ZERO_ERRORS,
];
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const json = { 'content-type': 'application/json' };

export const LATTICES_TO_LIST = 10;
const DELETE_CREATED = "DELETE FROM lattices WHERE tenant_id = $1 AND name = 'bench-create'";

export const GROUPS: ScenarioGroup[] = [
  {
    name: 'peers',
    scenarios: (ctx) => [
      {
        name: 'bare',
        title: 'bare Fastify route (floor)',
        server: 'bare',
        method: 'GET',
        path: '/bare',
        headers: {},
        expectStatus: 200,
        targets: [ZERO_ERRORS],
      },
      {
        name: 'reference',
        title: 'reference: jose jwtVerify + 1 PK SELECT',
        server: 'reference',
        method: 'GET',
        path: '/ref/tenant',
        headers: bearer(ctx.referenceToken),
        expectStatus: 200,
        targets: [ZERO_ERRORS],
      },
    ],
  },
  {
    name: 'bearer-read',
    scenarios: (ctx) => [
      {
        name: 'auth-me',
        title: 'GET /api/auth/me (Bearer)',
        server: 'api',
        method: 'GET',
        path: '/api/auth/me',
        headers: bearer(ctx.accessToken),
        expectStatus: 200,
        reference: 'reference',
        targets: READ_TARGETS,
      },
    ],
  },
  {
    name: 'api-key-read',
    async prepare(ctx, api) {
      const res = await api('POST', '/api/tenants/api-keys', { bearer: ctx.accessToken, body: { name: 'http-bench', scopes: ['read'] } });
      if (res.status === 404) return 'POST /api/tenants/api-keys answered 404: the route is not mounted in this build';
      if (res.status !== 201) throw new Error(`POST /api/tenants/api-keys answered ${res.status}: ${res.text}`);
      ctx.apiKey = (res.json as { key: string }).key;
      const probe = await api('GET', '/api/tenants/current', { apiKey: ctx.apiKey });
      if (probe.status === 404) return 'GET /api/tenants/current answered 404: the route is not mounted in this build';
      return null;
    },
    scenarios: (ctx) => [
      {
        name: 'tenant-current-api-key',
        title: 'GET /api/tenants/current (X-API-Key, read)',
        server: 'api',
        method: 'GET',
        path: '/api/tenants/current',
        headers: { 'x-api-key': ctx.apiKey! },
        expectStatus: 200,
        reference: 'reference',
        targets: READ_TARGETS,
      },
    ],
  },
  {
    name: 'lattices',
    async prepare(ctx, api) {
      const probe = await api('GET', '/api/lattices', { bearer: ctx.accessToken });
      if (probe.status === 404) return 'GET /api/lattices answered 404: the lattice routes are not mounted in this build';
      for (let i = 0; i < LATTICES_TO_LIST; i++) {
        const res = await api('POST', '/api/lattices', { bearer: ctx.accessToken, body: { shape: [100, 100], name: `bench-${i}` } });
        if (res.status !== 201) throw new Error(`POST /api/lattices answered ${res.status}: ${res.text}`);
      }
      return null;
    },
    scenarios: (ctx) => [
      {
        name: 'lattices-list-reference',
        title: 'reference: jwtVerify + the list SELECT',
        server: 'reference',
        method: 'GET',
        path: '/ref/lattices',
        headers: bearer(ctx.referenceToken),
        expectStatus: 200,
        targets: [ZERO_ERRORS],
      },
      {
        name: 'lattices-list',
        title: `GET /api/lattices (${LATTICES_TO_LIST} lattices)`,
        server: 'api',
        method: 'GET',
        path: '/api/lattices',
        headers: bearer(ctx.accessToken),
        expectStatus: 200,
        reference: 'lattices-list-reference',
        targets: [
          { label: '≥ 0.85 × reference req/s', metric: 'rps_ratio_to_reference', op: '>=', value: 0.85 },
          { label: 'p99 ≤ 50 ms', metric: 'p99_ms', op: '<=', value: 50 },
          ZERO_ERRORS,
        ],
      },
      // Creates run last, and their rows are deleted after each: the list counts the tenant's rows, and so does a create.
      {
        name: 'lattices-create-reference',
        title: 'reference: jwtVerify + the INSERT … RETURNING',
        server: 'reference',
        method: 'POST',
        path: '/ref/lattices',
        headers: { ...bearer(ctx.referenceToken), ...json },
        body: { shape: [100, 100], name: 'bench-create' },
        expectStatus: 201,
        targets: [ZERO_ERRORS],
        resetSql: DELETE_CREATED,
      },
      {
        name: 'lattices-create',
        title: 'POST /api/lattices',
        server: 'api',
        method: 'POST',
        path: '/api/lattices',
        headers: { ...bearer(ctx.accessToken), ...json },
        body: { shape: [100, 100], name: 'bench-create' },
        expectStatus: 201,
        reference: 'lattices-create-reference',
        targets: [{ label: '≥ 2 000 req/s', metric: 'rps', op: '>=', value: 2_000 }, ZERO_ERRORS],
        resetSql: DELETE_CREATED,
      },
    ],
  },
];
