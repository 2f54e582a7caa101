import { describe, expect, it } from 'vitest';
import { signUp } from './support/accounts.js';
import { inChromium } from './support/browser.js';
import { apis } from './support/http-client.js';

describe('journey (browser): Swagger UI at /docs', () => {
  it('renders, and "Try it out" on login returns a token pair that the other API process accepts', { timeout: 120_000 }, async () => {
    const [a, b] = apis();
    const account = await signUp(b, { tag: 'swagger' });
    const body = await inChromium(a.base, async ({ page, errors, external }) => {
      await page.goto(`${a.base}/docs`, { waitUntil: 'networkidle' });
      await page.locator('.swagger-ui .info .title').filter({ hasText: 'Catalytic API' }).waitFor();
      // The login operation, expanded; its canonical path is under /api/v1.
      const login = page.locator('.opblock-post').filter({ has: page.locator('[data-path="/api/v1/auth/login"]') });
      await login.locator('.opblock-summary').click();
      await login.getByRole('button', { name: 'Try it out' }).click();
      await login.locator('textarea.body-param__text').fill(JSON.stringify({ email: account.email, password: account.password }));
      await login.getByRole('button', { name: 'Execute' }).click();
      const status = login.locator('.live-responses-table .response .response-col_status').first();
      await status.waitFor();
      expect((await status.textContent())?.trim()).toBe('200');
      const text = await login.locator('.live-responses-table .response-col_description pre').first().textContent();
      expect(errors).toEqual([]);
      expect(external).toEqual([]);
      return JSON.parse(text ?? '{}');
    });
    expect(body).toMatchObject({ token_type: 'bearer', user: { email: account.email } });
    expect(body.refresh_token).toEqual(expect.any(String));
    const me = await b.get('/api/v1/auth/me', { token: body.access_token });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(account.userId);
  });
});
