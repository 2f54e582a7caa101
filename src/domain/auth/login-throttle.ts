import { AppError } from '../errors.js';
import type { KeyValueStore } from '../../platform/key-value-store.js';
import { UNREPORTED, type AuthEvents } from './auth-events.js';

export interface ThrottleLimits {
  perAccount: number;
  perIp: number;
  windowSeconds: number;
}

/**
 * Counts login attempts per account and per client IP in a shared window, so
 * a password-guessing run is stopped on every node at once.
 *
 * The count is taken BEFORE the password is verified, atomically (one INCR
 * per counter, the first one starting the window): of any number of parallel
 * attempts only the first `perAccount` get to verify a password, however they
 * interleave. A verified password gives its attempt back (`succeeded`), so
 * only failures stay counted.
 */
export class LoginThrottle {
  constructor(
    private readonly store: KeyValueStore,
    private readonly limits: ThrottleLimits,
    private readonly events: Pick<AuthEvents, 'lockout' | 'rateLimited'> = UNREPORTED,
  ) {}

  private keys(email: string, ip: string) {
    return { account: `login-fail:acct:${email.toLowerCase()}`, ip: `login-fail:ip:${ip}` };
  }

  /**
   * Counts one attempt against both counters; throws rate_limited when either
   * is past its limit (the attempt then verifies nothing).
   */
  async admit(email: string, ip: string): Promise<void> {
    const k = this.keys(email, ip);
    const windowMs = this.limits.windowSeconds * 1000;
    const [account, byIp] = await Promise.all([this.store.hit(k.account, windowMs), this.store.hit(k.ip, windowMs)]);
    const blocked = [
      account.count > this.limits.perAccount ? { scope: 'account' as const, resetMs: account.resetMs } : null,
      byIp.count > this.limits.perIp ? { scope: 'ip' as const, resetMs: byIp.resetMs } : null,
    ].filter((b) => b !== null);
    if (blocked.length === 0) return;
    for (const b of blocked) this.events.lockout(b.scope);
    this.events.rateLimited('login', null);
    const retryAfterSeconds = Math.max(1, Math.ceil(Math.max(...blocked.map((b) => b.resetMs)) / 1000));
    throw new AppError('rate_limited', `Rate limit exceeded: too many failed login attempts; try again in ${retryAfterSeconds} s`, {
      retryAfterSeconds,
    });
  }

  /** The password was right: the account's failures are forgotten and the IP gets its attempt back. */
  async succeeded(email: string, ip: string): Promise<void> {
    const k = this.keys(email, ip);
    const [, ipLeft] = await Promise.all([this.store.del(k.account), this.store.add(k.ip, -1)]);
    // The window ran out between admit and now: the decrement made a fresh key that would never expire.
    if (ipLeft <= 0) await this.store.del(k.ip);
  }
}
