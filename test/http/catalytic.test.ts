/**
 * Catalytic computing over HTTP: `"catalytic": true` on distances borrows the
 * lattice's stored value field as the BFS's work tape, answers the same
 * distances, reports the clean memory used beside a normal BFS's, and proves
 * the field intact by checksums taken before and after. The transform's
 * `catalytic.restored` compares checksums too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Account, type TestApp } from '../support/test-app.js';
import { createLattice, post, run } from './operation-fixtures.js';

let t: TestApp;
let owner: Account;
beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signup({ plan: 'enterprise' });
}, 60_000);
afterAll(() => t?.close());

const SHAPE = [30, 20];
const V = SHAPE[0] * SHAPE[1];
const OBSTACLES = [
  [10, 0],
  [10, 1],
  [10, 2],
  [10, 3],
  [11, 5],
];

const withoutEnvelope = (b: Record<string, unknown>) => {
  const { operation_id: _o, execution_time_ms: _e, backend: _b, cached: _c, method: _m, catalytic: _k, ...rest } = b;
  return rest;
};

async function transform(id: string, body: Record<string, unknown>) {
  const res = await post(t, `/lattices/${id}/transform`, { token: owner.accessToken }, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('catalytic distances over HTTP', () => {
  it('answers the normal distances, reports clean memory beside a normal BFS and checksums before and after', async () => {
    const id = await createLattice(t, owner.accessToken, { shape: SHAPE, obstacles: OBSTACLES });
    // Give the lattice a stored field with varied values: the tape must come back bit for bit.
    await transform(id, { transformation_type: 'xor', parameters: { key: 'tape' } });
    const normal = await run(t, owner.accessToken, id, 'distances', { sources: [[0, 0]] });
    const catalytic = await run(t, owner.accessToken, id, 'distances', { sources: [[0, 0]], catalytic: true });

    expect(catalytic.method).toBe('catalytic_bfs');
    expect(normal.method).toBe('bfs');
    expect(withoutEnvelope(catalytic)).toEqual(withoutEnvelope(normal));
    const report = catalytic.catalytic;
    expect(report).toMatchObject({ tape_bytes: 8 * V, restored: true });
    expect(report.checksum_after).toBe(report.checksum_before);
    expect(report.tape_bytes_used).toBeGreaterThan(0);
    expect(report.tape_bytes_used).toBeLessThanOrEqual(report.tape_bytes);
    // The queue lives on the tape: the clean memory is the distances (and histogram), not also a queue of V.
    expect(report.clean_bytes).toBeGreaterThanOrEqual(4 * V);
    expect(report.clean_bytes).toBeLessThan(report.normal_clean_bytes);
    expect(report.normal_clean_bytes).toBeGreaterThanOrEqual(8 * V);
    expect(normal.catalytic).toBeUndefined();

    // The field is intact: the next transform starts from the checksum the catalytic run saw.
    const next = await transform(id, { transformation_type: 'xor', parameters: { key: 'tape' } });
    expect(next.result_summary.checksum_before).toBe(report.checksum_before);
  });

  it('gives the same field as binary, and keeps catalytic runs apart in the knowledge cache', async () => {
    const id = await createLattice(t, owner.accessToken, { shape: SHAPE, obstacles: OBSTACLES });
    const field = async (catalytic: boolean) => {
      const res = await post(
        t,
        `/lattices/${id}/distances`,
        { token: owner.accessToken, headers: { accept: 'application/octet-stream' } },
        { sources: [[29, 19]], catalytic },
      );
      expect(res.statusCode, res.body).toBe(200);
      return res.rawPayload;
    };
    expect(Buffer.compare(await field(true), await field(false))).toBe(0);
    const again = await run(t, owner.accessToken, id, 'distances', { sources: [[29, 19]], catalytic: true });
    expect(again.method).toBe('catalytic_bfs');
    expect(again.catalytic.restored).toBe(true);
  });

  it('a lattice too large for the API thread becomes a job, or 422 with async=false', async () => {
    const id = await createLattice(t, owner.accessToken, { shape: [3000, 3000] });
    const refused = await post(
      t,
      `/lattices/${id}/distances?async=false`,
      { token: owner.accessToken },
      { sources: [[0, 0]], catalytic: true },
    );
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().errors[0].message).toMatch(/API's own thread/);
    const queued = await post(t, `/lattices/${id}/distances`, { token: owner.accessToken }, { sources: [[0, 0]], catalytic: true });
    expect(queued.statusCode, queued.body).toBe(202);
  });

  it('catalytic must be a boolean', async () => {
    const id = await createLattice(t, owner.accessToken, { shape: [4, 4] });
    const res = await post(t, `/lattices/${id}/distances`, { token: owner.accessToken }, { sources: [[0, 0]], catalytic: 'yes' });
    expect(res.statusCode).toBe(422);
  });
});

describe('the transform as a catalytic computation', () => {
  it('restored is the comparison of the checksum with the inverse applied and the checksum before', async () => {
    const id = await createLattice(t, owner.accessToken, { shape: [16, 16] });
    for (const body of [
      { transformation_type: 'xor', parameters: { key: 'k' } },
      { transformation_type: 'rotate', parameters: { axes: [0, 1], turns: 1 } },
      { transformation_type: 'scale', parameters: { factor: 2 } },
    ]) {
      const answer = await transform(id, body);
      expect(answer.catalytic.aux_bytes).toBe(8 * 256);
      expect(answer.catalytic.checksum_restored).toBe(answer.result_summary.checksum_before);
      expect(answer.catalytic.restored).toBe(true);
    }
  });
});
