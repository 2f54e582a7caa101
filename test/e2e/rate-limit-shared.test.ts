import { describe, expect, it } from 'vitest';
import { signUp } from './support/accounts.js';
import { apis, type Reply } from './support/http-client.js';

const remaining = (r: Reply) => Number(r.headers.get('ratelimit-remaining'));

describe('journey: one rate limit shared by both API processes', () => {
  it(
    "counts a tenant's requests on both processes against one budget and refuses on both once it is spent",
    { timeout: 90_000 },
    async () => {
      const [a, b] = apis();
      const owner = await signUp(a, { tag: 'ratelimit' });
      const own = { token: owner.accessToken };
      let first = await a.get('/api/v1/lattices', own);
      // The window is a fixed minute: start in a fresh one when too little of it is left.
      const resetSeconds = Number(first.headers.get('ratelimit-reset'));
      if (resetSeconds < 20) {
        await new Promise((resolve) => setTimeout(resolve, (resetSeconds + 1) * 1000));
        first = await a.get('/api/v1/lattices', own);
      }
      const limit = Number(first.headers.get('ratelimit-limit'));
      expect(limit).toBe(120);
      expect(first.headers.get('x-ratelimit-limit')).toBe(String(limit));

      const second = await b.get('/api/v1/lattices', own);
      expect(remaining(second)).toBe(remaining(first) - 1);

      let allowed = 0;
      let refused: Reply | undefined;
      for (let i = 0; i < 2 * limit && !refused; i++) {
        const res = await (i % 2 === 0 ? a : b).get('/api/v1/lattices', own);
        if (res.status === 429) refused = res;
        else {
          expect(res.status).toBe(200);
          allowed++;
        }
      }
      // Two separate counters would have let through up to twice as many.
      expect(allowed).toBe(remaining(second));
      expect(refused).toBeDefined();
      for (const api of [a, b]) {
        const res = await api.get('/api/v1/auth/me', own);
        expect(res.status, api.name).toBe(429);
        expect(res.body.code).toBe('rate_limited');
        expect(res.body.detail).toContain('Rate limit exceeded');
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      // Another tenant is not affected.
      const other = await signUp(b, { tag: 'ratelimit-other' });
      expect((await a.get('/api/v1/lattices', { token: other.accessToken })).status).toBe(200);
    },
  );
});
