import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalyticBufferLength, catalyticDistanceField } from '../../src/engine/catalytic.js';
import { checksum } from '../../src/engine/checksum.js';
import { distanceField } from '../../src/engine/distances.js';
import { EngineError } from '../../src/engine/errors.js';
import { materializeField } from '../../src/engine/field.js';
import { coordsOf, createLattice, indexOf, isBlocked } from '../../src/engine/lattice.js';
import { xorField } from '../../src/engine/transforms.js';
import { expectCode } from './expect-code.js';
import { build, bytesOf, randomBitsField, smallLattice } from './fields-reference.js';

describe('catalytic distance field', () => {
  it('equals distanceField and hands back arbitrary borrowed bytes bit for bit', () => {
    fc.assert(
      fc.property(
        smallLattice(600),
        fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
        fc.integer(),
        fc.nat({ max: 8 }),
        (spec, picks, bufferSeed, extra) => {
          const l = build(spec);
          const sources = picks.map((p) => coordsOf(l, p % l.vertexCount)).filter((c) => !isBlocked(l, indexOf(l, c)));
          if (sources.length === 0) return;
          const borrowed = randomBitsField(catalyticBufferLength(l) + extra, bufferSeed);
          const before = bytesOf(borrowed);
          const r = catalyticDistanceField(l, sources, borrowed);
          const plain = distanceField(l, sources);
          expect(Array.from(r.result.distances)).toEqual(Array.from(plain.distances));
          expect(r.result.reached).toBe(plain.reached);
          expect(r.result.max_distance).toBe(plain.max_distance);
          expect(bytesOf(borrowed)).toEqual(before);
          expect(r.catalytic.restored).toBe(true);
          expect(r.catalytic.checksum_after).toBe(r.catalytic.checksum_before);
          expect(r.catalytic.checksum_before).toBe(checksum(borrowed));
          expect(r.catalytic.aux_bytes_used).toBe(4 * plain.reached);
          expect(r.catalytic.clean_bytes).toBe(0);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('really uses the borrowed buffer: its bytes change during the run', () => {
    const l = createLattice({ shape: [100, 100] });
    const borrowed = randomBitsField(catalyticBufferLength(l), 3);
    const before = checksum(borrowed);
    let changedMidway = false;
    const r = catalyticDistanceField(l, [[0, 0]], borrowed, {
      onProgress: (f) => {
        if (f > 0 && f < 1 && checksum(borrowed) !== before) changedMidway = true;
      },
    });
    expect(changedMidway).toBe(true);
    expect(r.catalytic.restored).toBe(true);
    expect(checksum(borrowed)).toBe(before);
  });

  it('borrows another lattice’s field (even an xor-scrambled one) and leaves it as it was', () => {
    const l = createLattice({ shape: [64, 64], obstacles: { density: 0.15, seed: 8 } });
    const lender = createLattice({ shape: [64, 32] });
    lender.field = materializeField(lender, { seed: 2 });
    xorField(lender, 'scramble');
    const before = bytesOf(lender.field);
    const r = catalyticDistanceField(
      l,
      [
        [0, 0],
        [63, 63],
      ].filter((c) => !isBlocked(l, indexOf(l, c))),
      lender.field,
    );
    expect(r.catalytic.restored).toBe(true);
    expect(bytesOf(lender.field)).toEqual(before);
  });

  it('restores the buffer when aborted half-way', () => {
    const l = createLattice({ shape: [120, 120] });
    const borrowed = randomBitsField(catalyticBufferLength(l), 11);
    const before = bytesOf(borrowed);
    const controller = new AbortController();
    let thrown: unknown = null;
    try {
      catalyticDistanceField(l, [[60, 60]], borrowed, {
        signal: controller.signal,
        onProgress: (f) => (f > 0.2 ? controller.abort() : undefined),
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EngineError);
    expect((thrown as EngineError).code).toBe('aborted');
    expect(bytesOf(borrowed)).toEqual(before);
  });

  it('validates sources, the buffer and the budget', () => {
    const l = createLattice({ shape: [10, 10], obstacles: { coordinates: [[1, 1]] } });
    const ok = new Float64Array(catalyticBufferLength(l));
    expectCode(() => catalyticDistanceField(l, [[0, 0]], new Float64Array(10)), 'invalid_parameter');
    expectCode(() => catalyticDistanceField(l, [[0, 0]], new Int32Array(100) as never), 'invalid_parameter');
    expectCode(() => catalyticDistanceField(l, [], ok), 'invalid_parameter');
    expectCode(() => catalyticDistanceField(l, [[1, 1]], ok), 'invalid_coordinates');
    expectCode(() => catalyticDistanceField(l, [[10, 0]], ok), 'invalid_coordinates');
    expectCode(() => catalyticDistanceField(l, [[0, 0]], ok, { maxMaterializedVertices: 50 }), 'budget_exceeded');
  });
});
