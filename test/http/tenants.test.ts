import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, call, invitationToken, rawDatabase } from '../support/tenant-fixtures.js';
import { type Account, createTestApp, STRONG_PASSWORD, type TestApp, uniqueEmail } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const FREE_LIMITS = {
  lattices: 5,
  max_dimensions: 4,
  max_size: 1000,
  max_materialized_vertices: 1_000_000,
  requests_per_minute: 120,
  compute_per_minute: 10,
  monthly_operations: 1000,
  gpu_allowed: false,
};

async function auditActions(tenantId: string, action: string): Promise<Record<string, unknown>[]> {
  const db = await rawDatabase(t);
  try {
    const { rows } = await db.query('SELECT * FROM audit_logs WHERE tenant_id = $1 AND action = $2 ORDER BY created_at, id', [
      tenantId,
      action,
    ]);
    return rows;
  } finally {
    await db.end();
  }
}

describe('GET /tenants/current', () => {
  it('returns the tenant with its plan limits, to every role, under both prefixes', async () => {
    const owner = await t.signup({ company: 'Lattice Works' });
    const viewer = await addMember(t, owner, 'viewer');
    for (const url of ['/api/v1/tenants/current', '/api/tenants/current']) {
      const res = await call(t, 'GET', url, { token: viewer.accessToken });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        id: owner.tenantId,
        name: 'Lattice Works',
        slug: owner.tenantSlug,
        plan_code: 'free',
        status: 'active',
        limits: FREE_LIMITS,
      });
      expect(res.json().created_at).toMatch(/Z$/);
    }
  });
});

describe('PATCH /tenants/current', () => {
  it('renames the tenant and audits the old and new name', async () => {
    const owner = await t.signup({ company: 'Old Name' });
    const res = await call(t, 'PATCH', '/tenants/current', { token: owner.accessToken }, { name: '  New Name  ' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'New Name', slug: owner.tenantSlug });
    const [row] = await auditActions(owner.tenantId, 'tenant.updated');
    expect(row).toMatchObject({ actor_id: owner.userId, actor_type: 'user', details: { name: { from: 'Old Name', to: 'New Name' } } });
  });

  it('refuses blank names and other fields with 422, and members with 403', async () => {
    const owner = await t.signup();
    for (const body of [{ name: '   ' }, { name: '' }, { slug: 'mine' }, {}]) {
      const res = await call(t, 'PATCH', '/tenants/current', { token: owner.accessToken }, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
    }
    const member = await addMember(t, owner, 'member');
    const res = await call(t, 'PATCH', '/tenants/current', { token: member.accessToken }, { name: 'Taken Over' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('forbidden');
  });
});

describe('PUT /tenants/subscription', () => {
  it('changes the plan (professional means pro), audits it, and applies the new limits at once', async () => {
    const owner = await t.signup();
    const me = await call(t, 'GET', '/auth/me', { token: owner.accessToken });
    expect(me.json().tenant.plan_code).toBe('free');

    const res = await call(t, 'PUT', '/tenants/subscription', { token: owner.accessToken }, { plan_code: 'Professional' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ plan_code: 'pro', plan_name: 'Pro', limits: { lattices: 500, gpu_allowed: true } });

    const after = await call(t, 'GET', '/auth/me', { token: owner.accessToken });
    expect(after.json().tenant.plan_code).toBe('pro');
    const rows = await auditActions(owner.tenantId, 'tenant.plan_changed');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_id: owner.userId, target_id: owner.tenantId, details: { from: 'free', to: 'pro' } });

    // Choosing the current plan again changes nothing and records nothing.
    expect((await call(t, 'PUT', '/tenants/subscription', { token: owner.accessToken }, { plan_code: 'pro' })).statusCode).toBe(200);
    expect(await auditActions(owner.tenantId, 'tenant.plan_changed')).toHaveLength(1);
  });

  it('refuses an unknown plan with 422 naming the valid ones, and changes nothing', async () => {
    const owner = await t.signup();
    const res = await call(t, 'PUT', '/tenants/subscription', { token: owner.accessToken }, { plan_code: 'platinum' });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'validation_failed', errors: [{ location: 'body.plan_code' }] });
    expect(res.json().errors[0].message).toContain('enterprise');
    expect((await call(t, 'GET', '/tenants/current', { token: owner.accessToken })).json().plan_code).toBe('free');
    expect(await auditActions(owner.tenantId, 'tenant.plan_changed')).toHaveLength(0);
  });
});

