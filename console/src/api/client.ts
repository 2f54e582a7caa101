import type { paths } from './openapi-types';
import { nextCursor, totalCount } from './pagination';
import { ApiProblem, problemFrom } from './problem';
import { refreshDelay } from './refresh-schedule';
import { accessTokenExpiresAt, clearTokens, currentAccessToken, storedRefreshToken, storeTokens, type TokenPair } from './token-store';

/*
 * The console's only way to the server: documented /api/v1 routes, typed by
 * the OpenAPI document. It adds the bearer token, refreshes it a minute
 * before it expires and, on a 401, refreshes once and retries once.
 */

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type ApiPath = Extract<keyof paths, `/api/v1/${string}`>;
type Op<P extends ApiPath, M extends Method> = NonNullable<paths[P][M]>;
export type PathsFor<M extends Method> = { [P in ApiPath]: [Op<P, M>] extends [never] ? never : P }[ApiPath];

type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : undefined;
type Responses<O> = O extends { responses: infer R } ? R : never;
/** The JSON body of a successful answer (200, 201 or 202; undefined for 204). */
export type Success<O> = JsonOf<Responses<O>[Extract<keyof Responses<O>, 200 | 201 | 202 | 204>]>;
type BodyOf<O> = O extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
type PathParamsOf<O> = O extends { parameters: { path: infer X } } ? X : never;
type QueryOf<O> = O extends { parameters: { query?: infer Q } } ? Partial<NonNullable<Q>> : never;

export type Answer<P extends ApiPath, M extends Method> = Success<Op<P, M>>;
export type RequestBody<P extends ApiPath, M extends Method> = BodyOf<Op<P, M>>;

export interface CallOptions<O> {
  params?: PathParamsOf<O>;
  query?: QueryOf<O>;
  body?: BodyOf<O>;
  /** No bearer token (sign-up, log-in, the mailed-token pages). */
  anonymous?: boolean;
  signal?: AbortSignal;
}

export interface ApiResult<T> {
  data: T;
  status: number;
  headers: Headers;
  /** X-Total-Count, when the route paginates. */
  total: number | null;
  /** The cursor of the next page (from the Link header), or null on the last page. */
  next: string | null;
}

type SessionListener = (signedIn: boolean, reason?: string) => void;
const listeners = new Set<SessionListener>();
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let refreshing: Promise<boolean> | null = null;

export function onSessionChange(listener: SessionListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function announce(signedIn: boolean, reason?: string): void {
  for (const l of listeners) l(signedIn, reason);
}

/** Keeps a fresh token pair and schedules its refresh. */
export function startSession(pair: TokenPair): void {
  storeTokens(pair);
  clearTimeout(refreshTimer);
  const lifetime = pair.expires_in * 1000;
  refreshTimer = setTimeout(() => void refreshSession(), refreshDelay(accessTokenExpiresAt(), lifetime, Date.now()));
  announce(true);
}

/** Forgets the tokens here (the server side is revoked by logout). */
export function endSession(reason?: string): void {
  clearTimeout(refreshTimer);
  clearTokens();
  announce(false, reason);
}

/** Trades the stored refresh token for a new pair; one exchange at a time, whoever asks. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    const refreshToken = storedRefreshToken();
    if (!refreshToken) return false;
    try {
      const res = await fetch('/api/v1/auth/refresh', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ refresh_token: refreshToken }),
      });
      if (!res.ok) {
        const problem = await problemFrom(res);
        endSession(`Your session ended: ${problem.detail}`);
        return false;
      }
      startSession((await res.json()) as TokenPair);
      return true;
    } catch {
      // Offline for a moment: keep the refresh token and let the next request retry.
      return false;
    }
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

function urlOf(path: string, params?: object, query?: object): string {
  let url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = (params as Record<string, unknown> | undefined)?.[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const qs = search.toString();
  if (qs) url += `?${qs}`;
  return url;
}

/** Sends one request with the current token; on a 401 refreshes once and sends it again. */
async function send(url: string, init: RequestInit, anonymous: boolean): Promise<Response> {
  const attempt = () => {
    const headers = new Headers(init.headers);
    const token = currentAccessToken();
    if (!anonymous && token) headers.set('authorization', `Bearer ${token}`);
    return fetch(url, { ...init, headers });
  };
  const res = await attempt();
  if (res.status !== 401 || anonymous || !storedRefreshToken()) return res;
  return (await refreshSession()) ? attempt() : res;
}

/** Calls a documented route; throws ApiProblem for every non-2xx answer. */
export async function call<M extends Method, P extends PathsFor<M>>(
  method: M,
  path: P,
  opts: CallOptions<Op<P, M>> = {},
): Promise<ApiResult<Answer<P, M>>> {
  const init: RequestInit = { method: method.toUpperCase(), headers: { accept: 'application/json' }, signal: opts.signal };
  if (opts.body !== undefined) {
    init.headers = { ...init.headers, 'content-type': 'application/json' };
    init.body = JSON.stringify(opts.body);
  }
  const res = await send(urlOf(path, opts.params, opts.query), init, opts.anonymous ?? false);
  if (!res.ok) throw await problemFrom(res);
  const data = (res.status === 204 ? undefined : await res.json()) as Answer<P, M>;
  return {
    data,
    status: res.status,
    headers: res.headers,
    total: totalCount(res.headers.get('x-total-count')),
    next: nextCursor(res.headers.get('link')),
  };
}

/** POSTs to an operation route asking for the raw binary answer (the distance field). */
export async function callBinary<P extends PathsFor<'post'>>(
  path: P,
  opts: CallOptions<Op<P, 'post'>>,
): Promise<{ bytes: ArrayBuffer; headers: Headers; status: number; json: unknown }> {
  const init: RequestInit = {
    method: 'POST',
    headers: { accept: 'application/octet-stream', 'content-type': 'application/json' },
    body: JSON.stringify(opts.body ?? {}),
    signal: opts.signal,
  };
  const res = await send(urlOf(path, opts.params, opts.query), init, false);
  if (!res.ok) throw await problemFrom(res);
  // A job (202) answers JSON whatever was asked for.
  if ((res.headers.get('content-type') ?? '').startsWith('application/json')) {
    return { bytes: new ArrayBuffer(0), headers: res.headers, status: res.status, json: await res.json() };
  }
  return { bytes: await res.arrayBuffer(), headers: res.headers, status: res.status, json: null };
}

export { ApiProblem };
