import { AppError } from '../errors.js';
import type { KeyValueStore } from '../../platform/key-value-store.js';

export interface ThrottleLimits {
  perAccount: number;
  perIp: number;
  windowSeconds: number;
}

/**
 * Counts failed logins per account and per client IP in a shared window, so
 * a password-guessing run is stopped on every node at once.
 */
export class LoginThrottle {
  constructor(
    private readonly store: KeyValueStore,
    private readonly limits: ThrottleLimits,
  ) {}

  private keys(email: string, ip: string) {
    return { account: `login-fail:acct:${email.toLowerCase()}`, ip: `login-fail:ip:${ip}` };
  }

  /** Throws rate_limited when either counter is already at its limit. */
  async assertAllowed(email: string, ip: string): Promise<void> {
    const k = this.keys(email, ip);
    const [account, byIp] = await this.store.mget([k.account, k.ip]);
    const blocked = [
      Number(account ?? 0) >= this.limits.perAccount ? k.account : null,
      Number(byIp ?? 0) >= this.limits.perIp ? k.ip : null,
    ].filter((key): key is string => key !== null);
    if (blocked.length === 0) return;
    const waits = await Promise.all(blocked.map((key) => this.store.pttl(key)));
    const retryAfterSeconds = Math.max(1, Math.ceil(Math.max(...waits) / 1000));
    throw new AppError('rate_limited', `Rate limit exceeded: too many failed login attempts; try again in ${retryAfterSeconds} s`, {
      retryAfterSeconds,
    });
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const k = this.keys(email, ip);
    const windowMs = this.limits.windowSeconds * 1000;
    await Promise.all([this.store.hit(k.account, windowMs), this.store.hit(k.ip, windowMs)]);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.store.del(this.keys(email, '').account);
  }
}
