import { describe, expect, it } from 'vitest';
import { logIn, signUp } from './support/accounts.js';
import { apis, until } from './support/http-client.js';
import { tokenFromMail } from './support/mailbox.js';

describe('journey: sign up, verify the email, compute, log out', () => {
  it('goes from sign-up to a revoked session, across both API processes and the worker', { timeout: 120_000 }, async () => {
    const [a, b] = apis();
    const account = await signUp(a, { tag: 'signup' });
    const unverified = await b.get('/api/v1/auth/me', { token: account.accessToken });
    expect(unverified.status).toBe(200);
    expect(unverified.body.user.email_verified).toBe(false);

    // The worker delivers the verification mail composed by api-1.
    const verification = await tokenFromMail(account.email, /Confirm your e-mail address/);
    expect((await b.post('/api/v1/auth/verify-email', { token: verification })).status).toBe(200);
    expect((await a.post('/api/v1/auth/verify-email', { token: verification })).status).toBe(401);

    const { accessToken: token, refreshToken } = await logIn(b, account.email, account.password);
    const me = await a.get('/api/v1/auth/me', { token });
    expect(me.body.user).toMatchObject({ email: account.email, email_verified: true, role: 'owner' });
    expect(me.body.tenant.slug).toBe(account.tenantSlug);

    const created = await a.post('/api/v1/lattices', { name: 'journey grid', shape: [20, 20] }, { token });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ vertices: 400, shape: [20, 20], version: 1 });
    const id: string = created.body.id;

    const path = await b.post(`/api/v1/lattices/${id}/path`, { start: [0, 0], end: [19, 19] }, { token });
    expect(path.status, path.text).toBe(200);
    expect(path.body).toMatchObject({ hops: 38, cached: false });

    const accepted = await a.post(`/api/v1/lattices/${id}/random-walk?async=true`, { walkers: 300, steps: 200, seed: 11 }, { token });
    expect(accepted.status, accepted.text).toBe(202);
    expect(accepted.body.status_url).toBe(`/api/v1/jobs/${accepted.body.job_id}`);
    const job = await until(
      async () => (await b.get(accepted.body.status_url, { token })).body,
      (j) => ['succeeded', 'failed', 'cancelled'].includes(j.status),
      60_000,
      'random-walk job',
    );
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    expect(job.progress).toBe(1);
    expect(job.result.operation_id).toBe(accepted.body.operation_id);
    // The job's answer is the one the same seed gives at once.
    const sync = await b.post(`/api/v1/lattices/${id}/random-walk?async=false`, { walkers: 300, steps: 200, seed: 11 }, { token });
    expect(sync.body.msd).toEqual(job.result.msd);

    const history = await a.get(`/api/v1/lattices/${id}/operations`, { token });
    expect(history.status).toBe(200);
    const runs = history.body.operations.map((o: { id: string; type: string; status: string }) => [o.id, o.type, o.status]);
    expect(runs).toEqual(
      expect.arrayContaining([
        [path.body.operation_id, 'path', 'succeeded'],
        [accepted.body.operation_id, 'random-walk', 'succeeded'],
      ]),
    );
    expect(history.body.operations).toHaveLength(3);

    expect((await a.post('/api/v1/auth/logout', undefined, { token })).status).toBe(200);
    const refused = await b.get('/api/v1/auth/me', { token });
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('token_revoked');
    expect(refused.body.detail).toContain('revoked');
    expect((await b.post('/api/v1/auth/refresh', { refresh_token: refreshToken })).status).toBe(401);
    // Only that session ended: the one from sign-up still works.
    expect((await b.get('/api/v1/auth/me', { token: account.accessToken })).status).toBe(200);
  });
});
