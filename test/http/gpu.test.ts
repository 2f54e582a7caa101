import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember } from '../support/tenant-fixtures.js';
import { type Account, createTestApp, type TestApp } from '../support/test-app.js';
import { createLattice, get, post, run } from './operation-fixtures.js';

let t: TestApp;
let owner: Account;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signup({ plan: 'pro' });
});
afterAll(async () => t?.close());

describe('GET /gpu/status', () => {
  it("reports the engine's own probe and the router thresholds, to a viewer too", async () => {
    const viewer = await addMember(t, owner, 'viewer');
    const res = await get(t, '/gpu/status', viewer.accessToken);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const probe = await t.runtime.engine.gpuStatus();
    expect(body).toMatchObject({ available: probe.available, backend: probe.backend, device_count: probe.device_count });
    expect(body.routing.thresholds).toHaveProperty('cpu-pool');
    expect(body.routing.thresholds).toHaveProperty('gpu');
    if (!probe.available) {
      expect(body).toMatchObject({ available: false, backend: 'none', device_count: 0, devices: [] });
      expect(typeof body.reason).toBe('string');
    } else {
      expect(body.devices[0]).toMatchObject({ id: 0, name: expect.any(String), memory_used_mb: expect.any(Number) });
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/gpu/status' })).statusCode).toBe(401);
  });

  it('an operation asked to use a GPU this machine lacks runs on the CPU and says why', async () => {
    const probe = await t.runtime.engine.gpuStatus();
    const id = await createLattice(t, owner.accessToken, { shape: [16, 16] });
    const walk = await run(t, owner.accessToken, id, 'random-walk', { walkers: 64, steps: 16, seed: 1, use_gpu: true });
    const xf = await post(
      t,
      `/lattices/${id}/transform`,
      { token: owner.accessToken },
      { transformation_type: 'xor', parameters: { key: 9 }, use_gpu: true },
    );
    expect(xf.statusCode).toBe(200);
    for (const body of [walk, xf.json()]) {
      if (probe.available) {
        expect(body.gpu_used).toBe(true);
        expect(body.backend).toBe('gpu');
      } else {
        expect(body).toMatchObject({ gpu_used: false });
        expect(body.backend).not.toBe('gpu');
        expect(body.fallback_reason).toBe(probe.reason);
      }
    }
    // Not asked for: no fallback to report.
    expect((await run(t, owner.accessToken, id, 'analyze')).fallback_reason).toBeUndefined();
  });
});
