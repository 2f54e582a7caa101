import { mkdir } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe.js';
import { launchBrowser, type Browser } from './chromium.js';
import { startConsoleServer, type ConsoleServer } from './console-server.js';

/*
 * The console's webhooks pages in headless Chromium against the real app and
 * a worker, delivering to a receiver in this process (loopback allowed):
 * register with the secret shown once, send a test, see a dead delivery and
 * retry it, rotate the secret, pause, delete; axe on both pages.
 */

const SHOTS = path.resolve(process.env.CONSOLE_SCREENSHOTS ?? '.catalytic/console-screenshots');
const PASSWORD = 'Sturdy-Lattice-2048';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

describe('web console in Chromium: webhooks', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let page: Page;
  let receiver: Server;
  let receiverUrl = '';
  let token = '';
  /** What the receiver answers on /failing; everything else gets 200. */
  let failingStatus = 500;
  const received: Received[] = [];
  const violations = new Map<string, string[]>();
  let secret = '';

  const api = async (method: string, route: string, body?: unknown) => {
    const res = await fetch(`${server.origin}${route}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: res.status === 204 ? null : await res.json() };
  };
  const audit = async (name: string) => violations.set(name, await axeViolations(page));
  const arrived = async (pathName: string, type: string, count = 1) => {
    for (let i = 0; i < 300; i++) {
      const hits = received.filter((r) => r.path === pathName && JSON.parse(r.body).type === type);
      if (hits.length >= count) return hits;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no ${type} at ${pathName}; received: ${received.map((r) => r.path).join(', ')}`);
  };

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(req.url === '/failing' ? failingStatus : 200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    server = await startConsoleServer({ WEBHOOK_ALLOW_LOOPBACK: 'true' });
    browser = await launchBrowser();
    page = browser.page;
    page.on('dialog', (d) => void d.accept());

    const email = `console-hooks-${Date.now().toString(36)}@example.com`;
    const signUp = await fetch(`${server.origin}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD, company_name: 'Console Webhooks' }),
    });
    expect(signUp.status).toBe(201);
    token = ((await signUp.json()) as { access_token: string }).access_token;
    await page.goto(`${server.origin}/console/login`);
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lattices' }).waitFor();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    receiver?.closeAllConnections();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('registers an endpoint and shows its signing secret once', async () => {
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
    await page.getByText('No endpoints yet.').waitFor();
    await audit('webhooks, empty');
    await page.getByLabel('Endpoint URL', { exact: true }).fill(`${receiverUrl}/hooks`);
    await page.getByLabel('Description', { exact: true }).fill('console journey');
    await page.getByRole('checkbox', { name: 'every event (*)' }).check();
    await page.getByRole('button', { name: 'Register endpoint' }).click();
    const field = page.getByLabel('Signing secret', { exact: true });
    await field.waitFor();
    secret = await field.inputValue();
    expect(secret).toMatch(/^whsec_/);
    await page.locator('tr[data-webhook-id]').first().waitFor();
    const row = (await page.locator('tr[data-webhook-id]').first().textContent()) ?? '';
    expect(row).toContain(`${receiverUrl}/hooks`);
    expect(row).toMatch(/lattice\.\*, job\.\*, \*|\*, lattice\.\*, job\.\*/);
    await audit('webhooks');
    await page.screenshot({ path: path.join(SHOTS, 'console-webhooks.png'), fullPage: true });
    await page.getByRole('button', { name: 'Done' }).click();
    expect(await page.getByLabel('Signing secret', { exact: true }).count()).toBe(0);
    // The secret is not in any later answer: the list does not carry it.
    const list = await api('GET', '/api/v1/webhooks');
    expect(JSON.stringify(list.body)).not.toContain(secret);
  });

  it('sends a test event that arrives signed and shows in the delivery log as succeeded', async () => {
    await page.getByRole('link', { name: `${receiverUrl}/hooks` }).click();
    await page.getByRole('heading', { level: 1, name: 'Webhook endpoint' }).waitFor();
    await page.getByText('console journey').waitFor();
    await page.getByRole('button', { name: 'Send test event' }).click();
    await page.getByText('A webhook.test event is on its way').waitFor();
    const [hit] = await arrived('/hooks', 'webhook.test');
    expect(new Webhook(secret).verify(hit.body, hit.headers as Record<string, string>)).toMatchObject({ type: 'webhook.test' });
    const row = page.locator('tr[data-delivery-status="succeeded"]');
    await row.waitFor({ timeout: 20_000 });
    expect(await row.textContent()).toContain('webhook.test');
    expect(await row.textContent()).toContain(String(hit.headers['webhook-id']));
  });

  it('shows a dead delivery with its response code and error, and retries it with the same webhook-id', async () => {
    const failing = await api('POST', '/api/v1/webhooks', {
      url: `${receiverUrl}/failing`,
      events: ['lattice.*'],
      retry_config: { max_retries: 0, retry_delay_seconds: 1 },
    });
    expect(failing.status).toBe(201);
    expect((await api('POST', '/api/v1/lattices', { name: 'hook me', shape: [4, 4] })).status).toBe(201);
    const [first] = await arrived('/failing', 'lattice.created');
    await page.goto(`${server.origin}/console/webhooks/${failing.body.id}`);
    await page.getByRole('heading', { level: 1, name: 'Webhook endpoint' }).waitFor();
    const dead = page.locator('tr[data-delivery-status="dead"]');
    await dead.waitFor({ timeout: 20_000 });
    const text = (await dead.textContent()) ?? '';
    expect(text).toContain('lattice.created');
    expect(text).toContain('500');
    await audit('webhook endpoint');
    await page.screenshot({ path: path.join(SHOTS, 'console-webhook-deliveries.png'), fullPage: true });

    failingStatus = 200;
    await page.getByRole('button', { name: 'Retry the lattice.created delivery now' }).click();
    await page.locator('tr[data-delivery-status="succeeded"]').waitFor({ timeout: 20_000 });
    const both = await arrived('/failing', 'lattice.created', 2);
    expect(both[1].headers['webhook-id']).toBe(first.headers['webhook-id']);
  });

  it('rotates the secret (new one shown once, old one still signing), pauses, resumes and deletes', async () => {
    await page.getByRole('button', { name: 'Rotate secret' }).click();
    const field = page.getByLabel('New signing secret', { exact: true });
    await field.waitFor();
    const rotated = await field.inputValue();
    expect(rotated).toMatch(/^whsec_/);
    await page.getByText(/^still signs until /).waitFor();
    await page.getByRole('button', { name: 'Done' }).click();

    await page.getByRole('button', { name: 'Pause' }).click();
    await page.locator('dd[data-webhook-state="paused"]').waitFor();
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.locator('dd[data-webhook-state="active"]').waitFor();

    const id = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByRole('button', { name: 'Delete endpoint' }).click();
    await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
    expect((await api('GET', `/api/v1/webhooks/${id}`)).status).toBe(404);
    await page.locator('tr[data-webhook-id]').first().waitFor();
    expect(await page.locator(`tr[data-webhook-id="${id}"]`).count()).toBe(0);
  });

  it('is readable at 360 px and found no serious or critical accessibility violation, and no console error', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${server.origin}/console/webhooks`);
    await page.locator('tr[data-webhook-id]').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect([...violations.keys()]).toEqual(['webhooks, empty', 'webhooks', 'webhook endpoint']);
    expect(Object.fromEntries([...violations].filter(([, v]) => v.length > 0))).toEqual({});
    expect(browser.problems).toEqual([]);
  });
});
