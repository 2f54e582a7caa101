import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { TestApp } from '../support/test-app.js';

/** Shared by the operation route tests: requests, lattices, polling. */

export interface Req {
  token: string;
  headers?: Record<string, string>;
}

export function post(t: TestApp, path: string, req: Req, payload?: unknown): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST',
    url: path.startsWith('/api') ? path : `/api/v1${path}`,
    headers: { authorization: `Bearer ${req.token}`, ...req.headers },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

export function get(t: TestApp, path: string, token: string): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'GET',
    url: path.startsWith('/api') ? path : `/api/v1${path}`,
    headers: { authorization: `Bearer ${token}` },
  });
}

/** Creates a lattice and returns its id. */
export async function createLattice(t: TestApp, token: string, body: Record<string, unknown>): Promise<string> {
  const res = await post(t, '/lattices', { token }, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

/** Runs one operation and expects 200; returns the body. */
export async function run(
  t: TestApp,
  token: string,
  latticeId: string,
  op: string,
  body: unknown = {},
  query = '',
): Promise<ReturnType<typeof JSON.parse>> {
  const res = await post(t, `/lattices/${latticeId}/${op}${query}`, { token }, body);
  expect(res.statusCode, `${op}: ${res.body}`).toBe(200);
  return res.json();
}

/** Polls until `ok` holds or `ms` pass; returns the last value. */
export async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A response body without the members that differ between two runs of the same operation. */
export function stable(body: Record<string, unknown>): Record<string, unknown> {
  const { operation_id: _id, execution_time_ms: _ms, cached: _cached, backend: _backend, ...rest } = body;
  return rest;
}
