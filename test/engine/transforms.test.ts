import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checksum } from '../../src/engine/checksum.js';
import { ensureField, materializeField } from '../../src/engine/field.js';
import { createLattice, isBlocked } from '../../src/engine/lattice.js';
import type { Lattice } from '../../src/engine/lattice.js';
import { normalizeField, rotateField, scaleField, xorField } from '../../src/engine/transforms.js';
import { expectCode } from './expect-code.js';
import { bytesOf, randomBitsField, referenceRotate } from './fields-reference.js';

function latticeWith(shape: number[], field: Float64Array): Lattice {
  const l = createLattice({ shape });
  l.field = field;
  return l;
}

const cubicShape = fc
  .tuple(fc.integer({ min: 2, max: 6 }), fc.array(fc.integer({ min: 2, max: 4 }), { maxLength: 2 }))
  .map(([n, rest]) => [n, ...rest, n]);

describe('checksum', () => {
  it('is deterministic and sees every bit, −0 and NaN payloads included', () => {
    const a = randomBitsField(1000, 7);
    expect(checksum(a)).toBe(checksum(a.slice()));
    expect(checksum(a)).toMatch(/^[0-9a-f]{16}$/);
    const words = new Uint32Array(a.buffer);
    for (const bit of [0, 31, 32 * 999 + 5]) {
      const b = a.slice();
      new Uint32Array(b.buffer)[bit >>> 5] ^= 1 << (bit & 31);
      expect(checksum(b)).not.toBe(checksum(a));
    }
    expect(checksum(Float64Array.of(0))).not.toBe(checksum(Float64Array.of(-0)));
    expect(checksum(new Float64Array(3))).not.toBe(checksum(new Float64Array(4)));
    expect(words.length).toBe(2000);
  });
});

describe('default field', () => {
  it('is deterministic, uniform in [0, 1), 0 on obstacles, and attached on first use within budget', () => {
    const l = createLattice({ shape: [30, 30], obstacles: { density: 0.2, seed: 1 } });
    const f = materializeField(l);
    expect(checksum(f)).toBe(checksum(materializeField(l)));
    expect(checksum(f)).not.toBe(checksum(materializeField(l, { seed: 1 })));
    let sum = 0;
    for (let v = 0; v < f.length; v++) {
      if (isBlocked(l, v)) expect(f[v]).toBe(0);
      else expect(f[v] >= 0 && f[v] < 1).toBe(true);
      sum += f[v];
    }
    expect(sum / f.length).toBeGreaterThan(0.3);
    expect(materializeField(l, { fill: 'zero' }).every((x) => x === 0)).toBe(true);
    expectCode(() => ensureField(createLattice({ shape: [100, 100] }), { maxMaterializedVertices: 10 }), 'budget_exceeded');
    expectCode(() => materializeField(l, { fill: 'noise' as never }), 'invalid_parameter');
    expect(ensureField(l)).toBe(ensureField(l));
  });
});

describe('xor', () => {
  it('applied twice with the same key restores arbitrary bytes exactly', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), fc.integer()), fc.integer({ min: 2, max: 500 }), (key, n) => {
        const l = latticeWith([n, 2], randomBitsField(2 * n, n));
        const before = bytesOf(l.field as Float64Array);
        const first = xorField(l, key);
        expect(first.reversible).toBe(true);
        expect(first.checksum_after).not.toBe(first.checksum_before);
        const second = xorField(l, first.inverse.key);
        expect(second.checksum_after).toBe(first.checksum_before);
        expect(bytesOf(l.field as Float64Array)).toEqual(before);
      }),
      { numRuns: 80 },
    );
  });

  it('depends on the key and validates it', () => {
    const a = latticeWith([16, 16], new Float64Array(256));
    const b = latticeWith([16, 16], new Float64Array(256));
    xorField(a, 'secret');
    xorField(b, 'secreu');
    expect(checksum(a.field as Float64Array)).not.toBe(checksum(b.field as Float64Array));
    expectCode(() => xorField(a, ''), 'invalid_parameter');
    expectCode(() => xorField(a, 1.5), 'invalid_parameter');
  });
});

