/** Request logs never carry a password, bearer token or API key. */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { loadConfig } from '../../src/platform/config.js';
import { loggerOptions } from '../../src/platform/logger.js';
import { DevMailbox } from '../../src/platform/mail/dev-mailbox.js';
import { createRuntime } from '../../src/runtime.js';
import { json } from '../support/edge-fixtures.js';
import { newTestStore, uniqueEmail } from '../support/test-app.js';
import { createTestDatabase } from '../support/test-database.js';

describe('logs', () => {
  it('never contain passwords, bearer tokens or API keys', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const logger = pino(loggerOptions('info'), sink);
    const database = await createTestDatabase();
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      DATABASE_URL: database.url,
      DATABASE_POOL_MAX: '3',
      ARGON2_MEMORY_KIB: '1024',
      ARGON2_TIME_COST: '1',
      TESTING_MODE: 'true',
    });
    const store = newTestStore();
    const runtime = await createRuntime({ config, databaseUrl: database.url, logger, store, mail: new DevMailbox() });
    const app = await buildApp(runtime.appDeps());
    await app.ready();
    runtime.lifecycle.markStarted();
    try {
      const email = uniqueEmail('logs');
      const password = 'Log-Secret-Passw0rd-Zq';
      const wrongPassword = 'Wrong-Secret-Passw0rd-Xv';
      const apiKey = `clc_${'k'.repeat(8)}_SuperSecretApiKeyValue123`;
      const reg = await app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { email, password } });
      expect(reg.statusCode).toBe(201);
      const { access_token: accessToken, refresh_token: refreshToken } = reg.json();
      expect(
        (await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: wrongPassword } })).statusCode,
      ).toBe(401);
      expect((await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } })).statusCode).toBe(200);
      await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: json,
        payload: `{"email":"${email}","password":"${password}"`,
      });
      await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${accessToken}` } });
      await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { 'x-api-key': apiKey } });
      await app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refresh_token: refreshToken } });
      await app.inject({
        method: 'POST',
        url: '/api/testing/error',
        headers: { authorization: `Bearer ${accessToken}`, 'x-api-key': apiKey },
        payload: { error_type: '500' },
      });
      await app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: { authorization: `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}` },
      });

      const text = lines.join('');
      expect(text).toContain('incoming request');
      expect(text).toContain('unhandled error');
      for (const secret of [
        password,
        wrongPassword,
        apiKey,
        accessToken,
        refreshToken,
        accessToken.split('.')[2],
        Buffer.from(`${email}:${password}`).toString('base64'),
      ]) {
        expect(text.includes(secret), `log contains a secret: ${secret.slice(0, 12)}...`).toBe(false);
      }
    } finally {
      await app.close();
      await runtime.close();
      await store.close();
      await database.drop();
    }
  });
});
