/**
 * A NUL character or an unpaired surrogate anywhere in a request is a 422 naming the field, on every
 * route, public ones included; a value PostgreSQL refuses is a 422 too, never a 500.
 */
import Fastify, { type LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appErrorOf } from '../../src/domain/errors.js';
import { problemResponses } from '../../src/http/plugins/problem-responses.js';
import { textFault, textProblems } from '../../src/http/plugins/text-hygiene.js';
import { InvalidValue } from '../../src/platform/database-errors.js';
import { json } from '../support/edge-fixtures.js';
import { type Account, bearer, createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let owner: Account;
beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signup();
});
afterAll(async () => t?.close());

function expect422(res: LightMyRequestResponse, location: string, message: RegExp): void {
  expect(res.statusCode, res.body).toBe(422);
  expect(res.headers['content-type']).toContain('application/problem+json');
  const body = res.json();
  expect(body.code).toBe('validation_failed');
  expect(body.errors).toContainEqual({ location, message: expect.stringMatching(message) });
  expect(body.detail).toContain(location);
}

const NUL = /NUL character/;
const SURROGATE = /unpaired UTF-16 surrogate/;

describe('NUL characters and unpaired surrogates at the edge', () => {
  it('refuses them in the body of the public auth routes, naming the field', async () => {
    const login = (payload: string, url = '/api/v1/auth/login') => t.app.inject({ method: 'POST', url, headers: json, payload });
    expect422(await login('{"email":"a\\u0000","password":"x"}'), 'body.email', NUL);
    expect422(await login('{"email":"a\\u0000","password":"x"}', '/auth/login'), 'body.email', NUL);
    expect422(await login('{"email":"a@b.co","password":"\\ud800x"}'), 'body.password', SURROGATE);
    expect422(await login('{"email":"a@b.co","password":"x\\udc00"}'), 'body.password', SURROGATE);
    expect422(await login('{"refresh_token":"r\\u0000"}', '/api/v1/auth/refresh'), 'body.refresh_token', NUL);
    expect422(await login('{"token":"\\udfff"}', '/api/v1/auth/verify'), 'body.token', SURROGATE);
    const reg = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      headers: json,
      payload: '{"email":"nul@example.com","password":"Sturdy-Lattice-2048","company_name":"Acme\\u0000"}',
    });
    expect422(reg, 'body.company_name', NUL);
  });

  it('refuses them at any depth of a lattice body, in values and in member names', async () => {
    const create = (payload: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/lattices', headers: { ...json, ...bearer(owner.accessToken) }, payload });
    expect422(await create('{"dimensions":2,"size":3,"metadata":{"a":"\\ud800"}}'), 'body.metadata.a', SURROGATE);
    expect422(await create('{"dimensions":2,"size":3,"metadata":{"a":["ok",{"b":"x\\u0000"}]}}'), 'body.metadata.a.1.b', NUL);
    expect422(
      await create('{"dimensions":2,"size":3,"metadata":{"k\\u0000":1}}'),
      'body.metadata',
      /member name that must not contain a NUL/,
    );
    expect422(await create('{"dimensions":2,"size":3,"metadata":{"\\ud800":1}}'), 'body.metadata', /member name .*surrogate/);
    // Far deeper than any stack-bound walk could go: still a 422, not a 500.
    const depth = 100_000;
    const deep = `{"dimensions":2,"size":3,"metadata":${'['.repeat(depth)}"\\u0000"${']'.repeat(depth)}}`;
    const res = await create(deep);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(422);
    expect(res.json().errors[0].location).toMatch(/^body\.metadata(\.0)+$/);
  });

  it('refuses them in the query string and the path', async () => {
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: bearer(owner.accessToken) });
    expect422(await get('/api/v1/lattices?name=%00'), 'query.name', NUL);
    expect422(await get('/api/lattices?name=ab%00cd'), 'query.name', NUL);
    expect422(await get('/api/v1/lattices/%00'), 'path.id', NUL);
    expect422(await get('/api/v1/lattices?cursor=x%00'), 'query.cursor', NUL);
  });

  it('names every bad field of a request, across its parts', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/lattices/%00?x=%00',
      headers: { ...json, ...bearer(owner.accessToken) },
      payload: '{"name":"\\u0000","metadata":{"a":"\\ud800"}}',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { location: string }) => e.location)).toEqual(['path.id', 'query.x', 'body.name', 'body.metadata.a']);
  });

  it('accepts paired surrogates and other text as before', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/lattices',
      headers: { ...json, ...bearer(owner.accessToken) },
      payload: JSON.stringify({ dimensions: 2, size: 3, metadata: { emoji: '🧪 ok', 'ключ 😀': ['\u00e9', '\u2028'] } }),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().metadata).toEqual({ emoji: '🧪 ok', 'ключ 😀': ['\u00e9', '\u2028'] });
    const found = await t.app.inject({ method: 'GET', url: '/api/v1/lattices?name=%F0%9F%A7%AA', headers: bearer(owner.accessToken) });
    expect(found.statusCode, found.body).toBe(200);
  });

  it('answers credentials holding them 401, as any other credential that is not valid', async () => {
    for (const headers of [
      { 'x-api-key': 'ck_\u0000abc' },
      { 'x-api-key': `${'k'.repeat(8)}\u00ff` },
      { authorization: 'Bearer a\u0000b' },
    ]) {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/lattices', headers });
      expect(res.statusCode, res.body).toBe(401);
    }
  });

  it('answers an anonymous request to a protected route 401 before looking at its text', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/lattices?name=%00' });
    expect(res.statusCode).toBe(401);
  });
});

