/*
 * Where the console keeps its tokens, and why:
 * - the access token lives in memory only (a variable of this module), so no
 *   other page, extension storage or later visitor can read it;
 * - the refresh token lives in sessionStorage: it survives a reload of this
 *   tab (a reload does not sign you out) but not the closing of the tab, is
 *   never shared with other tabs and is never sent by the browser on its own
 *   (unlike a cookie). The console's CSP admits no inline or third-party
 *   script, which is what would otherwise reach sessionStorage.
 * The server rotates refresh tokens and treats a spent one as theft, so a
 * duplicated tab (which copies sessionStorage) ends both tabs' sessions at
 * the first refresh; signing in again is the remedy.
 */

const REFRESH_KEY = 'catalytic.refresh_token';

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  expires_in: number;
}

let accessToken: string | null = null;
let accessExpiresAt = 0;

export function storeTokens(pair: TokenPair, now = Date.now()): void {
  accessToken = pair.access_token;
  accessExpiresAt = now + pair.expires_in * 1000;
  sessionStorage.setItem(REFRESH_KEY, pair.refresh_token);
}

export function clearTokens(): void {
  accessToken = null;
  accessExpiresAt = 0;
  sessionStorage.removeItem(REFRESH_KEY);
}

export const currentAccessToken = (): string | null => accessToken;
export const accessTokenExpiresAt = (): number => accessExpiresAt;
export const storedRefreshToken = (): string | null => sessionStorage.getItem(REFRESH_KEY);
