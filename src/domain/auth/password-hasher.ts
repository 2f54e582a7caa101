import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import * as argon2 from 'argon2';

/** Argon2id cost parameters. */
export interface Argon2Params {
  /** KiB of memory per hash. */
  memoryCost: number;
  /** Passes over that memory. */
  timeCost: number;
  /** Lanes; 1 because each request hashes once and the server has other requests to run. */
  parallelism: number;
}

/**
 * OWASP Password Storage Cheat Sheet's first argon2id choice: m = 19 MiB,
 * t = 2, p = 1. It costs an attacker's GPU about as much as bcrypt cost 10-11
 * per guess, yet keeps one login at a few tens of ms and under 20 MiB, so a
 * login burst cannot exhaust memory. Raise it when `measureHashCost` says the
 * hardware has room; `needsRehash` then upgrades hashes at the next login.
 */
export const DEFAULT_ARGON2_PARAMS: Readonly<Argon2Params> = Object.freeze({
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
});

const ARGON2ID_PREFIX = '$argon2id$';

// NIST SP 800-63B: normalise before hashing so the same password typed on
// another keyboard or OS (composed vs decomposed accents) still matches.
function normalise(password: string): string {
  return password.normalize('NFKC');
}

/**
 * Hashes and checks passwords with argon2id. The PHC string it produces
 * carries its own salt and parameters, so changing the parameters never
 * breaks existing hashes.
 */
export class PasswordHasher {
  readonly params: Readonly<Argon2Params>;
  #dummyHash: Promise<string> | undefined;

  constructor(params: Partial<Argon2Params> = {}) {
    this.params = Object.freeze({ ...DEFAULT_ARGON2_PARAMS, ...params });
  }

  /** A PHC-format argon2id hash with a fresh 16-byte salt. */
  hash(password: string): Promise<string> {
    return argon2.hash(normalise(password), { ...this.params, type: argon2.argon2id });
  }

  /** Whether `password` matches `hash`; false, never an exception, for a hash that cannot be parsed. */
  async verify(hash: string, password: string): Promise<boolean> {
    if (typeof hash !== 'string' || !hash.startsWith('$argon2')) return false;
    try {
      return await argon2.verify(hash, normalise(password));
    } catch {
      return false;
    }
  }

  /**
   * Spends the time of a real `verify` and answers false. Called for an
   * unknown email so that "no such user" and "wrong password" cannot be told
   * apart by timing. The dummy hash uses the current parameters, as real
   * hashes do once `needsRehash` has upgraded them.
   */
  async verifyDummy(password: string): Promise<false> {
    this.#dummyHash ??= this.hash(randomBytes(32).toString('base64url'));
    await this.verify(await this.#dummyHash, password);
    return false;
  }

  /** Whether `hash` was made with other parameters (or is not argon2id) and should be replaced after a successful login. */
  needsRehash(hash: string): boolean {
    if (typeof hash !== 'string' || !hash.startsWith(ARGON2ID_PREFIX)) return true;
    try {
      return argon2.needsRehash(hash, { ...this.params, version: 0x13 });
    } catch {
      return true;
    }
  }
}

/** Milliseconds per hash, averaged over `n` sequential hashes with `params` (after one warm-up). */
export async function measureHashCost(params: Argon2Params, n: number): Promise<number> {
  if (!Number.isInteger(n) || n < 1) throw new RangeError('n must be a positive integer');
  const hasher = new PasswordHasher(params);
  await hasher.hash('warm-up');
  const start = performance.now();
  for (let i = 0; i < n; i += 1) await hasher.hash(`Benchmark-${i}`);
  return (performance.now() - start) / n;
}
