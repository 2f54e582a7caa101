import { describe, expect, it } from 'vitest';
import { logIn, signUp, strongPassword, uniqueEmail } from './support/accounts.js';
import { apis } from './support/http-client.js';
import { tokenFromMail } from './support/mailbox.js';

describe('journey: password reset by mail', () => {
  it('sets a new password with the mailed token and ends every old session on both processes', { timeout: 90_000 }, async () => {
    const [a, b] = apis();
    const account = await signUp(a, { tag: 'reset' });
    const other = await logIn(b, account.email, account.password);

    const asked = await b.post('/api/v1/auth/password-reset', { email: account.email });
    expect(asked.status).toBe(202);
    // An unknown address gets the same answer, so the route does not reveal who has an account.
    const unknown = await a.post('/api/v1/auth/password-reset', { email: uniqueEmail('nobody') });
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(asked.body);

    const token = await tokenFromMail(account.email, /Reset your Catalytic password/);
    const newPassword = strongPassword();
    const confirmed = await a.post('/api/v1/auth/password-reset/confirm', { token, new_password: newPassword });
    expect(confirmed.status, confirmed.text).toBe(200);
    expect((await b.post('/api/v1/auth/password-reset/confirm', { token, new_password: strongPassword() })).status).toBe(401);

    for (const [api, session] of [
      [b, account.accessToken],
      [a, other.accessToken],
    ] as const) {
      expect((await api.get('/api/v1/auth/me', { token: session })).status).toBe(401);
    }
    expect((await a.post('/api/v1/auth/refresh', { refresh_token: other.refreshToken })).status).toBe(401);

    const old = await b.post('/api/v1/auth/login', { email: account.email, password: account.password });
    expect(old.status).toBe(401);
    expect(old.body.code).toBe('invalid_credentials');
    const fresh = await logIn(a, account.email, newPassword);
    expect((await b.get('/api/v1/auth/me', { token: fresh.accessToken })).body.user.email).toBe(account.email);
  });
});
