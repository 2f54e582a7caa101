import { describe, expect, it } from 'vitest';
import { nextCursor, totalCount } from '../../console/src/api/pagination.js';
import { refreshDelay } from '../../console/src/api/refresh-schedule.js';
import { parseCoordinateList, parseIntegers, parseVertex } from '../../console/src/lattice-view/parse-coordinates.js';
import { buildBody, initialValues, OPERATION_SPECS, OPERATIONS } from '../../console/src/operations/operation-specs.js';
import { summariseField } from '../../console/src/operations/results/distance-histogram.js';
import { matchPath, consolePath } from '../../console/src/router/match-path.js';
import { OPERATION_NAMES } from '../../src/engine/operations.js';

describe('what people type, as the API takes it', () => {
  it('reads shapes and coordinates, and says which entry is wrong', () => {
    expect(parseIntegers('64, 64', 'Shape')).toEqual({ ok: true, value: [64, 64] });
    expect(parseIntegers('10 × 20 x 30', 'Shape')).toEqual({ ok: true, value: [10, 20, 30] });
    expect(parseIntegers('10, ten', 'Shape')).toEqual({ ok: false, message: 'Shape: "ten" is not an integer' });
    expect(parseIntegers('  ', 'Shape').ok).toBe(false);
    expect(parseVertex('1, 2', 3, 'Start')).toEqual({ ok: false, message: 'Start: expected 3 coordinates, got 2' });
    expect(parseCoordinateList('1, 2\n3,4; 5 6', 2, 'Obstacle')).toEqual({
      ok: true,
      value: [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
    });
    expect(parseCoordinateList('1, 2\n3', 2, 'Obstacle')).toEqual({ ok: false, message: 'Obstacle 2: expected 2 coordinates, got 1' });
  });

  it('has a form for every engine operation, whose defaults make a valid body', () => {
    expect([...OPERATIONS].sort()).toEqual([...OPERATION_NAMES].sort());
    const context = { shape: [16, 16], firstFree: [0, 1], lastFree: [15, 15] };
    for (const op of OPERATIONS) {
      const spec = OPERATION_SPECS[op];
      const body = buildBody(spec, initialValues(spec, context), 2);
      expect(body.ok, op).toBe(true);
    }
  });

  it('builds nested, optional and per-type members', () => {
    const ctx = { shape: [8, 8], firstFree: [0, 0], lastFree: [7, 7] };
    const path = buildBody(OPERATION_SPECS.path, initialValues(OPERATION_SPECS.path, ctx), 2);
    expect(path).toEqual({ ok: true, value: { start: [0, 0], end: [7, 7], algorithm: 'auto' } });
    const t = OPERATION_SPECS.transform;
    expect(buildBody(t, { ...initialValues(t, ctx), transformation_type: 'scale', 'parameters.factor': '3' }, 2)).toEqual({
      ok: true,
      value: { transformation_type: 'scale', parameters: { factor: 3 } },
    });
    const d = OPERATION_SPECS.diffusion;
    expect(buildBody(d, { ...initialValues(d, ctx), sources: '1, 2, 50\n3, 4, -5' }, 2)).toMatchObject({
      ok: true,
      value: {
        sources: [
          { vertex: [1, 2], amount: 50 },
          { vertex: [3, 4], amount: -5 },
        ],
      },
    });
    const w = OPERATION_SPECS['random-walk'];
    const walk = buildBody(w, { ...initialValues(w, ctx), walkers: '1.5' }, 2);
    expect(walk).toEqual({ ok: false, message: 'Walkers: enter an integer' });
  });
});

describe('what the API answers, as the console reads it', () => {
  it('follows the rel="next" Link and reads X-Total-Count', () => {
    expect(nextCursor('</api/v1/lattices?limit=20&cursor=abc%3D%3D>; rel="next"')).toBe('abc==');
    expect(nextCursor('<https://x/y?cursor=1>; rel="prev", <https://x/y?cursor=2>; rel="next"')).toBe('2');
    expect(nextCursor(null)).toBeNull();
    expect(totalCount('57')).toBe(57);
    expect(totalCount('x')).toBeNull();
  });

  it('summarises a binary distance field as the API summarises it', () => {
    const field = Int32Array.from([0, 1, 2, -1, 1, 2, 3, -1, 2]);
    expect(summariseField(field)).toEqual({ histogram: [1, 2, 3, 1], max: 3, reached: 7, notReached: 2, mean: 11 / 7 });
  });

  it('refreshes a minute before expiry, or at four fifths of a short life', () => {
    const now = 1_000_000;
    expect(refreshDelay(now + 900_000, 900_000, now)).toBe(840_000);
    expect(refreshDelay(now + 30_000, 30_000, now)).toBe(24_000);
    expect(refreshDelay(now - 5_000, 900_000, now)).toBe(1000);
  });

  it('routes console paths with parameters', () => {
    expect(consolePath('/console')).toBe('/');
    expect(consolePath('/console/lattices/abc')).toBe('/lattices/abc');
    expect(consolePath('/consoles')).toBeNull();
    expect(matchPath('/lattices/:id', '/lattices/abc%20d')).toEqual({ id: 'abc d' });
    expect(matchPath('/lattices/:id', '/lattices')).toBeNull();
    expect(matchPath('/lattices/:id', '/lattices/%E0%A4%A')).toBeNull();
  });
});
