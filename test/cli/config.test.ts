import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/platform/config.js';
import { runCatalytic } from '../support/catalytic-process.js';

// Each spawn loads the TypeScript sources through tsx: about 2 s of CPU, far
// more wall time on a busy machine. So the spawns run concurrently, and "fails
// fast" is proven by the absence of any start-up work (no log line, so no
// database was resolved or started) rather than by a wall clock; the kill
// timer of runCatalytic only catches a hang.
const SPAWN_TEST_TIMEOUT = 120_000;

describe.concurrent('catalytic CLI', () => {
  it.each([
    ['PORT', 'abc'],
    ['LOG_LEVEL', 'loud'],
    ['DATABASE_URL', 'mysql://x'],
  ])('serve with %s=%s exits 78 naming the variable, before any start-up work', { timeout: SPAWN_TEST_TIMEOUT }, async (name, value) => {
    // LOG_LEVEL=info (unless it is the variable under test), so any start-up log line would show.
    const run = await runCatalytic(['serve'], { LOG_LEVEL: 'info', [name]: value }, SPAWN_TEST_TIMEOUT - 30_000);
    expect(run.signal, run.stderr).toBeNull();
    expect(run.code, run.stderr).toBe(78);
    expect(run.stderr).toContain(`${name}=${JSON.stringify(value)}`);
    expect(run.stdout).toBe('');
  });

  it('--help prints usage and exits 0', { timeout: SPAWN_TEST_TIMEOUT }, async () => {
    const run = await runCatalytic(['--help'], {}, SPAWN_TEST_TIMEOUT - 30_000);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Usage: catalytic');
    expect(run.stdout).toContain('serve');
  });

  it('an unknown command exits 2 with the usage on stderr', { timeout: SPAWN_TEST_TIMEOUT }, async () => {
    const run = await runCatalytic(['frobnicate'], {}, SPAWN_TEST_TIMEOUT - 30_000);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('frobnicate');
    expect(run.stderr).toContain('Usage: catalytic');
  });
});

describe('loadConfig', () => {
  it('fills in the documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      NODE_ENV: 'development',
      HOST: '0.0.0.0',
      PORT: 8000,
      LOG_LEVEL: 'info',
      BODY_LIMIT_BYTES: 1_048_576,
      TRUST_PROXY: false,
      TESTING_MODE: false,
      ACCESS_TOKEN_TTL_SECONDS: 900,
      REFRESH_TOKEN_TTL_SECONDS: 604_800,
      LOGIN_MAX_FAILURES_PER_ACCOUNT: 5,
      LOGIN_MAX_FAILURES_PER_IP: 20,
      LOGIN_LOCKOUT_WINDOW_SECONDS: 900,
      REGISTRATIONS_PER_IP_PER_HOUR: 300,
    });
    expect(c.corsOrigins).toEqual(['http://localhost:3000', 'http://localhost:3001']);
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.REDIS_URL).toBeUndefined();
  });

  it('names every bad variable at once', () => {
    let err: unknown;
    try {
      loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const names = (err as ConfigError).problems.map((p) => p.split('=')[0]);
    expect(new Set(names)).toEqual(new Set(['PORT', 'LOG_LEVEL', 'DATABASE_URL']));
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', LOG_LEVEL: '' })).toMatchObject({ PORT: 8000, LOG_LEVEL: 'info' });
  });

  it('converts numbers', () => {
    expect(loadConfig({ PORT: '9090', BODY_LIMIT_BYTES: '2048' })).toMatchObject({ PORT: 9090, BODY_LIMIT_BYTES: 2048 });
  });

  it('adds CORS_ORIGINS to the defaults, trimmed, without blanks or duplicates', () => {
    const c = loadConfig({
      CORS_ORIGINS: ' https://app.example.com ,https://admin.example.com,, http://localhost:3000 ,https://app.example.com',
    });
    expect(c.corsOrigins).toEqual([
      'http://localhost:3000',
      'http://localhost:3001',
      'https://app.example.com',
      'https://admin.example.com',
    ]);
  });

  it.each([
    ['true', true],
    ['1', true],
    ['false', false],
    ['0', false],
  ])('reads the boolean %s as %s', (value, expected) => {
    const c = loadConfig({ TESTING_MODE: value, TRUST_PROXY: value });
    expect(c.TESTING_MODE).toBe(expected);
    expect(c.TRUST_PROXY).toBe(expected);
  });

  it.each(['yes', 'on', 'TRUE ', '2'])('refuses the boolean %j', (value) => {
    expect(() => loadConfig({ TESTING_MODE: value })).toThrow(ConfigError);
  });

  it('refuses BODY_LIMIT_BYTES above 10 MB and accepts exactly 10 MB', () => {
    expect(loadConfig({ BODY_LIMIT_BYTES: '10485760' }).BODY_LIMIT_BYTES).toBe(10_485_760);
    let err: unknown;
    try {
      loadConfig({ BODY_LIMIT_BYTES: '10485761' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems.join('\n')).toContain('BODY_LIMIT_BYTES');
    expect((err as ConfigError).message).toContain('BODY_LIMIT_BYTES="10485761"');
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '80.5'],
    ['SHUTDOWN_GRACE_MS', '2500.9'],
    ['LOG_LEVEL', 'loud'],
    ['NODE_ENV', 'staging'],
    ['DATABASE_URL', 'mysql://x'],
    ['REDIS_URL', 'http://localhost:6379'],
    ['PUBLIC_URL', 'ftp://example.com'],
    ['ACCESS_TOKEN_TTL_SECONDS', '5'],
  ])('refuses %s=%s with a message naming it', (name, value) => {
    let err: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems;
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.startsWith(`${name}=`))).toBe(true);
  });

  it.each([
    ['PORT', '8e3'],
    ['PORT', '0x1F90'],
    ['SHUTDOWN_GRACE_MS', '1e4'],
    ['PORT', 'true'],
  ])('never silently turns %s=%s into a different number', (name, value) => {
    let result: number | undefined;
    try {
      result = loadConfig({ [name]: value })[name as 'PORT' | 'SHUTDOWN_GRACE_MS'];
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return;
    }
    expect(result).toBe(Number(value));
  });

  it('accepts postgres and redis URLs of both spellings', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://u@h/db', REDIS_URL: 'rediss://h:6380' })).toMatchObject({
      DATABASE_URL: 'postgresql://u@h/db',
      REDIS_URL: 'rediss://h:6380',
    });
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db', REDIS_URL: 'redis://h' }).DATABASE_URL).toBe('postgres://u@h/db');
  });
});
