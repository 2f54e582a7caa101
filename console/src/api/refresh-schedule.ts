/**
 * Milliseconds until the access token should be refreshed: a minute before it
 * expires, or at four fifths of its life when that is sooner (short-lived
 * tokens), never sooner than a second from now.
 */
export function refreshDelay(expiresAt: number, lifetimeMs: number, now: number): number {
  const margin = Math.min(60_000, lifetimeMs / 5);
  return Math.max(1000, expiresAt - margin - now);
}
