import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExposition, type Sample } from '../support/prometheus-text.js';
import { bearer, createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { REGISTRATIONS_PER_IP_PER_HOUR: '100000' } });
});
afterAll(async () => {
  await t?.close();
});

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** Our series (not prom-client's process and Node defaults), by name and labels. */
async function ourSeries(): Promise<{ ids: Set<string>; samples: Sample[]; text: string }> {
  const text = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
  const samples = parseExposition(text).filter((s) => /^(catalytic_|http_)/.test(s.name));
  return { ids: new Set(samples.map((s) => `${s.name}${JSON.stringify(s.labels)}`)), samples, text };
}

/** One tenant's traffic: sign-up, a lattice of its own, reads of it and of ids that do not exist, a refused token. */
async function tenantTraffic(): Promise<{ tenantId: string; latticeId: string; email: string }> {
  const a = await t.signup();
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/lattices',
    headers: bearer(a.accessToken),
    payload: { name: `l-${a.tenantId.slice(0, 8)}`, shape: [4, 4] },
  });
  expect(created.statusCode).toBe(201);
  const latticeId = created.json().id as string;
  await t.app.inject({ method: 'GET', url: `/api/v1/lattices/${latticeId}`, headers: bearer(a.accessToken) });
  await t.app.inject({ method: 'GET', url: `/api/v1/lattices/${randomUUID()}`, headers: bearer(a.accessToken) });
  await t.app.inject({ method: 'GET', url: `/api/v1/lattices/${latticeId}` });
  await t.app.inject({ method: 'GET', url: `/api/v1/no-such/${randomUUID()}?tenant=${a.tenantId}` });
  return { tenantId: a.tenantId, latticeId, email: a.email };
}

describe('label cardinality', () => {
  it(
    'stays bounded under 1 000 distinct tenants and lattice ids: the same series after 10 tenants as after 1 000',
    { timeout: 600_000 },
    async () => {
      const seen: { tenantId: string; latticeId: string; email: string }[] = [];
      const batch = async (n: number) => {
        for (let i = 0; i < n; i += 20) seen.push(...(await Promise.all(Array.from({ length: Math.min(20, n - i) }, tenantTraffic))));
      };
      await batch(10);
      // The first scrape adds the series of the /metrics route itself.
      await ourSeries();
      const early = await ourSeries();
      await batch(990);
      const late = await ourSeries();

      expect(new Set(seen.map((s) => s.tenantId)).size).toBe(1000);
      expect(new Set(seen.map((s) => s.latticeId)).size).toBe(1000);
      // Not one series more: every label value comes from a closed set, none from the traffic.
      expect([...late.ids].filter((id) => !early.ids.has(id))).toEqual([]);
      expect(late.ids.size).toBeLessThan(1000);
      for (const s of late.samples)
        for (const v of Object.values(s.labels)) expect(v, `${s.name} ${JSON.stringify(s.labels)}`).not.toMatch(UUID);
      expect(late.text).not.toContain('@example.com');
      // The traffic was counted: the lattice read route holds 1 000 successful reads in one series.
      const reads = late.samples.find(
        (s) =>
          s.name === 'http_requests_total' &&
          s.labels.route === '/api/v1/lattices/:id' &&
          s.labels.method === 'GET' &&
          s.labels.status === '200',
      );
      expect(reads?.value).toBe(1000);
    },
  );
});
