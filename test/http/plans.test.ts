import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

// API.md's default plans; -1 means unlimited.
const DEFAULT_PLANS = [
  {
    code: 'free',
    name: 'Free',
    limits: {
      lattices: 5,
      max_dimensions: 4,
      max_size: 1000,
      max_materialized_vertices: 1_000_000,
      requests_per_minute: 120,
      compute_per_minute: 10,
      monthly_operations: 1000,
      gpu_allowed: false,
    },
  },
  {
    code: 'starter',
    name: 'Starter',
    limits: {
      lattices: 50,
      max_dimensions: 6,
      max_size: 10_000,
      max_materialized_vertices: 10_000_000,
      requests_per_minute: 600,
      compute_per_minute: 60,
      monthly_operations: 10_000,
      gpu_allowed: false,
    },
  },
  {
    code: 'pro',
    name: 'Pro',
    limits: {
      lattices: 500,
      max_dimensions: 10,
      max_size: 100_000,
      max_materialized_vertices: 100_000_000,
      requests_per_minute: 3000,
      compute_per_minute: 300,
      monthly_operations: 100_000,
      gpu_allowed: true,
    },
  },
  {
    code: 'enterprise',
    name: 'Enterprise',
    limits: {
      lattices: -1,
      max_dimensions: 10,
      max_size: -1,
      max_materialized_vertices: 1_000_000_000,
      requests_per_minute: 10_000,
      compute_per_minute: 1000,
      monthly_operations: -1,
      gpu_allowed: true,
    },
  },
];

describe('GET /plans', () => {
  it.each(['/api/v1/plans', '/api/plans'])('lists the default plans without authentication at %s', async (url) => {
    const res = await t.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.json()).toEqual(DEFAULT_PLANS);
  });

  it('ignores credentials, even bad ones: the route is public', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/plans', headers: { authorization: 'Bearer garbage' } });
    expect(res.statusCode).toBe(200);
  });
});

describe('OpenAPI document of the tenant area', () => {
  it('documents every route with a summary, an example, its errors and the paging headers', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const expected: [string, string, string[]][] = [
      ['/api/v1/plans', 'get', ['200']],
      ['/api/v1/tenants/current', 'get', ['200', '401', '403']],
      ['/api/v1/tenants/current', 'patch', ['200', '401', '403', '422']],
      ['/api/v1/tenants/subscription', 'put', ['200', '401', '403', '422']],
      ['/api/v1/tenants/users', 'get', ['200', '401', '403', '422']],
      ['/api/v1/tenants/users', 'post', ['201', '401', '403', '409', '422']],
      ['/api/v1/tenants/users/{id}', 'patch', ['200', '401', '403', '404', '409', '422']],
      ['/api/v1/tenants/users/{id}', 'delete', ['204', '401', '403', '404', '409']],
      ['/api/v1/tenants/api-keys', 'get', ['200', '401', '403']],
      ['/api/v1/tenants/api-keys', 'post', ['201', '401', '403', '422']],
      ['/api/v1/tenants/api-keys/{id}', 'delete', ['204', '401', '403', '404']],
      ['/api/v1/audit-logs', 'get', ['200', '401', '403', '422']],
    ];
    for (const [path, method, statuses] of expected) {
      const op = doc.paths[path]?.[method];
      expect(op, `${method} ${path}`).toBeDefined();
      expect(op.summary).toBeTruthy();
      expect(op.tags.length).toBeGreaterThan(0);
      for (const s of statuses) expect(op.responses[s], `${method} ${path} ${s}`).toBeDefined();
      const success = op.responses[statuses[0]];
      if (statuses[0] !== '204') expect(JSON.stringify(success.content), `${method} ${path} example`).toContain('example');
      if (op.requestBody) expect(JSON.stringify(op.requestBody), `${method} ${path} body example`).toContain('example');
      if (path !== '/api/v1/plans') expect(op.security).toEqual([{ bearerAuth: [] }, { apiKeyAuth: [] }]);
    }
    for (const path of ['/api/v1/tenants/users', '/api/v1/tenants/api-keys', '/api/v1/audit-logs']) {
      expect(Object.keys(doc.paths[path].get.responses['200'].headers)).toEqual(['X-Total-Count', 'Link']);
    }
    // The unversioned twins serve the same routes but stay out of the document.
    expect(doc.paths['/api/tenants/current']).toBeUndefined();
  });
});
