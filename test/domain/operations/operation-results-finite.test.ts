/**
 * A diffusion whose statistics are not finite (a field of huge values of both signs, as an xor can
 * leave, overflows in the first step) is the input's fault: a 422, not a 500 when the answer is
 * serialised. Found by the fuzzer (seed 478780548: `POST /lattices/{id}/diffusion {"steps":100}`
 * answered 500 "The value NaN cannot be converted to a number").
 */
import { describe, expect, it } from 'vitest';
import type { DiffusionResult } from '../../../src/engine/diffusion.js';
import { AppError } from '../../../src/domain/errors.js';
import { resultView } from '../../../src/domain/operations/operation-results.js';

const finite = { min: -1, max: 1, mean: 0, mass: 0 };

function diffusion(stats: Partial<Pick<DiffusionResult, 'initial' | 'final' | 'snapshots'>>): DiffusionResult {
  return { steps: 3, initial: finite, final: finite, snapshots: [], field: new Float64Array(4), ...stats } as unknown as DiffusionResult;
}

describe('resultView of a diffusion', () => {
  it('passes finite statistics through, without the field', () => {
    const view = resultView('diffusion', diffusion({}), { steps: 3 });
    expect(view).toMatchObject({ initial: finite, final: finite });
    expect(view).not.toHaveProperty('field');
  });

  it.each([
    ['a NaN mean in the final state', { final: { ...finite, mean: Number.NaN } }],
    ['an infinite mass at the start', { initial: { ...finite, mass: Infinity } }],
    ['a -Infinity minimum in a snapshot', { snapshots: [{ step: 1, ...finite, min: -Infinity }] }],
  ])('refuses %s as validation_failed on the input', (_name, stats) => {
    let thrown: unknown;
    try {
      resultView('diffusion', diffusion(stats as never), { steps: 3 });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('validation_failed');
    expect((thrown as AppError).extras.errors?.[0]).toMatchObject({ field: 'input', message: expect.stringMatching(/finite/) });
  });
});
