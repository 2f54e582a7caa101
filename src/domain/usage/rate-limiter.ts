import type { KeyValueStore } from '../../platform/key-value-store.js';
import { AppError, type RateWindow } from '../errors.js';
import { UNREPORTED, type AuthEvents } from '../auth/auth-events.js';

export type LimitKind = 'requests' | 'compute';

export interface WindowHit {
  count: number;
  resetMs: number;
}

export type { RateWindow };

const WINDOW_MS = 60_000;

/**
 * Per-tenant fixed one-minute windows in the shared store, so every node
 * counts against the same budget. A limit of -1 means unlimited.
 */
export class RateLimiter {
  constructor(
    private readonly store: KeyValueStore,
    private readonly events: Pick<AuthEvents, 'rateLimited'> = UNREPORTED,
  ) {}

  /** Counts one request in the tenant's current window. */
  hit(tenantId: string, kind: LimitKind): Promise<WindowHit> {
    return this.store.hit(`ratelimit:${kind}:${tenantId}`, WINDOW_MS);
  }

  /** Counts one request; throws rate_limited (with the window's numbers) when it is over the limit. */
  async consume(tenantId: string, kind: LimitKind, limit: number, planCode: string): Promise<RateWindow | null> {
    if (limit < 0) return null;
    return this.judge(await this.hit(tenantId, kind), kind, limit, planCode);
  }

  /** The window after a hit; throws rate_limited when the hit went over `limit` (-1: unlimited). */
  judge({ count, resetMs }: WindowHit, kind: LimitKind, limit: number, planCode: string): RateWindow | null {
    if (limit < 0) return null;
    const window = { limit, remaining: Math.max(0, limit - count), resetSeconds: Math.max(1, Math.ceil(resetMs / 1000)) };
    if (count > limit) {
      this.events.rateLimited(kind, planCode);
      const what = kind === 'compute' ? 'compute operations' : 'requests';
      throw new AppError('rate_limited', `Rate limit exceeded: plan '${planCode}' allows ${limit} ${what} per minute`, {
        retryAfterSeconds: window.resetSeconds,
        rateWindow: window,
        fields: { limit_name: kind === 'compute' ? 'compute_per_minute' : 'requests_per_minute', limit },
      });
    }
    return window;
  }
}
