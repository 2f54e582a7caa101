/** The OpenAPI document (JSON and YAML), Swagger UI and ReDoc, from local assets. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { startTestingApp } from '../support/edge-fixtures.js';
import type { TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => (t = await startTestingApp()));
afterAll(() => t?.close());

describe('docs', () => {
  it('/openapi.json is OpenAPI 3.1 with canonical paths only', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\.1\./);
    const paths = Object.keys(doc.paths);
    expect(paths).toContain('/api/v1/auth/register');
    expect(paths).toContain('/api/v1/auth/login');
    expect(paths.filter((p) => p.startsWith('/api/') && !p.startsWith('/api/v1/'))).toEqual([]);
    expect(paths.filter((p) => p.startsWith('/auth/'))).toEqual([]);
  });

  it('/openapi.yaml parses to the same document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/openapi.yaml' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/yaml/);
    const doc = parseYaml(res.body);
    const fromJson = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(doc.openapi).toBe(fromJson.openapi);
    expect(Object.keys(doc.paths).sort()).toEqual(Object.keys(fromJson.paths).sort());
  });

  it('/docs serves Swagger UI with its local assets', async () => {
    let res = await t.app.inject({ method: 'GET', url: '/docs' });
    if (res.statusCode >= 300 && res.statusCode < 400) res = await t.app.inject({ method: 'GET', url: String(res.headers.location) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('swagger-ui');
    const assets = [...res.body.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => m[1]);
    expect(assets.some((a) => a.endsWith('swagger-ui-bundle.js'))).toBe(true);
    for (const asset of assets) {
      const url = asset.startsWith('/') ? asset : new URL(asset, 'http://x/docs/').pathname;
      expect(url.startsWith('/docs/static/'), url).toBe(true);
      const a = await t.app.inject({ method: 'GET', url });
      expect(a.statusCode, url).toBe(200);
    }
  });

  it('/redoc serves ReDoc from a local bundle', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/redoc' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('/redoc/redoc.standalone.js');
    expect(page.body).toContain('/openapi.json');
    const bundle = await t.app.inject({ method: 'GET', url: '/redoc/redoc.standalone.js' });
    expect(bundle.statusCode).toBe(200);
    expect(bundle.headers['content-type']).toMatch(/javascript/);
    expect(bundle.body.length).toBeGreaterThan(100_000);
  });
});