describe('POST /tenants/users (invitation)', () => {
  it('creates an invited user, stores only the hash of the mailed token, and audits it', async () => {
    const owner = await t.signup();
    const email = uniqueEmail('Invitee').toUpperCase();
    const res = await call(t, 'POST', '/tenants/users', { token: owner.accessToken }, { email, role: 'member' });
    expect(res.statusCode).toBe(201);
    const user = res.json();
    expect(user).toMatchObject({ email: email.toLowerCase(), role: 'member', status: 'invited', name: email.toLowerCase().split('@')[0] });

    const db = await rawDatabase(t);
    try {
      // The queued mail is sealed: neither the address nor the link is readable in the outbox.
      const outbox = await db.query(`SELECT tenant_id, sealed FROM outbox WHERE topic = 'mail' AND tenant_id = $1`, [owner.tenantId]);
      const queued = outbox.rows.filter((r) => r.sealed !== null);
      expect(queued.length).toBeGreaterThanOrEqual(1);
      for (const row of queued) expect(row.sealed).not.toContain('accept-invitation');
      for (const row of queued) expect(row.sealed).not.toContain(email.toLowerCase());
      const token = await invitationToken(t, email.toLowerCase());
      expect(t.mailbox.latest(email.toLowerCase())?.text).toContain('http://localhost:8000/accept-invitation?token=');
      // Once sent, the outbox keeps nothing of the message.
      const after = await db.query(`SELECT count(*)::int AS n FROM outbox WHERE topic = 'mail' AND tenant_id = $1 AND sealed IS NOT NULL`, [
        owner.tenantId,
      ]);
      expect(after.rows[0].n).toBe(0);
      const stored = await db.query(`SELECT token_hash, expires_at FROM auth_tokens WHERE user_id = $1 AND purpose = 'invitation'`, [
        user.id,
      ]);
      expect(stored.rows).toHaveLength(1);
      expect(stored.rows[0].token_hash).toBe(createHash('sha256').update(token).digest('hex'));
      expect(stored.rows[0].token_hash).not.toContain(token);
    } finally {
      await db.end();
    }
    const [audit] = await auditActions(owner.tenantId, 'user.invited');
    expect(audit).toMatchObject({ actor_id: owner.userId, target_id: user.id, details: { role: 'member' } });
  });

  it('lets the invited user accept, sign in and act with the invited role', async () => {
    const owner = await t.signup();
    const member = await addMember(t, owner, 'member');
    const me = await call(t, 'GET', '/auth/me', { token: member.accessToken });
    expect(me.json().user).toMatchObject({ id: member.userId, role: 'member' });
    expect(me.json().tenant.id).toBe(owner.tenantId);
    await t.login(member.email, STRONG_PASSWORD);
  });

  it('answers 409 when the email already belongs to the tenant, whatever its case or status', async () => {
    const owner = await t.signup();
    const dup = await call(t, 'POST', '/tenants/users', { token: owner.accessToken }, { email: owner.email.toUpperCase(), role: 'viewer' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('conflict');
    const email = uniqueEmail();
    expect((await call(t, 'POST', '/tenants/users', { token: owner.accessToken }, { email, role: 'viewer' })).statusCode).toBe(201);
    expect((await call(t, 'POST', '/tenants/users', { token: owner.accessToken }, { email, role: 'admin' })).statusCode).toBe(409);
  });

  it('invites an address already used in another tenant', async () => {
    const other = await t.signup();
    const owner = await t.signup();
    const res = await call(t, 'POST', '/tenants/users', { token: owner.accessToken }, { email: other.email, role: 'viewer' });
    expect(res.statusCode).toBe(201);
  });

  it('refuses the owner role, bad emails and unknown fields with 422', async () => {
    const owner = await t.signup();
    const owned = await call(t, 'POST', '/tenants/users', { token: owner.accessToken }, { email: uniqueEmail(), role: 'owner' });
    expect(owned.json().errors).toEqual([{ location: 'body.role', message: 'must be one of: admin, member, viewer' }]);
    for (const body of [
      { email: uniqueEmail(), role: 'owner' },
      { email: 'not-an-email', role: 'member' },
      { email: uniqueEmail(), role: 'member', tenant_id: owner.tenantId },
      { role: 'member' },
    ]) {
      const res = await call(t, 'POST', '/tenants/users', { token: owner.accessToken }, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
    }
  });
});

describe('GET /tenants/users', () => {
  it('shows admins every user and members only the active ones', async () => {
    const owner = await t.signup();
    const member = await addMember(t, owner, 'member');
    const invited = (
      await call(t, 'POST', '/tenants/users', { token: owner.accessToken }, { email: uniqueEmail(), role: 'viewer' })
    ).json();
    const asOwner = await call(t, 'GET', '/tenants/users', { token: owner.accessToken });
    expect(asOwner.statusCode).toBe(200);
    expect(asOwner.json().map((u: { id: string }) => u.id)).toEqual([owner.userId, member.userId, invited.id]);
    expect(asOwner.headers['x-total-count']).toBe('3');
    const asMember = await call(t, 'GET', '/tenants/users', { token: member.accessToken });
    expect(asMember.json().map((u: { id: string }) => u.id)).toEqual([owner.userId, member.userId]);
    expect(JSON.stringify(asOwner.json())).not.toContain('password');
  });

  it('paginates with a Link header until the last page, and refuses a forged cursor', async () => {
    const owner = await t.signup();
    for (let i = 0; i < 4; i++)
      await call(t, 'POST', '/tenants/users', { token: owner.accessToken }, { email: uniqueEmail(), role: 'viewer' });
    const all = (await call(t, 'GET', '/tenants/users', { token: owner.accessToken })).json().map((u: { id: string }) => u.id);
    expect(all).toHaveLength(5);
    const seen: string[] = [];
    let url: string | null = '/api/v1/tenants/users?limit=2';
    let pages = 0;
    while (url) {
      const res = await call(t, 'GET', url, { token: owner.accessToken });
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-total-count']).toBe('5');
      seen.push(...res.json().map((u: { id: string }) => u.id));
      const link = res.headers.link as string | undefined;
      url = link ? new URL(/^<([^>]+)>; rel="next"$/.exec(link)![1]).pathname + new URL(/^<([^>]+)>/.exec(link)![1]).search : null;
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(all);

    for (const cursor of ['nonsense', Buffer.from('2025-01-01T00:00:00Z|not-a-uuid').toString('base64url')]) {
      const res = await call(t, 'GET', `/tenants/users?cursor=${cursor}`, { token: owner.accessToken });
      expect(res.statusCode).toBe(422);
      expect(res.json().errors[0].location).toBe('query.cursor');
    }
    for (const limit of [0, 101, 'x'])
      expect((await call(t, 'GET', `/tenants/users?limit=${limit}`, { token: owner.accessToken })).statusCode).toBe(422);
  });
});

describe('PATCH /tenants/users/{id}', () => {
  it('changes a role and audits the change; the new role applies to the existing token at once', async () => {
    const owner = await t.signup();
    const viewer = await addMember(t, owner, 'viewer');
    expect((await call(t, 'GET', '/tenants/api-keys', { token: viewer.accessToken })).statusCode).toBe(403);

    const promoted = await call(t, 'PATCH', `/tenants/users/${viewer.userId}`, { token: owner.accessToken }, { role: 'admin' });
    expect(promoted.statusCode).toBe(200);
    expect(promoted.json()).toMatchObject({ id: viewer.userId, role: 'admin' });
    expect((await call(t, 'GET', '/tenants/api-keys', { token: viewer.accessToken })).statusCode).toBe(200);

    expect((await call(t, 'PATCH', `/tenants/users/${viewer.userId}`, { token: owner.accessToken }, { role: 'viewer' })).statusCode).toBe(
      200,
    );
    expect((await call(t, 'GET', '/tenants/api-keys', { token: viewer.accessToken })).statusCode).toBe(403);

    const rows = await auditActions(owner.tenantId, 'user.updated');
    expect(rows.map((r) => r.details)).toEqual([
      { changes: { role: { from: 'viewer', to: 'admin' } } },
      { changes: { role: { from: 'admin', to: 'viewer' } } },
    ]);
  });

  it('lets only an owner grant the owner role or change an owner', async () => {
    const owner = await t.signup();
    const admin = await addMember(t, owner, 'admin');
    const member = await addMember(t, owner, 'member');
    const grant = await call(t, 'PATCH', `/tenants/users/${member.userId}`, { token: admin.accessToken }, { role: 'owner' });
    expect(grant.statusCode).toBe(403);
    const self = await call(t, 'PATCH', `/tenants/users/${admin.userId}`, { token: admin.accessToken }, { role: 'owner' });
    expect(self.statusCode).toBe(403);
    const demoteOwner = await call(t, 'PATCH', `/tenants/users/${owner.userId}`, { token: admin.accessToken }, { role: 'member' });
    expect(demoteOwner.statusCode).toBe(403);
    expect((await call(t, 'DELETE', `/tenants/users/${owner.userId}`, { token: admin.accessToken })).statusCode).toBe(403);
    expect((await call(t, 'PATCH', `/tenants/users/${member.userId}`, { token: admin.accessToken }, { role: 'admin' })).statusCode).toBe(
      200,
    );
    expect((await call(t, 'PATCH', `/tenants/users/${member.userId}`, { token: owner.accessToken }, { role: 'owner' })).statusCode).toBe(
      200,
    );
  });

  it('protects the last owner from demotion, deactivation and removal (409), but not a second owner', async () => {
    const owner = await t.signup();
    for (const [method, body] of [
      ['PATCH', { role: 'admin' }],
      ['PATCH', { status: 'deactivated' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await call(t, method, `/tenants/users/${owner.userId}`, { token: owner.accessToken }, body);
      expect(res.statusCode, `${method} ${JSON.stringify(body)}`).toBe(409);
      expect(res.json().detail).toContain('last owner');
    }
    const second = await addMember(t, owner, 'admin');
    expect((await call(t, 'PATCH', `/tenants/users/${second.userId}`, { token: owner.accessToken }, { role: 'owner' })).statusCode).toBe(
      200,
    );
    expect((await call(t, 'PATCH', `/tenants/users/${owner.userId}`, { token: second.accessToken }, { role: 'admin' })).statusCode).toBe(
      200,
    );
    const last = await call(t, 'PATCH', `/tenants/users/${second.userId}`, { token: second.accessToken }, { role: 'admin' });
    expect(last.statusCode).toBe(409);
  });

  it('keeps one owner when two owners demote each other at the same time', async () => {
    const owner = await t.signup();
    const second = await addMember(t, owner, 'admin');
    await call(t, 'PATCH', `/tenants/users/${second.userId}`, { token: owner.accessToken }, { role: 'owner' });
    const results = await Promise.all([
      call(t, 'PATCH', `/tenants/users/${owner.userId}`, { token: second.accessToken }, { role: 'admin' }),
      call(t, 'PATCH', `/tenants/users/${second.userId}`, { token: owner.accessToken }, { role: 'admin' }),
    ]);
    // The loser is refused either as the last owner (409) or, when it runs second, as no longer an owner (403).
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes[0]).toBe(200);
    expect([403, 409]).toContain(codes[1]);
    const users = (
      await call(t, 'GET', '/tenants/users', { token: results[0].statusCode === 200 ? second.accessToken : owner.accessToken })
    ).json();
    expect(users.filter((u: { role: string }) => u.role === 'owner')).toHaveLength(1);
  });

  it('deactivation signs the user out everywhere at once; reactivation needs a new login', async () => {
    const owner = await t.signup();
    const member = await addMember(t, owner, 'member');
    expect((await call(t, 'GET', '/tenants/current', { token: member.accessToken })).statusCode).toBe(200);

    const res = await call(t, 'PATCH', `/tenants/users/${member.userId}`, { token: owner.accessToken }, { status: 'deactivated' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('deactivated');
    expect((await call(t, 'GET', '/tenants/current', { token: member.accessToken })).statusCode).toBe(401);
    expect((await call(t, 'POST', '/auth/refresh', {}, { refresh_token: member.refreshToken })).statusCode).toBe(401);
    await expect(t.login(member.email, member.password)).rejects.toThrow();

    expect((await call(t, 'PATCH', `/tenants/users/${member.userId}`, { token: owner.accessToken }, { status: 'active' })).statusCode).toBe(
      200,
    );
    expect((await call(t, 'GET', '/tenants/current', { token: member.accessToken })).statusCode).toBe(401);
    const fresh = await t.login(member.email, member.password);
    expect((await call(t, 'GET', '/tenants/current', { token: fresh.accessToken })).statusCode).toBe(200);
  });

  it('does not activate an invited user by decree', async () => {
    const owner = await t.signup();
    const invited = (
      await call(t, 'POST', '/tenants/users', { token: owner.accessToken }, { email: uniqueEmail(), role: 'viewer' })
    ).json();
    const res = await call(t, 'PATCH', `/tenants/users/${invited.id}`, { token: owner.accessToken }, { status: 'active' });
    expect(res.statusCode).toBe(409);
  });

  it('answers 404 "User not found" for another tenant\'s user and unknown ids, 422 for bad ids and bodies', async () => {
    const owner = await t.signup();
    const stranger = await t.signup();
    const res = await call(t, 'PATCH', `/tenants/users/${stranger.userId}`, { token: owner.accessToken }, { role: 'viewer' });
    expect(res.statusCode).toBe(404);
    expect(res.json().detail).toBe('User not found');
    expect((await call(t, 'GET', '/tenants/current', { token: stranger.accessToken })).statusCode).toBe(200);
    expect((await call(t, 'PATCH', '/tenants/users/not-a-uuid', { token: owner.accessToken }, { role: 'viewer' })).statusCode).toBe(422);
    expect((await call(t, 'PATCH', `/tenants/users/${owner.userId}`, { token: owner.accessToken }, {})).statusCode).toBe(422);
    expect((await call(t, 'PATCH', `/tenants/users/${owner.userId}`, { token: owner.accessToken }, { status: 'invited' })).statusCode).toBe(
      422,
    );
  });
});

describe('DELETE /tenants/users/{id}', () => {
  it('deactivates the user, ends their sessions, audits it, and is idempotent', async () => {
    const owner = await t.signup();
    const member = await addMember(t, owner, 'member');
    const res = await call(t, 'DELETE', `/tenants/users/${member.userId}`, { token: owner.accessToken });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect((await call(t, 'GET', '/tenants/current', { token: member.accessToken })).statusCode).toBe(401);
    expect((await call(t, 'POST', '/auth/refresh', {}, { refresh_token: member.refreshToken })).statusCode).toBe(401);
    const listed = (await call(t, 'GET', '/tenants/users', { token: owner.accessToken })).json();
    expect(listed.find((u: { id: string }) => u.id === member.userId).status).toBe('deactivated');
    expect((await call(t, 'DELETE', `/tenants/users/${member.userId}`, { token: owner.accessToken })).statusCode).toBe(204);
    expect(await auditActions(owner.tenantId, 'user.removed')).toHaveLength(1);
  });

  it('cancels a pending invitation', async () => {
    const owner = await t.signup();
    const email = uniqueEmail();
    const invited = (await call(t, 'POST', '/tenants/users', { token: owner.accessToken }, { email, role: 'viewer' })).json();
    const token = await invitationToken(t, email);
    expect((await call(t, 'DELETE', `/tenants/users/${invited.id}`, { token: owner.accessToken })).statusCode).toBe(204);
    const accept = await call(t, 'POST', '/auth/accept-invitation', {}, { token, password: STRONG_PASSWORD });
    expect(accept.statusCode).toBe(401);
  });

  it("answers 404 for another tenant's user and leaves that user alone", async () => {
    const owner: Account = await t.signup();
    const stranger = await t.signup();
    const res = await call(t, 'DELETE', `/tenants/users/${stranger.userId}`, { token: owner.accessToken });
    expect(res.statusCode).toBe(404);
    expect(res.json().detail).toBe('User not found');
    expect((await call(t, 'GET', '/tenants/current', { token: stranger.accessToken })).statusCode).toBe(200);
  });
});
