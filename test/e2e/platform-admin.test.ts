import { describe, expect, inject, it } from 'vitest';
import { runCatalytic } from '../support/catalytic-process.js';
import { signUp } from './support/accounts.js';
import { apis } from './support/http-client.js';

// The admin command loads the sources through tsx: seconds of CPU on a busy machine.
const COMMAND_TIMEOUT_MS = 120_000;

describe('journey: a platform admin suspends a tenant, at once on every process', () => {
  it(
    'is granted by `catalytic admin grant EMAIL`, suspends and reactivates a tenant and moves its plan, each seen at once on the other API process and audited',
    { timeout: 180_000 },
    async () => {
      const [a, b] = apis();
      const operator = await signUp(a, { tag: 'operator' });
      const customer = await signUp(b, { tag: 'suspended' });
      const asOperator = { token: operator.accessToken };
      const asCustomer = { token: customer.accessToken };
      const key = await b.post('/api/v1/tenants/api-keys', { name: 'ci', scopes: ['read'] }, asCustomer);
      expect(key.status, key.text).toBe(201);
      const asKey = { apiKey: key.body.key as string };

      // Not an administrator until the operator's command says so.
      expect((await a.get('/api/v1/admin/tenants', asOperator)).status).toBe(403);
      const grant = await runCatalytic(['admin', 'grant', operator.email], inject('fleet').operatorEnv, COMMAND_TIMEOUT_MS);
      expect(grant.code, grant.stderr).toBe(0);
      expect(JSON.parse(grant.stdout)).toMatchObject({ action: 'grant', user_id: operator.userId });

      const listed = await b.get('/api/v1/admin/tenants?status=active&limit=100', asOperator);
      expect(listed.status, listed.text).toBe(200);
      expect(listed.body.find((t: { id: string }) => t.id === customer.tenantId)).toMatchObject({ status: 'active', plan_code: 'free' });

      const suspended = await a.post(`/api/v1/admin/tenants/${customer.tenantId}/suspend`, undefined, asOperator);
      expect(suspended.status, suspended.text).toBe(200);
      expect(suspended.body.status).toBe('suspended');
      // The other process refuses the customer's token, key and password from the next request on.
      for (const reply of [
        await b.get('/api/v1/lattices', asCustomer),
        await b.get('/api/v1/lattices', asKey),
        await b.post('/api/v1/auth/login', { email: customer.email, password: customer.password }),
      ]) {
        expect(reply.status, reply.text).toBe(403);
        expect(reply.body.code).toBe('account_disabled');
      }
      expect((await b.post(`/api/v1/admin/tenants/${operator.tenantId}/suspend`, undefined, asOperator)).status).toBe(409);

      const moved = await b.put(`/api/v1/admin/tenants/${customer.tenantId}/plan`, { plan_code: 'starter' }, asOperator);
      expect(moved.status, moved.text).toBe(200);
      const back = await b.post(`/api/v1/admin/tenants/${customer.tenantId}/reactivate`, undefined, asOperator);
      expect(back.status, back.text).toBe(200);
      expect(back.body).toMatchObject({ status: 'active', plan_code: 'starter' });

      // Back in on the first process, with the new plan's limits.
      const me = await a.get('/api/v1/auth/me', asCustomer);
      expect(me.status, me.text).toBe(200);
      expect(me.body.plan.code).toBe('starter');
      expect(me.body.limits.lattices).toBe(50);
      expect((await a.get('/api/v1/lattices', asKey)).status).toBe(200);

      // The customer's own audit log names the administrator for each action.
      const audit = await a.get('/api/v1/audit-logs?limit=100', asCustomer);
      expect(audit.status, audit.text).toBe(200);
      const ADMIN_ACTIONS = ['tenant.plan_changed', 'tenant.reactivated', 'tenant.suspended'];
      const byAdmin = audit.body.filter((e: { action: string }) => ADMIN_ACTIONS.includes(e.action));
      expect(byAdmin.map((e: { action: string }) => e.action).sort()).toEqual([
        'tenant.plan_changed',
        'tenant.reactivated',
        'tenant.suspended',
      ]);
      for (const entry of byAdmin) expect(entry).toMatchObject({ actor_id: operator.userId, actor_type: 'user' });
    },
  );
});
