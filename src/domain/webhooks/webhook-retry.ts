/**
 * When a failed delivery is tried again: exponential backoff with full
 * jitter (retry n waits a uniformly random time in [0, base·2^(n-1)], capped
 * at an hour), unless the receiver's Retry-After asks for a definite time,
 * which is honoured (capped the same way).
 */

export const MAX_RETRY_DELAY_SECONDS = 3600;

/** Seconds from a Retry-After header (delta-seconds or an HTTP date), or null when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text), MAX_RETRY_DELAY_SECONDS);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(0, (at - now) / 1000), MAX_RETRY_DELAY_SECONDS);
}

/**
 * The wait before retry number `retry` (1 for the first retry) with base
 * `baseSeconds`; `retryAfter` (seconds) wins when given. `random` is in [0, 1).
 */
export function retryDelaySeconds(
  retry: number,
  baseSeconds: number,
  retryAfter: number | null = null,
  random: () => number = Math.random,
): number {
  if (retryAfter !== null) return retryAfter;
  const ceiling = Math.min(baseSeconds * 2 ** Math.max(0, retry - 1), MAX_RETRY_DELAY_SECONDS);
  return random() * ceiling;
}

/** Whether a delivery that has made `attempts` attempts (this one included) and failed is dead: its retries are spent. */
export function isExhausted(attempts: number, maxRetries: number): boolean {
  return attempts > maxRetries;
}
