import { describe, expect, it } from 'vitest';
import { inChromium } from './support/browser.js';
import { apis } from './support/http-client.js';

describe('journey (browser): ReDoc at /redoc', () => {
  it('renders the document with every tag in its menu', { timeout: 120_000 }, async () => {
    const [a] = apis();
    const doc = (await a.get('/openapi.json')).body as { paths: Record<string, Record<string, { tags?: string[] }>> };
    const tags = [...new Set(Object.values(doc.paths).flatMap((ops) => Object.values(ops).flatMap((op) => op.tags ?? [])))].sort();
    expect(tags.length).toBeGreaterThan(5);

    const menu = await inChromium(a.base, async ({ page, errors, external }) => {
      await page.goto(`${a.base}/redoc`, { waitUntil: 'networkidle' });
      await page.locator('.menu-content').waitFor();
      await page.locator('.api-info h1').filter({ hasText: 'Catalytic API' }).waitFor();
      // Tag entries are `tag/<name>`; their operations nest below as `tag/<name>/operation/<id>`.
      const labels = await page.$$eval('.menu-content li[data-item-id^="tag/"]', (items) =>
        items
          .filter((li) => li.getAttribute('data-item-id')!.split('/').length === 2)
          .map((li) => li.querySelector(':scope > label')?.textContent ?? ''),
      );
      expect(errors).toEqual([]);
      // ReDoc's sidebar fetches Redocly's logo from its CDN and hides it when that fails (offline);
      // everything the page needs to render comes from the service.
      expect(external.filter((r) => r.type !== 'image')).toEqual([]);
      return labels.map((l) => l.trim());
    });
    expect([...menu].sort()).toEqual(tags);
  });
});
