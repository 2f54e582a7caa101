import type { LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { expect } from 'vitest';
import type { Role, Scope } from '../../src/domain/auth/roles.js';
import { type Account, STRONG_PASSWORD, type TestApp, uniqueEmail } from './test-app.js';

/** Credentials for a request: a bearer access token, an API key, or nothing. */
export interface Credentials {
  token?: string;
  apiKey?: string;
}

export interface Member {
  userId: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One request against the app under /api/v1 (or any absolute path given). */
export function call(
  t: TestApp,
  method: Method,
  path: string,
  creds: Credentials = {},
  payload?: unknown,
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  if (creds.token) headers.authorization = `Bearer ${creds.token}`;
  if (creds.apiKey) headers['x-api-key'] = creds.apiKey;
  const url = path.startsWith('/api') ? path : `/api/v1${path}`;
  return t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
}

/** The single-use token of the newest invitation mailed to `email` (after the outbox is drained). */
export async function invitationToken(t: TestApp, email: string): Promise<string> {
  await t.deliverMail();
  const mail = t.mailbox.latest(email);
  expect(mail, `an invitation mailed to ${email}`).toBeDefined();
  const match = /accept-invitation\?token=([A-Za-z0-9_-]+)/.exec(mail!.text);
  expect(match).not.toBeNull();
  return match![1];
}

/** Invites a user with `role` into the owner's tenant and signs them in through the invitation. */
export async function addMember(t: TestApp, inviter: Pick<Account, 'accessToken'>, role: Exclude<Role, 'owner'>): Promise<Member> {
  const email = uniqueEmail(role);
  const invited = await call(t, 'POST', '/tenants/users', { token: inviter.accessToken }, { email, role });
  expect(invited.statusCode, invited.body).toBe(201);
  const token = await invitationToken(t, email);
  const accepted = await call(t, 'POST', '/auth/accept-invitation', {}, { token, password: STRONG_PASSWORD });
  expect(accepted.statusCode, accepted.body).toBe(200);
  const body = accepted.json();
  return { userId: invited.json().id, email, password: STRONG_PASSWORD, accessToken: body.access_token, refreshToken: body.refresh_token };
}

/** Creates an API key in the caller's tenant; returns its id and the secret shown once. */
export async function createApiKey(
  t: TestApp,
  token: string,
  scopes: Scope[],
  extra: Record<string, unknown> = {},
): Promise<{ id: string; key: string; prefix: string }> {
  const res = await call(t, 'POST', '/tenants/api-keys', { token }, { name: `key ${scopes.join('+')}`, scopes, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  const { id, key, prefix } = res.json();
  return { id, key, prefix };
}

/** A direct connection as the configured login (a superuser in tests): below the app, past RLS. */
export async function rawDatabase(t: TestApp): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: t.databaseUrl });
  await client.connect();
  return client;
}
