import { describe, expect, it } from 'vitest';
import { logIn, signUp } from './support/accounts.js';
import { apis } from './support/http-client.js';

describe('journey: refresh rotation and a stolen refresh token', () => {
  it('rotates on one process and, when the spent token comes back on the other, ends every session', { timeout: 60_000 }, async () => {
    const [a, b] = apis();
    const account = await signUp(a, { tag: 'rotation' });
    const laptop = await logIn(a, account.email, account.password);

    const rotated = await b.post('/api/v1/auth/refresh', { refresh_token: laptop.refreshToken });
    expect(rotated.status).toBe(200);
    expect(rotated.body.refresh_token).not.toBe(laptop.refreshToken);
    expect((await a.get('/api/v1/auth/me', { token: rotated.body.access_token })).status).toBe(200);
    const again = await a.post('/api/v1/auth/refresh', { refresh_token: rotated.body.refresh_token });
    expect(again.status).toBe(200);

    // The first refresh token, spent, presented again: treated as theft.
    const replay = await a.post('/api/v1/auth/refresh', { refresh_token: laptop.refreshToken });
    expect(replay.status).toBe(401);
    for (const token of [again.body.access_token, account.accessToken, laptop.accessToken]) {
      for (const api of [a, b]) expect((await api.get('/api/v1/auth/me', { token })).status, api.name).toBe(401);
    }
    expect((await b.post('/api/v1/auth/refresh', { refresh_token: again.body.refresh_token })).status).toBe(401);
    // The password still works: the owner signs in again.
    const back = await logIn(b, account.email, account.password);
    expect((await a.get('/api/v1/auth/me', { token: back.accessToken })).status).toBe(200);
  });
});
