import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fields from '../../src/domain/lattices/field-repository.js';
import { checksum, createLattice as engineLattice, materializeField } from '../../src/engine/index.js';
import { type Account, createTestApp, type TestApp } from '../support/test-app.js';
import { createLattice, get, post } from './operation-fixtures.js';

let t: TestApp;
let owner: Account;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signup({ plan: 'enterprise' });
});
afterAll(async () => t?.close());

async function transform(id: string, body: Record<string, unknown>) {
  const res = await post(t, `/lattices/${id}/transform`, { token: owner.accessToken }, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const version = async (id: string): Promise<number> => (await get(t, `/lattices/${id}`, owner.accessToken)).json().version;

/** The stored value field at the lattice's current version, read below the API. */
async function storedField(id: string): Promise<Float64Array> {
  const { rows } = await t.runtime.db.systemQuery<{ field_version: number }>('SELECT field_version FROM lattices WHERE id = $1', [id]);
  const field = await t.runtime.db.systemTransaction((tx) => fields.load(tx, id, rows[0].field_version));
  return field!;
}

describe('transform round trips through HTTP', () => {
  it('xor twice with one key restores the checksum bit for bit, each step a new version', async () => {
    const id = await createLattice(t, owner.accessToken, { shape: [6, 6] });
    const first = await transform(id, { transformation_type: 'xor', parameters: { key: 'secret' } });
    expect(first).toMatchObject({
      lattice_id: id,
      transformation_type: 'xor',
      version: 2,
      gpu_used: false,
      backend: 'cpu',
      reversible: true,
      cached: false,
      result_summary: { success: true, values: 36, inverse: { key: 'secret' } },
      catalytic: { aux_bytes: 36 * 8, restored: true },
    });
    expect(first.result_summary.checksum_before).not.toBe(first.result_summary.checksum_after);
    const second = await transform(id, { transformation_type: 'xor', parameters: { key: 'secret' } });
    expect(second.result_summary.checksum_after).toBe(first.result_summary.checksum_before);
    expect(second.version).toBe(3);
    expect(await version(id)).toBe(3);
    // The field the engine would start from, restored.
    expect(checksum(await storedField(id))).toBe(checksum(materializeField(engineLattice({ shape: [6, 6] }))));
  });

  it('rotate four quarter turns restores the checksum', async () => {
    const id = await createLattice(t, owner.accessToken, { shape: [5, 5, 3] });
    const start = (await transform(id, { transformation_type: 'rotate', parameters: { axes: [0, 1], turns: 1 } })).result_summary
      .checksum_before;
    let last = '';
    for (let i = 0; i < 3; i++)
      last = (await transform(id, { transformation_type: 'rotate', parameters: { axes: [0, 1] } })).result_summary.checksum_after;
    expect(last).toBe(start);
    expect(await version(id)).toBe(5);
  });

  it('scale by 2 then 0.5 is exact; by 3 then 1/3 restores every value within float tolerance (not bit for bit)', async () => {
    const id = await createLattice(t, owner.accessToken, { shape: [7, 7] });
    const doubled = await transform(id, { transformation_type: 'scale', parameters: { factor: 2 } });
    const halved = await transform(id, { transformation_type: 'scale', parameters: { factor: 0.5 } });
    expect(halved.result_summary.checksum_after).toBe(doubled.result_summary.checksum_before);

    const original = await storedField(id);
    await transform(id, { transformation_type: 'scale', parameters: { factor: 3 } });
    await transform(id, { transformation_type: 'scale', parameters: { factor: 1 / 3 } });
    const back = await storedField(id);
    expect(back).toHaveLength(original.length);
    for (let i = 0; i < back.length; i++)
      expect(Math.abs(back[i] - original[i])).toBeLessThanOrEqual(1e-15 * Math.max(1, Math.abs(original[i])));
  });

  it('normalize gives zero mean and unit variance, and reports the inverse', async () => {
    const id = await createLattice(t, owner.accessToken, { shape: [10, 10] });
    const body = await transform(id, { transformation_type: 'normalize' });
    expect(body.result_summary.inverse).toEqual({ mean: expect.any(Number), std: expect.any(Number) });
    const field = await storedField(id);
    const mean = field.reduce((a, b) => a + b, 0) / field.length;
    const variance = field.reduce((a, b) => a + (b - mean) ** 2, 0) / field.length;
    expect(mean).toBeCloseTo(0, 12);
    expect(variance).toBeCloseTo(1, 9);
  });
});

describe('transform rules', () => {
  it('five concurrent transforms give version + 5 and the checksum of the same five in sequence', async () => {
    const steps = [
      { transformation_type: 'xor', parameters: { key: 1 } },
      { transformation_type: 'xor', parameters: { key: 2 } },
      { transformation_type: 'xor', parameters: { key: 3 } },
      { transformation_type: 'xor', parameters: { key: 4 } },
      { transformation_type: 'xor', parameters: { key: 5 } },
    ];
    const concurrent = await createLattice(t, owner.accessToken, { shape: [32, 32] });
    const sequential = await createLattice(t, owner.accessToken, { shape: [32, 32] });
    const answers = await Promise.all(steps.map((s) => transform(concurrent, s)));
    expect(answers.map((a) => a.version).sort()).toEqual([2, 3, 4, 5, 6]);
    let last = '';
    for (const s of steps) last = (await transform(sequential, s)).result_summary.checksum_after;
    expect(await version(concurrent)).toBe(6);
    expect(checksum(await storedField(concurrent))).toBe(last);
    // xor commutes, so every order ends on one checksum; each answer chains onto the one before it.
    const byVersion = [...answers].sort((a, b) => a.version - b.version);
    for (let i = 1; i < byVersion.length; i++)
      expect(byVersion[i].result_summary.checksum_before).toBe(byVersion[i - 1].result_summary.checksum_after);
  });

  it('writes the field, the version, the history row and the audit entry together', async () => {
    const id = await createLattice(t, owner.accessToken, { shape: [4, 4] });
    const body = await transform(id, { transformation_type: 'scale', parameters: { factor: 4 } });
    const { rows } = await t.runtime.db.systemQuery<{ action: string; details: Record<string, unknown> }>(
      "SELECT action, details FROM audit_logs WHERE target_id = $1 AND action = 'lattice.transformed'",
      [id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].details).toMatchObject({ operation_id: body.operation_id, transformation_type: 'scale', version: 2 });
    const history = (await get(t, `/lattices/${id}/transformations`, owner.accessToken)).json().operations;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ id: body.operation_id, result_summary: { version: 2, reversible: true } });
  });

  it('an unknown type is a 422 listing the valid ones; a missing or unfit parameter points at it', async () => {
    const id = await createLattice(t, owner.accessToken, { shape: [4, 6] });
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ transformation_type: 'shear' }, 'body.transformation_type', /xor, rotate, scale, normalize/],
      // xor without a key uses the lattice's default key (test/http/compat.test.ts); scale has no default factor.
      [{ transformation_type: 'scale' }, 'body.parameters.factor', /required/],
      [{ transformation_type: 'scale', parameters: { factor: 0 } }, 'body.parameters.factor', /factor/],
      [{ transformation_type: 'rotate', parameters: { axes: [0, 1] } }, 'body.parameters.axes', /equal sides/],
      [{ transformation_type: 'rotate', parameters: { axes: [0, 3] } }, 'body.parameters.axes', /axes/],
      [{ transformation_type: 'xor', parameters: { key: 1, colour: 'red' } }, 'body.parameters.colour', /./],
    ];
    for (const [body, location, message] of cases) {
      const res = await post(t, `/lattices/${id}/transform`, { token: owner.accessToken }, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      const problem = res.json().errors.find((e: { location: string }) => e.location === location);
      expect(problem, `${JSON.stringify(body)} → ${res.body}`).toBeDefined();
      expect(problem.message).toMatch(message);
    }
    expect(await version(id)).toBe(1);
  });
});
