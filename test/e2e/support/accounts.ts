import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { ApiClient } from './http-client.js';

export interface Account {
  email: string;
  password: string;
  userId: string;
  tenantId: string;
  tenantSlug: string;
  accessToken: string;
  refreshToken: string;
}

let counter = 0;

/** An address no other journey or run uses (example.com: mail to it never leaves anyway). */
export function uniqueEmail(tag: string): string {
  return `e2e-${tag}-${Date.now().toString(36)}-${++counter}-${randomBytes(3).toString('hex')}@example.com`;
}

/** A password that meets the policy and shares nothing with the account's name or address. */
export function strongPassword(): string {
  return `Pq4${randomBytes(9).toString('hex')}Xw`;
}

/** Signs up a new tenant through `api` and returns its owner's account. */
export async function signUp(api: ApiClient, opts: { tag: string; plan?: string }): Promise<Account> {
  const email = uniqueEmail(opts.tag);
  const password = strongPassword();
  const res = await api.post('/api/v1/auth/register', {
    email,
    password,
    company_name: `E2E ${opts.tag} ${randomBytes(2).toString('hex')}`,
    ...(opts.plan ? { plan_code: opts.plan } : {}),
  });
  expect(res.status, res.text).toBe(201);
  return {
    email,
    password,
    userId: res.body.user_id,
    tenantId: res.body.tenant_id,
    tenantSlug: res.body.tenant_slug,
    accessToken: res.body.access_token,
    refreshToken: res.body.refresh_token,
  };
}

/** Logs in through `api`; fails the journey unless it answers 200 with both tokens. */
export async function logIn(api: ApiClient, email: string, password: string): Promise<{ accessToken: string; refreshToken: string }> {
  const res = await api.post('/api/v1/auth/login', { email, password });
  expect(res.status, res.text).toBe(200);
  expect(res.body.token_type).toBe('bearer');
  return { accessToken: res.body.access_token, refreshToken: res.body.refresh_token };
}
