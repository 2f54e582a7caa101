/**
 * The table from domain errors to responses: field paths in the services'
 * terms become request locations, listed problems are worded into the detail,
 * retry-after and rate windows become headers; and through the app, a lattice
 * refused for several reasons answers with exactly that document.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, invalidFields } from '../../src/domain/errors.js';
import { ERROR_TABLE, fieldLocation, problemOf } from '../../src/http/domain-responses.js';
import { bearer, createTestApp, type TestApp } from '../support/test-app.js';

describe('fieldLocation', () => {
  it.each([
    ['input', 'body'],
    ['input.parameters.key', 'body.parameters.key'],
    ['input.sources.3.vertex', 'body.sources.3.vertex'],
    ['latticeId', 'path.id'],
    ['async', 'query.async'],
    ['cursor', 'query.cursor'],
  ])('puts %s at %s', (field, location) => {
    expect(fieldLocation(field)).toBe(location);
  });
});

describe('problemOf', () => {
  it('locates field problems and words them into the detail when asked to', () => {
    const err = invalidFields(
      [
        { field: 'input.name', message: 'is too long' },
        { field: 'latticeId', message: 'is too large' },
      ],
      'The lattice is not valid',
    );
    expect(problemOf(err)).toEqual({
      detail: 'The lattice is not valid: body.name is too long; path.id is too large',
      errors: [
        { location: 'body.name', message: 'is too long' },
        { location: 'path.id', message: 'is too large' },
      ],
      fields: undefined,
      headers: {},
    });
  });

  it('turns a retry-after and a rate window into headers, and keeps the extra members', () => {
    const err = new AppError('rate_limited', 'Slow down', {
      retryAfterSeconds: 1.2,
      rateWindow: { limit: 10, remaining: 0, resetSeconds: 2 },
      fields: { limit_name: 'compute_per_minute', limit: 10 },
    });
    const problem = problemOf(err);
    expect(problem.detail).toBe('Slow down');
    expect(problem.fields).toEqual({ limit_name: 'compute_per_minute', limit: 10 });
    expect(problem.headers).toEqual({
      'Retry-After': '2',
      'RateLimit-Limit': '10',
      'RateLimit-Remaining': '0',
      'RateLimit-Reset': '2',
      'X-RateLimit-Limit': '10',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': '2',
    });
    expect(ERROR_TABLE[err.code].status).toBe(429);
  });
});

describe('through the app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('answers a lattice refused for several reasons with every location in the errors and the detail', async () => {
    const a = await t.signup();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/lattices',
      headers: bearer(a.accessToken),
      payload: { name: '<script>', shape: [4, 4], obstacles: [[9, 0]] },
    });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.errors.map((e: { location: string }) => e.location)).toEqual(['body.name', 'body.obstacles.0.0']);
    expect(body.detail).toBe(
      `The lattice is not valid: ${body.errors.map((e: { location: string; message: string }) => `${e.location} ${e.message}`).join('; ')}`,
    );
  });
});
