import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';

/** Debian's Chromium: installed by .ci/run, never downloaded at install time. */
export const CHROMIUM = '/usr/bin/chromium';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserRun {
  page: Page;
  /** Uncaught page errors, console errors, and failed or 4xx/5xx requests to the service itself. */
  errors: string[];
  /** Every request the page made to another origin (the service is meant to serve all it needs). */
  external: { url: string; type: string }[];
}

/**
 * Runs `journey` in a fresh headless Chromium (own user-data-dir) on pages of
 * `origin`, the service under test; closes it afterwards whatever happens.
 */
export async function inChromium<T>(origin: string, journey: (run: BrowserRun) => Promise<T>): Promise<T> {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'catalytic-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    timeout: 60_000,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    const external: BrowserRun['external'] = [];
    const own = new URL(origin).origin;
    const ownOrigin = (url: string) => url.startsWith('data:') || new URL(url).origin === own;
    page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
    page.on('console', (msg) => {
      // Failed loads are reported below with their URL; the console line does not name it.
      if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) errors.push(`console: ${msg.text()}`);
    });
    page.on('request', (req) => {
      if (!ownOrigin(req.url())) external.push({ url: req.url(), type: req.resourceType() });
    });
    page.on('requestfailed', (req) => {
      if (ownOrigin(req.url())) errors.push(`request failed: ${req.url()} (${req.failure()?.errorText})`);
    });
    page.on('response', (res) => {
      if (res.status() >= 400 && ownOrigin(res.url())) errors.push(`HTTP ${res.status()}: ${res.url()}`);
    });
    return await journey({ page, errors, external });
  } finally {
    await context.close();
    await rm(userDataDir, { recursive: true, force: true });
  }
}
