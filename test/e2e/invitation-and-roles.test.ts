import { describe, expect, it } from 'vitest';
import { signUp, strongPassword, uniqueEmail } from './support/accounts.js';
import { apis } from './support/http-client.js';
import { tokenFromMail } from './support/mailbox.js';

describe('journey: invitation accepted, roles enforced', () => {
  it('invites a viewer by mail, enforces the role, and applies a promotion at once on the other process', { timeout: 90_000 }, async () => {
    const [a, b] = apis();
    const owner = await signUp(a, { tag: 'inviter' });
    const own = { token: owner.accessToken };
    const email = uniqueEmail('invitee');

    const invited = await a.post('/api/v1/tenants/users', { email, role: 'viewer' }, own);
    expect(invited.status, invited.text).toBe(201);
    expect(invited.body).toMatchObject({ email, role: 'viewer', status: 'invited' });
    expect((await b.post('/api/v1/tenants/users', { email, role: 'viewer' }, own)).status).toBe(409);

    const token = await tokenFromMail(email, /You are invited to join/);
    const accepted = await b.post('/api/v1/auth/accept-invitation', { token, password: strongPassword(), name: 'Ivy Viewer' });
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.body.user).toMatchObject({ email, role: 'viewer', tenant_id: owner.tenantId });
    expect((await a.post('/api/v1/auth/accept-invitation', { token, password: strongPassword() })).status).toBe(401);
    const viewer = { token: accepted.body.access_token as string };

    const lattice = await a.post('/api/v1/lattices', { name: 'shared', shape: [8, 8] }, own);
    expect(lattice.status).toBe(201);
    // A viewer reads and computes, but neither writes nor administers.
    expect((await b.get(`/api/v1/lattices/${lattice.body.id}`, viewer)).status).toBe(200);
    expect((await a.post(`/api/v1/lattices/${lattice.body.id}/path`, { start: [0, 0], end: [7, 7] }, viewer)).status).toBe(200);
    expect((await b.post('/api/v1/lattices', { name: 'mine', shape: [4, 4] }, viewer)).status).toBe(403);
    expect((await a.delete(`/api/v1/lattices/${lattice.body.id}`, viewer)).status).toBe(403);
    expect((await b.post('/api/v1/tenants/users', { email: uniqueEmail('x'), role: 'viewer' }, viewer)).status).toBe(403);
    expect((await a.get('/api/v1/audit-logs', viewer)).status).toBe(403);

    const promoted = await b.patch(`/api/v1/tenants/users/${invited.body.id}`, { role: 'member' }, own);
    expect(promoted.status, promoted.text).toBe(200);
    // The same token carries the new role at once, on the process that did not make the change too.
    const written = await a.post('/api/v1/lattices', { name: 'by member', shape: [4, 4] }, viewer);
    expect(written.status, written.text).toBe(201);
    expect((await b.post('/api/v1/tenants/users', { email: uniqueEmail('y'), role: 'viewer' }, viewer)).status).toBe(403);

    const users = await a.get('/api/v1/tenants/users', own);
    expect(users.body.map((u: { email: string; role: string }) => [u.email, u.role])).toEqual(
      expect.arrayContaining([
        [owner.email, 'owner'],
        [email, 'member'],
      ]),
    );

    expect((await a.delete(`/api/v1/tenants/users/${invited.body.id}`, own)).status).toBe(204);
    expect((await b.get('/api/v1/auth/me', viewer)).status).toBe(401);
  });
});
