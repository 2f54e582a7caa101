import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/*
 * The console's API client against a scripted fetch: the bearer token on
 * every call, one refresh on a 401 shared by concurrent calls, the session
 * ended with the server's detail when the refresh is refused, and the
 * refresh scheduled before the access token expires.
 */

type Handler = (url: string, init: RequestInit) => Response;
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const pair = (n: number) => ({ access_token: `access-${n}`, refresh_token: `refresh-${n}`, token_type: 'bearer', expires_in: 900 });

function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, String(v)),
  };
}

let calls: { url: string; auth: string | null; body: string | null }[];
let handler: Handler;

async function client() {
  vi.resetModules();
  return import('../../console/src/api/client.js');
}

beforeEach(() => {
  calls = [];
  vi.stubGlobal('sessionStorage', memoryStorage());
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    const auth = new Headers(init.headers).get('authorization');
    calls.push({ url, auth, body: typeof init.body === 'string' ? init.body : null });
    return handler(url, init);
  });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('console API client', () => {
  it('sends the access token and answers typed data with the page headers', async () => {
    const c = await client();
    c.startSession(pair(1));
    handler = () => new Response('[]', { status: 200, headers: { 'content-type': 'application/json', 'x-total-count': '0' } });
    const res = await c.call('get', '/api/v1/lattices', { query: { limit: 5, name: 'maze' } });
    expect(calls).toEqual([{ url: '/api/v1/lattices?limit=5&name=maze', auth: 'Bearer access-1', body: null }]);
    expect(res).toMatchObject({ data: [], total: 0, next: null });
    expect(sessionStorage.getItem('catalytic.refresh_token')).toBe('refresh-1');
  });

  it('on a 401 refreshes once, for all calls waiting, and retries each call once with the new token', async () => {
    const c = await client();
    c.startSession(pair(1));
    let refreshes = 0;
    handler = (url, init) => {
      if (url === '/api/v1/auth/refresh') {
        refreshes++;
        expect(JSON.parse(String(init.body))).toEqual({ refresh_token: 'refresh-1' });
        return json(200, pair(2));
      }
      const auth = new Headers(init.headers).get('authorization');
      return auth === 'Bearer access-2' ? json(200, { ok: url }) : json(401, { code: 'token_expired', detail: 'Token expired' });
    };
    const [a, b] = await Promise.all([c.call('get', '/api/v1/auth/me'), c.call('get', '/api/v1/tenants/usage')]);
    expect(refreshes).toBe(1);
    expect([a.data, b.data]).toEqual([{ ok: '/api/v1/auth/me' }, { ok: '/api/v1/tenants/usage' }]);
    expect(sessionStorage.getItem('catalytic.refresh_token')).toBe('refresh-2');
  });

  it('ends the session with the server’s detail when the refresh is refused, and does not loop', async () => {
    const c = await client();
    c.startSession(pair(1));
    const events: [boolean, string | undefined][] = [];
    c.onSessionChange((signedIn, reason) => events.push([signedIn, reason]));
    handler = (url) =>
      url === '/api/v1/auth/refresh'
        ? json(401, { code: 'token_revoked', detail: 'Token has been revoked' })
        : json(401, { code: 'token_revoked', detail: 'Token has been revoked', request_id: 'r-1' });
    const failure = await c.call('get', '/api/v1/auth/me').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(c.ApiProblem);
    expect(failure).toMatchObject({ status: 401, code: 'token_revoked', detail: 'Token has been revoked', requestId: 'r-1' });
    expect(calls.map((x) => x.url)).toEqual(['/api/v1/auth/me', '/api/v1/auth/refresh']);
    expect(events).toEqual([[false, 'Your session ended: Token has been revoked']]);
    expect(sessionStorage.getItem('catalytic.refresh_token')).toBeNull();
  });

  it('refreshes a minute before the access token expires', async () => {
    vi.useFakeTimers();
    const c = await client();
    handler = () => json(200, pair(2));
    c.startSession(pair(1));
    await vi.advanceTimersByTimeAsync(839_000);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls.map((x) => x.url)).toEqual(['/api/v1/auth/refresh']);
    expect(sessionStorage.getItem('catalytic.refresh_token')).toBe('refresh-2');
  });

  it('turns any failed answer into a problem with its detail and field errors', async () => {
    const c = await client();
    c.startSession(pair(1));
    handler = () =>
      new Response(
        JSON.stringify({
          status: 422,
          code: 'validation_failed',
          detail: 'Request validation failed',
          errors: [{ location: 'body.shape', message: 'must be array' }],
        }),
        {
          status: 422,
          headers: { 'content-type': 'application/problem+json', 'retry-after': '3' },
        },
      );
    const failure = await c.call('post', '/api/v1/lattices', { body: { shape: [2, 2] } }).catch((e: unknown) => e);
    expect(failure).toMatchObject({
      status: 422,
      detail: 'Request validation failed',
      errors: [{ location: 'body.shape', message: 'must be array' }],
      retryAfterSeconds: 3,
    });
  });
});