describe('textFault and textProblems', () => {
  it('tells a lone surrogate from a pair, at either end of a string', () => {
    expect(textFault('plain')).toBeNull();
    expect(textFault('\ud83d\ude00')).toBeNull();
    expect(textFault('\ud83d')).toMatch(SURROGATE);
    expect(textFault('\ude00')).toMatch(SURROGATE);
    expect(textFault('a\ude00\ud83d')).toMatch(SURROGATE);
    expect(textFault('\ud83d\ud83d\ude00')).toMatch(SURROGATE);
    expect(textFault('\u0000')).toMatch(NUL);
  });

  it('stops listing after ten problems', () => {
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, '\u0000']));
    expect(textProblems('body', many)).toHaveLength(10);
  });
});

describe('values PostgreSQL refuses', () => {
  const refused: [string, unknown, string][] = [
    ['SELECT $1::text', 'a\u0000', '22021'],
    ['SELECT $1::jsonb', '{"a":"\\u0000"}', '22P05'],
    ['SELECT $1::jsonb', '{"a":"\\ud800"}', '22P02'],
    ['SELECT $1::int', '99999999999', '22003'],
  ];

  it.each(refused)('%s with %j arrives as InvalidValue %s', async (sql, value, sqlState) => {
    const err = await t.runtime.db.systemQuery(sql, [value]).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InvalidValue);
    expect((err as InvalidValue).sqlState).toBe(sqlState);
    expect(appErrorOf(err)?.code).toBe('validation_failed');
  });

  it('answers a refused value with a 422 problem, not a 500', async () => {
    const app = Fastify();
    await app.register(problemResponses);
    app.get('/store', () => t.runtime.db.systemQuery('SELECT $1::jsonb', ['{"a":"\\u0000"}']));
    const res = await app.inject({ method: 'GET', url: '/store' });
    await app.close();
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'validation_failed', status: 422 });
    expect(res.json().detail).toMatch(/cannot be stored/);
  });
});

describe('paths the router cannot read', () => {
  it('answers a path parameter over the router limit with a 422 problem naming the path, with the edge headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/lattices/${'9'.repeat(200)}`, headers: bearer(owner.accessToken) });
    expect422(res, 'path', /longer than/);
    expect(res.headers['x-request-id']).toBeTruthy();
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('answers a path that is not percent-encoded UTF-8 with a 422 problem naming the path', async () => {
    const res = await t.app.inject({ method: 'DELETE', url: '/api/v1/lattices/%E0%A4%A', headers: bearer(owner.accessToken) });
    expect422(res, 'path', /percent-encoded/);
  });
});

describe('what the edge answers on every route is documented on every route', () => {
  it('lists 422 on every operation, and 400, 413 and 415 on every one that takes a body', () => {
    const doc = t.app.swagger() as unknown as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    const missing: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const want = ['post', 'put', 'patch', 'delete'].includes(method) ? ['400', '413', '415', '422'] : ['422'];
        for (const status of want) if (!(status in op.responses)) missing.push(`${method.toUpperCase()} ${path} ${status}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
