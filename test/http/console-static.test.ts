import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';

const INDEX = '<!doctype html><title>Catalytic console</title><script type="module" src="/console/assets/index-abc123.js"></script>';
const SCRIPT = 'console.log("catalytic console");'.repeat(20);

describe('web console serving (/console)', () => {
  let dir: string;
  let t: TestApp;
  let unbuilt: TestApp;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'console-static-'));
    await mkdir(path.join(dir, 'assets'));
    await writeFile(path.join(dir, 'index.html'), INDEX);
    await writeFile(path.join(dir, 'assets/index-abc123.js'), SCRIPT);
    await writeFile(path.join(dir, 'assets/index-abc123.js.gz'), gzipSync(SCRIPT));
    await writeFile(path.join(dir, 'assets/index-abc123.js.br'), brotliCompressSync(SCRIPT));
    t = await createTestApp({ env: { CONSOLE_DIR: dir } });
    unbuilt = await createTestApp({ databaseUrl: t.databaseUrl, store: t.store, env: { CONSOLE_DIR: path.join(dir, 'missing') } });
  });
  afterAll(async () => {
    await unbuilt?.close();
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves index.html for /console and for every deep link, never cached', async () => {
    for (const url of ['/console', '/console/', '/console/lattices/0192aaaa-0000-7000-8000-000000000000', '/console/login?next=%2Fjobs']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toBe(INDEX);
    }
  });

  it('serves hashed assets with a year-long immutable cache, compressed when the client takes it', async () => {
    const plain = await t.app.inject({ method: 'GET', url: '/console/assets/index-abc123.js' });
    expect(plain.statusCode).toBe(200);
    expect(plain.body).toBe(SCRIPT);
    expect(plain.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    const br = await t.app.inject({ method: 'GET', url: '/console/assets/index-abc123.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(SCRIPT.length);
    const gz = await t.app.inject({ method: 'GET', url: '/console/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
  });

  it('answers a missing asset with a problem 404, not the page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/console/assets/gone-000000.js' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('gives the console its own CSP and keeps the strict one on the API', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/console/lattices' });
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(page.headers['x-frame-options']).toBe('DENY');

    for (const url of ['/api/v1/plans', '/health', '/consoles', '/api/v1/console']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.headers['content-security-policy'], url).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'");
    }
  });

  it('sends the links of account mails to the console pages, token included', async () => {
    for (const page of ['accept-invitation', 'reset-password', 'verify-email']) {
      const res = await t.app.inject({ method: 'GET', url: `/${page}?token=abc.def` });
      expect(res.statusCode, page).toBe(302);
      expect(res.headers.location).toBe(`/console/${page}?token=abc.def`);
    }
  });

  it('says how to build the console when it is not built: 503 problem, not a bare 404', async () => {
    const res = await unbuilt.app.inject({ method: 'GET', url: '/console/lattices' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 503, code: 'service_unavailable' });
    expect(res.json().detail).toContain('npm run build:console');
  });

  it('keeps the console routes out of the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/console') || (p.includes('invitation') && !p.startsWith('/api')))).toEqual(
      [],
    );
  });
});
