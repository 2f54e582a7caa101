import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { checksum } from '../../src/engine/checksum.js';
import { createEngine } from '../../src/engine/engine.js';
import { distanceField } from '../../src/engine/distances.js';
import { materializeField } from '../../src/engine/field.js';
import { coordsOf, createLattice, indexOf, isBlocked } from '../../src/engine/lattice.js';
import { normalizeField, rotateField, scaleField, xorField } from '../../src/engine/transforms.js';
import { build, bytesOf, randomBitsField, smallLattice } from './fields-reference.js';

/*
 * Catalytic mode as operations: `distances` with catalytic: true borrows the
 * lattice's own field, and every transform proves (or disproves) that its
 * inverse hands the field back, by checksums computed from the bytes.
 */

const engine = createEngine();
afterAll(() => engine.close());

describe('distances, catalytic', () => {
  it('answers what distanceField answers, on the lattice’s field, handing it back bit for bit', () => {
    return fc.assert(
      fc.asyncProperty(
        smallLattice(500),
        fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
        fc.integer(),
        fc.option(fc.nat({ max: 12 }), { nil: undefined }),
        async (spec, picks, seed, maxDistance) => {
          const l = build(spec);
          const sources = picks.map((p) => coordsOf(l, p % l.vertexCount)).filter((c) => !isBlocked(l, indexOf(l, c)));
          if (sources.length === 0) return;
          l.field = randomBitsField(l.vertexCount, seed);
          const before = bytesOf(l.field);
          const run = await engine.run(l, 'distances', { sources, maxDistance, catalytic: true });
          const plain = distanceField(l, sources, { maxDistance });
          const { catalytic: report, method, distances, ...summary } = run.result;
          const { method: _method, distances: plainDistances, ...plainSummary } = plain;
          expect(method).toBe('catalytic_bfs');
          expect(Array.from(distances)).toEqual(Array.from(plainDistances));
          expect(summary).toEqual(plainSummary);
          expect(bytesOf(l.field)).toEqual(before);
          expect(report).toMatchObject({
            tape_bytes: 8 * l.vertexCount,
            // The queue holds every vertex the BFS reaches; maxDistance only cuts the answer.
            tape_bytes_used: 4 * distanceField(l, sources).reached,
            checksum_before: checksum(l.field),
            checksum_after: checksum(l.field),
            restored: true,
          });
          const far = plain.histogram.length;
          expect(report?.clean_bytes).toBeGreaterThanOrEqual(4 * l.vertexCount);
          expect(report?.normal_clean_bytes).toBeGreaterThanOrEqual(8 * l.vertexCount + 8 * far);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('stays on the calling thread (the field is borrowed in place), and is cached apart by field version', async () => {
    const l = createLattice({ shape: [40, 40], obstacles: { density: 0.1, seed: 3 } });
    l.field = materializeField(l, { seed: 1 });
    const pooled = await engine.run(l, 'distances', { sources: [[0, 0]], catalytic: true }, { backend: 'cpu-pool' });
    expect(pooled).toMatchObject({ backend: 'cpu', fallback_reason: expect.stringMatching(/in place/) });
    await expect(engine.run(l, 'distances', { sources: [[0, 0]], catalytic: 'yes' as never })).rejects.toMatchObject({
      code: 'invalid_parameter',
    });
  });

  it('materialises the default field when the lattice has none, as transforms do', async () => {
    const l = createLattice({ shape: [30, 30] });
    const run = await engine.run(l, 'distances', { sources: [[3, 4]], catalytic: true });
    expect(l.field).not.toBeNull();
    expect(checksum(l.field as Float64Array)).toBe(checksum(materializeField(l)));
    expect(run.result.catalytic?.restored).toBe(true);
    expect(run.estimate.bytes).toBeGreaterThanOrEqual(12 * 900);
  });
});

describe('transforms, restoration computed from checksums', () => {
  // ±1, ±3: mean 0 and a power-of-two-friendly spread, so even normalize's inverse is exact.
  const lattice = () => {
    const l = createLattice({ shape: [6, 6, 5] });
    l.field = Float64Array.from({ length: l.vertexCount }, (_, i) => [1, -1, 3, -3][i % 4]);
    return l;
  };

  it('applies the reported inverse and compares checksums, for every transform', () => {
    const cases = [
      (l: ReturnType<typeof lattice>) => xorField(l, 'key'),
      (l: ReturnType<typeof lattice>) => rotateField(l, [0, 1], 3),
      (l: ReturnType<typeof lattice>) => scaleField(l, 4),
      (l: ReturnType<typeof lattice>) => normalizeField(l),
    ];
    for (const apply of cases) {
      const l = lattice();
      const original = checksum(l.field as Float64Array);
      const r = apply(l);
      expect(r.catalytic).toMatchObject({ tape_bytes: 8 * 180, checksum_restored: r.checksum_before, restored: true });
      expect(r.checksum_before).toBe(original);
    }
    // The same checksum as undoing the rotation for real.
    const l = lattice();
    const r = rotateField(l, [0, 1], 1);
    rotateField(l, [0, 1], 3);
    expect(checksum(l.field as Float64Array)).toBe(r.catalytic.checksum_restored);
  });

  it('reports a tape not handed back when the inverse does not restore it', () => {
    const l = lattice();
    l.field![0] = 1e300;
    const r = scaleField(l, 1e10);
    expect(r.reversible).toBe(false);
    expect(r.catalytic.restored).toBe(false);
    expect(r.catalytic.checksum_restored).not.toBe(r.checksum_before);
    // A NaN with a payload is never `reversible`; whether its bytes come back is for the checksum to say.
    const nan = lattice();
    new Uint32Array(nan.field!.buffer)[1] = 0x7ff80001;
    const original = nan.field!.slice();
    const scaled = scaleField(nan, 2);
    expect(scaled.reversible).toBe(false);
    scaleField(nan, 0.5);
    expect(scaled.catalytic.restored).toBe(checksum(nan.field!) === checksum(original));
  });

  it('is computed, not copied from reversibility: a constant field normalises to zeros and its inverse restores it', () => {
    const l = createLattice({ shape: [4, 4] });
    l.field = new Float64Array(16).fill(2.5);
    const r = normalizeField(l);
    expect(r).toMatchObject({ degenerate: true, reversible: false });
    expect(r.catalytic.restored).toBe(true);
  });
});
