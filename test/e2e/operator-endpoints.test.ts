import { describe, expect, it } from 'vitest';
import { signUp } from './support/accounts.js';
import { apis } from './support/http-client.js';

describe('journey: an operator checks both API processes', () => {
  it('finds them healthy on the same database and Redis, measured, documented, and signing with one key', { timeout: 60_000 }, async () => {
    const [a, b] = apis();
    for (const api of [a, b]) {
      const health = await api.get('/health');
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({ status: 'healthy', checks: { database: 'connected', redis: 'connected', queue: 'running' } });
      expect((await api.get('/health/live')).status).toBe(200);
      expect((await api.get('/health/ready')).status).toBe(200);
      expect((await api.get('/health/database')).body).toEqual({ database: 'connected' });
      expect((await api.get('/health/redis')).body).toEqual({ redis: 'connected' });

      const tagged = await api.get('/', { headers: { 'x-request-id': `e2e-${api.name}` } });
      expect(tagged.headers.get('x-request-id')).toBe(`e2e-${api.name}`);
      expect(tagged.headers.get('api-version')).toBe('1');
      expect(tagged.headers.get('x-frame-options')).toBe('DENY');
      expect(tagged.headers.get('x-content-type-options')).toBe('nosniff');
      expect(tagged.headers.get('strict-transport-security')).toMatch(/max-age=/);
      expect(tagged.headers.get('x-powered-by')).toBeNull();
    }

    const [jwksA, jwksB] = [await a.get('/.well-known/jwks.json'), await b.get('/.well-known/jwks.json')];
    expect(jwksA.body.keys.length).toBeGreaterThan(0);
    expect(jwksB.body).toEqual(jwksA.body);
    const [docA, docB] = [await a.get('/openapi.json'), await b.get('/openapi.json')];
    expect(docA.body.openapi).toMatch(/^3\.1\./);
    expect(docB.body).toEqual(docA.body);

    const account = await signUp(b, { tag: 'operator' });
    const verified = await a.post('/api/v1/auth/verify', { token: account.accessToken });
    expect(verified.body).toMatchObject({ valid: true, claims: { sub: account.userId, tenant_id: account.tenantId, type: 'access' } });

    // Each process counts its own traffic in its metrics.
    for (const api of [a, b]) {
      await api.get('/api/v1/auth/me', { token: account.accessToken });
      const metrics = await api.request('GET', '/metrics', { headers: { accept: 'text/plain' } });
      expect(metrics.status).toBe(200);
      expect(metrics.text).toMatch(/^http_requests_total\{[^}]*\} \d+/m);
      expect(metrics.text).toContain('# TYPE http_request_duration_seconds histogram');
    }
  });
});
