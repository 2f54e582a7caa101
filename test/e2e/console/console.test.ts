import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLattice, isBlocked } from '../../../src/engine/lattice.js';
import { OBSTACLE, UNREACHED, FREE, heat, MARK } from '../../../console/src/lattice-view/palette.js';
import { axeViolations } from './axe.js';
import { launchBrowser, type Browser } from './chromium.js';
import { startConsoleServer, type ConsoleServer } from './console-server.js';
import { markedCells, marksSeenByObserver, readMap, rgbAt, watchMarksAgreeWithPicture } from './page-probes.js';

/*
 * The console in headless Chromium against the real app and a worker: a
 * newcomer's whole first session, checked against the API's own answers,
 * with axe on every page and no console error anywhere.
 */

// Screenshots go to .catalytic/ unless asked for elsewhere (CONSOLE_SCREENSHOTS=docs/images refreshes the README's).
const SHOTS = path.resolve(process.env.CONSOLE_SCREENSHOTS ?? '.catalytic/console-screenshots');

const SHAPE = [40, 56];
const OBSTACLES = { density: 0.3, seed: 7 };
const PASSWORD = 'Sturdy-Lattice-2048';

describe('web console in Chromium', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let page: Page;
  let latticeId = '';
  const pages = new Map<string, string[]>();
  let lastBearer = '';
  const invitee = `invitee-${Date.now().toString(36)}@example.com`;

  const open = async (route: string, heading: string) => {
    await page.goto(`${server.origin}/console${route}`);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  };
  const audit = async (name: string) => {
    pages.set(name, await axeViolations(page));
  };
  const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  const waitForOperation = (op: string): Promise<Response> =>
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith(`/${op}`));

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    server = await startConsoleServer();
    browser = await launchBrowser();
    page = browser.page;
    page.on('request', (r) => {
      const auth = r.headers().authorization;
      if (auth?.startsWith('Bearer ')) lastBearer = auth.slice(7);
    });
    page.on('dialog', (d) => void d.accept());
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('sends a signed-out visitor to the log-in page, which links to sign-up', async () => {
    await page.goto(`${server.origin}/console/lattices`);
    await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/login');
    await audit('log in');
    await shot('console-login');
    await page.getByRole('link', { name: 'Sign up' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign up' }).waitFor();
    await audit('sign up');
  });

  it('shows the API detail of a refused sign-up next to the form', async () => {
    await page.getByLabel('Email', { exact: true }).fill('weak@example.com');
    await page.getByLabel('Password', { exact: true }).fill('password');
    await page.getByRole('button', { name: 'Create account' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/password/i);
  });

  it('signs up with the keyboard and lands on a new-lattice form showing the plan limits', async () => {
    const email = `console-${Date.now().toString(36)}@example.com`;
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Organisation', { exact: true }).fill('Console Journeys');
    await page.getByLabel('Password', { exact: true }).press('Enter');
    await page.getByRole('heading', { level: 1, name: 'New lattice' }).waitFor();
    const limits = page.getByRole('complementary', { name: "Your plan's limits" });
    await limits.getByText('Dimensions: up to 4').waitFor();
    await limits.getByText('Lattices: 0 of 5').waitFor();
    // The access token stays in memory: nothing in localStorage, only the refresh token in sessionStorage.
    const stored = await page.evaluate(() => ({ local: Object.keys(localStorage), session: Object.keys(sessionStorage) }));
    expect(stored).toEqual({ local: [], session: ['catalytic.refresh_token'] });
    await audit('new lattice');
  });

  it('creates a 2-D lattice with obstacles and draws exactly the engine’s obstacle cells', async () => {
    await page.getByLabel('Name', { exact: true }).fill('Journey maze');
    await page.getByLabel('Shape (points per side)', { exact: true }).fill(SHAPE.join(', '));
    await page.getByLabel('Density', { exact: true }).fill(String(OBSTACLES.density));
    await page.getByLabel('Seed', { exact: true }).fill(String(OBSTACLES.seed));
    await page.getByRole('button', { name: 'Create lattice' }).click();
    await page.getByRole('heading', { level: 1, name: 'Journey maze' }).waitFor();
    latticeId = new URL(page.url()).pathname.split('/').pop()!;

    // The heading can show before the map is painted; every painted cell is opaque.
    await page.waitForFunction(() => {
      const base = document.querySelector<HTMLCanvasElement>('canvas.map-base');
      return !!base && base.width > 0 && base.getContext('2d')!.getImageData(0, 0, 1, 1).data[3] > 0;
    });
    const map = await readMap(page);
    expect([map.rows, map.cols, map.layer]).toEqual([SHAPE[0], SHAPE[1], 'obstacles']);
    const engine = createLattice({ shape: SHAPE, obstacles: OBSTACLES });
    let blocked = 0;
    for (let r = 0; r < SHAPE[0]; r++) {
      for (let c = 0; c < SHAPE[1]; c++) {
        const want = isBlocked(engine, r * SHAPE[1] + c) ? OBSTACLE : FREE;
        if (want === OBSTACLE) blocked++;
        expect(rgbAt(map, r, c), `cell ${r},${c}`).toEqual([...want]);
      }
    }
    expect(blocked).toBeGreaterThan(400);
  });

  it('runs a path and draws exactly the path the API answered', async () => {
    await page.getByLabel('Operation', { exact: true }).selectOption('path');
    await watchMarksAgreeWithPicture(page);
    const answered = waitForOperation('path');
    await page.getByRole('button', { name: 'Run shortest path' }).click();
    const answer = await (await answered).json();
    expect(answer.reachable).toBe(true);
    await page.locator('[data-result="path"]').waitFor();
    await page.waitForFunction(
      (n) => document.querySelector('canvas.map-marks')?.getAttribute('data-mark-count') === String(n),
      answer.path.length,
    );

    // Every time the DOM changed, the mark count it stated was already on the canvas.
    const seen = await marksSeenByObserver(page);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((s) => s.stated !== s.painted)).toEqual([]);
    expect(seen.at(-1)!.stated).toBe(answer.path.length);
    const drawn = markedCells(await readMap(page));
    const expected = [...answer.path].sort((a: number[], b: number[]) => a[0] - b[0] || a[1] - b[1]);
    expect(drawn).toEqual(expected);
    expect(drawn.length).toBe(answer.hops + 1);
    const marks = await readMap(page);
    const [r, c] = answer.path[1];
    expect(Array.from(marks.marks.slice(4 * (r * marks.cols + c), 4 * (r * marks.cols + c) + 3))).toEqual([...MARK]);
    await shot('console-lattice-path');
  });

  it('runs distances and draws the binary field as a heat map, cell by cell', async () => {
    await page.getByLabel('Operation', { exact: true }).selectOption('distances');
    const answered = waitForOperation('distances');
    await page.getByRole('button', { name: 'Run BFS distances' }).click();
    const response = await answered;
    expect(response.headers()['content-type']).toBe('application/octet-stream');
    const bytes = await response.body();
    const field = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    expect(field.length).toBe(SHAPE[0] * SHAPE[1]);
    await page.locator('[data-result="distances"]').waitFor();
    await page.waitForFunction(() => document.querySelector('canvas.map-base')?.getAttribute('data-layer') === 'distances');

    const map = await readMap(page);
    const engine = createLattice({ shape: SHAPE, obstacles: OBSTACLES });
    const max = Math.max(...field);
    for (let i = 0; i < field.length; i++) {
      const [r, c] = [Math.floor(i / SHAPE[1]), i % SHAPE[1]];
      const want = isBlocked(engine, i) ? OBSTACLE : field[i] < 0 ? UNREACHED : heat(field[i] / max);
      expect(rgbAt(map, r, c), `cell ${r},${c} at distance ${field[i]}`).toEqual([...want]);
    }
    await page.locator('[data-result="distances"] .chart-host canvas').waitFor();
    await shot('console-lattice-distances');
  });

  it('colours the components the engine labels in the browser, as many as the API counts', async () => {
    await page.getByLabel('Operation', { exact: true }).selectOption('components');
    const answered = waitForOperation('components');
    await page.getByRole('button', { name: 'Run connected components' }).click();
    const answer = await (await answered).json();
    const note = page.locator('[data-labelled-components]');
    await note.waitFor();
    expect(Number(await note.getAttribute('data-labelled-components'))).toBe(answer.count);
    const map = await readMap(page);
    expect(map.layer).toBe('components');
  });

  it('replays diffusion frames whose final statistics match the server’s', async () => {
    await page.getByLabel('Operation', { exact: true }).selectOption('diffusion');
    await page.getByLabel('Steps', { exact: true }).fill('120');
    const engine = createLattice({ shape: SHAPE, obstacles: OBSTACLES });
    let centre = (SHAPE[0] / 2) * SHAPE[1] + SHAPE[1] / 2;
    while (isBlocked(engine, centre)) centre++;
    await page.getByLabel('Heat sources', { exact: true }).fill(`${Math.floor(centre / SHAPE[1])}, ${centre % SHAPE[1]}, 100`);
    await page.getByRole('button', { name: 'Run heat diffusion' }).click();
    const frames = page.locator('[data-frames]');
    await frames.waitFor();
    expect(await frames.getAttribute('data-replay-agrees')).toBe('true');
    expect(Number(await frames.getAttribute('data-frames'))).toBeGreaterThan(2);
    await shot('console-lattice-diffusion');
  });

  it('sends what was typed right after choosing an operation, before the next frame is painted', async () => {
    // A busy machine paints late. Frames are held back here (requestAnimationFrame never fires) while the
    // operation changes, a field is typed and the form submitted: the request must carry the new
    // operation's values, not the previous operation's left in place until a frame resets them.
    const answered = waitForOperation('partition');
    await page.evaluate(async () => {
      const field = (label: string) => {
        const l = [...document.querySelectorAll('label')].find((e) => e.textContent?.trim() === label);
        return document.getElementById(l!.htmlFor) as HTMLInputElement | HTMLSelectElement;
      };
      const rendered = () => new Promise((r) => setTimeout(r, 0));
      const raf = window.requestAnimationFrame;
      window.requestAnimationFrame = () => 0;
      try {
        const operation = field('Operation');
        operation.value = 'partition';
        operation.dispatchEvent(new Event('change', { bubbles: true }));
        await rendered();
        const parts = field('Parts');
        parts.value = '6';
        parts.dispatchEvent(new Event('input', { bubbles: true }));
        await rendered();
        (operation.form as HTMLFormElement).requestSubmit();
        await rendered();
      } finally {
        window.requestAnimationFrame = raf;
      }
    });
    const response = await answered;
    expect(response.status()).toBe(200);
    expect(response.request().postDataJSON()).toEqual({ parts: 6 });
    await page.locator('[data-result="partition"]').waitFor();
  });

  it('starts a job, shows its progress live and the result when it finishes', async () => {
    await page.getByLabel('Operation', { exact: true }).selectOption('random-walk');
    await page.getByLabel('Walkers', { exact: true }).fill('2000');
    await page.getByLabel('Steps', { exact: true }).fill('2000');
    await page.getByLabel('Run as a job (progress, cancel)', { exact: true }).check();
    const answered = waitForOperation('random-walk');
    await page.getByRole('button', { name: 'Run random walks' }).click();
    const accepted = await answered;
    expect(accepted.status()).toBe(202);
    const { job_id } = await accepted.json();
    const card = page.locator('.job').first();
    await card.waitFor();
    await page
      .waitForFunction(() => document.querySelector('.job')?.getAttribute('data-status') === 'succeeded', null, { timeout: 60_000 })
      .catch(async (err: unknown) => {
        // Say where the job stood, as the API tells it, rather than only that the page did not show it finished.
        const job = await server.t.app.inject({
          method: 'GET',
          url: `/api/v1/jobs/${job_id}`,
          headers: { authorization: `Bearer ${lastBearer}` },
        });
        throw new Error(`job ${job_id} did not show as succeeded: the API says ${job.statusCode} ${job.body}; ${String(err)}`);
      });
    expect(await card.locator('progress').getAttribute('value')).toBe('100');
    await page.locator('[data-result="random-walk"]').waitFor();
    await page.getByText('Mean squared displacement over time', { exact: true }).waitFor();
    await page.locator('[data-result="random-walk"] .chart-host canvas').waitFor();
    await audit('lattice');
    await shot('console-lattice-job');
  }, 90_000);

  it('cancels a running job from its card', async () => {
    await page.getByLabel('Operation', { exact: true }).selectOption('random-walk');
    await page.getByLabel('Walkers', { exact: true }).fill('100000');
    await page.getByLabel('Steps', { exact: true }).fill('100000');
    await page.getByLabel('Run as a job (progress, cancel)', { exact: true }).check();
    const answered = waitForOperation('random-walk');
    await page.getByRole('button', { name: 'Run random walks' }).click();
    const { job_id } = await (await answered).json();
    const card = page.locator(`.job[data-job-id="${job_id}"]`);
    await card.getByRole('button', { name: 'Cancel job' }).click();
    await page.waitForFunction(
      (id) => document.querySelector(`.job[data-job-id="${id}"]`)?.getAttribute('data-status') === 'cancelled',
      job_id,
      {
        timeout: 30_000,
      },
    );
    expect(await card.getByRole('button', { name: 'Cancel job' }).count()).toBe(0);
    await page.getByLabel('Run as a job (progress, cancel)', { exact: true }).uncheck();
  });

  it('lists the operations in the history, filterable by type', async () => {
    const history = page.locator('table.history tbody tr[data-operation-type]');
    await page.waitForFunction(() => document.querySelectorAll('table.history tbody tr[data-operation-type]').length >= 5);
    expect(await history.count()).toBeGreaterThanOrEqual(5);
    await page.getByLabel('Type', { exact: true }).selectOption('path');
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('table.history tbody tr[data-operation-type]')];
      return rows.length === 1 && rows[0].getAttribute('data-operation-type') === 'path';
    });
  });

  it('keeps the session across a reload and finds the lattice by name', async () => {
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Journey maze' }).waitFor();
    await page.getByRole('link', { name: 'Lattices' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lattices' }).waitFor();
    await page.getByLabel('Name contains', { exact: true }).fill('nothing-like-it');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('No lattice has "nothing-like-it" in its name.').waitFor();
    await page.getByLabel('Name contains', { exact: true }).fill('maze');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: 'Journey maze' }).waitFor();
    await audit('lattices');
    await shot('console-lattices');
  });

  it('creates an API key, shows it once, and revokes it so the API refuses it', async () => {
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('heading', { level: 1, name: 'API keys' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('journey script');
    await page.getByRole('button', { name: 'Create key' }).click();
    const keyField = page.getByLabel('Your new key', { exact: true });
    await keyField.waitFor();
    const key = await keyField.inputValue();
    expect(key).toMatch(/^clc_/);
    const withKey = () => fetch(`${server.origin}/api/v1/lattices/${latticeId}`, { headers: { 'x-api-key': key } });
    expect((await withKey()).status).toBe(200);
    await audit('api keys');
    await shot('console-api-keys');
    await page.getByRole('button', { name: 'Done' }).click();
    expect(await page.getByLabel('Your new key', { exact: true }).count()).toBe(0);

    await page.getByRole('button', { name: 'Revoke journey script' }).click();
    await page.getByText(/^revoked /).waitFor();
    const refused = await withKey();
    expect(refused.status).toBe(401);
  });

  it('shows members, jobs, usage and the audit log without accessibility problems', async () => {
    await page.getByRole('link', { name: 'Members' }).click();
    await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
    await page.getByLabel('Invite by email', { exact: true }).fill(invitee);
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText('1 invitation not yet accepted.').waitFor();
    await audit('members');

    await page.getByRole('link', { name: 'Jobs' }).click();
    await page.getByRole('heading', { level: 1, name: 'Jobs' }).waitFor();
    await page.locator('tr[data-job-id]').first().waitFor();
    await audit('jobs');

    await page.getByRole('link', { name: 'Usage' }).click();
    await page.getByRole('heading', { level: 1, name: 'Usage and plan' }).waitFor();
    await page.getByText('Operations this month', { exact: true }).waitFor();
    await audit('usage');
    await shot('console-usage');

    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    await page.locator('tr[data-action="api_key.revoked"]').first().waitFor();
    await audit('audit log');
  });

  it('is readable at 360 px: nothing wider than the screen', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    for (const route of ['/lattices', '/api-keys', '/members', '/usage', '/audit', `/lattices/${latticeId}`]) {
      await page.goto(`${server.origin}/console${route}`);
      await page.locator('h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, route).toBeLessThanOrEqual(360);
    }
    await shot('console-lattice-narrow');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('logs out: the token it used is revoked and the console is back at log-in', async () => {
    await open('/lattices', 'Lattices');
    const token = lastBearer;
    expect(token).not.toBe('');
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
    const me = await fetch(`${server.origin}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(401);
    expect((await me.json()).code).toBe('token_revoked');
    expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual([]);
  });

  it('lets the invitee follow the mailed link, choose a password and join as a member', async () => {
    let link: string | undefined;
    for (let i = 0; i < 100 && !link; i++) {
      link = /https?:\/\/\S+\/accept-invitation\?token=\S+/.exec(server.t.mailbox.latest(invitee)?.text ?? '')?.[0];
      if (!link) await new Promise((r) => setTimeout(r, 100));
    }
    expect(link, 'invitation mail').toBeDefined();
    const mailed = new URL(link!);
    await page.goto(`${server.origin}${mailed.pathname}${mailed.search}`);
    await page.getByRole('heading', { level: 1, name: 'Join your organisation' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/accept-invitation');
    await audit('accept invitation');
    await page.getByLabel('Choose a password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Accept invitation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lattices' }).waitFor();
    await page.getByText(`${invitee} · Console Journeys (member)`).waitFor();
    await page.getByRole('link', { name: 'Journey maze' }).waitFor();
    // Members do not see the audit log in the navigation: it is for admins.
    expect(await page.getByRole('link', { name: 'Audit log' }).count()).toBe(0);
  });

  it('found no serious or critical accessibility violation on any page, and no console error', () => {
    expect([...pages.keys()]).toEqual(
      expect.arrayContaining([
        'log in',
        'sign up',
        'new lattice',
        'lattice',
        'lattices',
        'api keys',
        'members',
        'jobs',
        'usage',
        'audit log',
      ]),
    );
    expect(Object.fromEntries([...pages].filter(([, v]) => v.length > 0))).toEqual({});
    // The refused sign-up above is a 422 the console handled; the browser logs the failed request itself.
    expect(browser.problems.filter((p) => !/status of 422/.test(p))).toEqual([]);
  });
});