describe('rotate', () => {
  it('matches an out-of-place quarter turn, four turns restore and t then −t restore', () => {
    fc.assert(
      fc.property(cubicShape, fc.integer({ min: -9, max: 9 }), fc.integer(), (shape, turns, seed) => {
        const a = 0;
        const b = shape.length - 1;
        const field = randomBitsField(
          shape.reduce((x, y) => x * y, 1),
          seed,
        );
        const l = latticeWith(shape, field.slice());
        const once = referenceRotate(l, field, a, b);
        const r1 = rotateField(l, [a, b], 1);
        expect(bytesOf(l.field as Float64Array)).toEqual(bytesOf(once));
        rotateField(l, [a, b], 3);
        expect(bytesOf(l.field as Float64Array)).toEqual(bytesOf(field));
        const r = rotateField(l, [a, b], turns);
        expect(r.turns).toBe(((turns % 4) + 4) % 4);
        const back = rotateField(l, r.inverse.axes, r.inverse.turns);
        expect(back.checksum_after).toBe(r1.checksum_before);
        expect(bytesOf(l.field as Float64Array)).toEqual(bytesOf(field));
      }),
      { numRuns: 80 },
    );
  });

  it('needs equal sides (not_cubic) and valid axes', () => {
    const l = latticeWith([3, 4], new Float64Array(12));
    expectCode(() => rotateField(l, [0, 1], 1), 'not_cubic');
    expectCode(() => rotateField(l, [0, 0], 1), 'invalid_parameter');
    expectCode(() => rotateField(l, [0, 2], 1), 'invalid_parameter');
    expectCode(() => rotateField(l, [0, 1], 0.5), 'invalid_parameter');
  });
});

describe('scale', () => {
  it('reports reversibility honestly: reversible exactly when the inverse restores every bit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true }), { minLength: 4, maxLength: 4 }),
        fc.oneof(fc.constantFrom(2, 0.5, -4, 3, 0.1, 1e300, 1e-300), fc.double({ noNaN: true, noDefaultInfinity: true })),
        (values, factor) => {
          if (factor === 0 || !Number.isFinite(1 / factor)) return;
          const l = latticeWith([2, 2], Float64Array.from(values));
          const before = bytesOf(l.field as Float64Array);
          const r = scaleField(l, factor);
          let restored = false;
          if (Number.isFinite(1 / r.inverse.factor)) {
            scaleField(l, r.inverse.factor);
            restored = bytesOf(l.field as Float64Array).every((x, i) => x === before[i]);
          }
          expect(r.reversible).toBe(restored);
        },
      ),
      { numRuns: 200 },
    );
    const l = latticeWith([4, 4], materializeField(createLattice({ shape: [4, 4] })));
    expect(scaleField(l, 8).reversible).toBe(true);
    expect(scaleField(l, Number.MAX_VALUE).reversible).toBe(false);
  });

  it('rejects zero and non-finite factors', () => {
    const l = latticeWith([2, 2], new Float64Array(4));
    for (const factor of [0, Number.NaN, Infinity, 5e-324]) expectCode(() => scaleField(l, factor), 'invalid_parameter');
  });
});

describe('normalize', () => {
  it('gives zero mean and unit variance, and reports whether y·std + mean restores every value', () => {
    const l = latticeWith(
      [50, 40],
      new Float64Array(2000).map((_, i) => Math.sin(i) * 3 + 7),
    );
    const original = (l.field as Float64Array).slice();
    const r = normalizeField(l);
    const f = l.field as Float64Array;
    const mean = f.reduce((a, b) => a + b, 0) / f.length;
    const variance = f.reduce((a, b) => a + (b - mean) ** 2, 0) / f.length;
    expect(mean).toBeCloseTo(0, 12);
    expect(variance).toBeCloseTo(1, 12);
    expect(r.degenerate).toBe(false);
    const restored = Array.from(f, (y) => y * r.inverse.std + r.inverse.mean);
    expect(r.reversible).toBe(restored.every((x, i) => Object.is(x, original[i])));
  });

  it('turns a constant field into zeros (degenerate, not reversible) and refuses non-finite values', () => {
    const l = latticeWith([3, 3], new Float64Array(9).fill(4));
    const r = normalizeField(l);
    expect(r).toMatchObject({ degenerate: true, reversible: false, mean_before: 4, std_before: 0 });
    expect(Array.from(l.field as Float64Array)).toEqual(new Array(9).fill(0));
    const bad = latticeWith([2, 2], Float64Array.of(1, Number.NaN, 2, 3));
    expectCode(() => normalizeField(bad), 'invalid_parameter');
  });
});

describe('every transform', () => {
  it('materialises the default field on first use, and leaves the field alone when aborted', () => {
    const l = createLattice({ shape: [6, 6] });
    const r = scaleField(l, 2);
    expect(r.checksum_before).toBe(checksum(materializeField(l)));
    const before = bytesOf(l.field as Float64Array);
    const controller = new AbortController();
    controller.abort();
    for (const run of [
      () => xorField(l, 'k', { signal: controller.signal }),
      () => rotateField(l, [0, 1], 1, { signal: controller.signal }),
      () => scaleField(l, 2, { signal: controller.signal }),
      () => normalizeField(l, { signal: controller.signal }),
    ]) {
      expectCode(run, 'aborted');
      expect(bytesOf(l.field as Float64Array)).toEqual(before);
    }
  });
});
