import * as argon2 from 'argon2';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ARGON2_PARAMS, PasswordHasher, measureHashCost } from '../../../src/domain/auth/password-hasher.js';

// Cheap parameters keep the suite fast; the algorithm and code paths are the same.
const CHEAP = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher(CHEAP);

  it('defaults to the OWASP argon2id parameters', () => {
    expect(DEFAULT_ARGON2_PARAMS).toEqual({ memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    expect(new PasswordHasher().params).toEqual(DEFAULT_ARGON2_PARAMS);
  });

  it('produces salted argon2id PHC strings with its parameters', async () => {
    const first = await hasher.hash('Correct-Horse-9');
    const second = await hasher.hash('Correct-Horse-9');
    const [, variant, version, params] = first.split('$');
    expect([variant, version]).toEqual(['argon2id', 'v=19']);
    expect(params.split(',').sort()).toEqual(['m=1024', 'p=1', 't=1']);
    expect(first).not.toBe(second);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hasher.hash('Correct-Horse-9');
    expect(await hasher.verify(hash, 'Correct-Horse-9')).toBe(true);
    expect(await hasher.verify(hash, 'correct-horse-9')).toBe(false);
    expect(await hasher.verify(hash, '')).toBe(false);
  });

  it('answers false, without throwing, for malformed hashes', async () => {
    const good = await hasher.hash('Correct-Horse-9');
    const malformed = [
      '',
      'garbage',
      '$argon2id$',
      '$argon2id$v=19$m=1024,t=1,p=1$',
      good.slice(0, -10),
      good.replace('m=1024', 'm=abc'),
      '$2b$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234',
      null as unknown as string,
    ];
    for (const hash of malformed) expect(await hasher.verify(hash, 'Correct-Horse-9')).toBe(false);
  });

  it('normalises Unicode so composed and decomposed input match', async () => {
    const hash = await hasher.hash('Ångström-Pass-1');
    expect(await hasher.verify(hash, 'A\u030Angstro\u0308m-Pass-1')).toBe(true);
  });

  it('verifies hashes made with other parameters', async () => {
    const old = await new PasswordHasher({ memoryCost: 2048, timeCost: 2, parallelism: 1 }).hash('Correct-Horse-9');
    expect(await hasher.verify(old, 'Correct-Horse-9')).toBe(true);
    expect(hasher.needsRehash(old)).toBe(true);
  });

  it('asks for a rehash when parameters or the variant differ, or the hash is unreadable', async () => {
    expect(hasher.needsRehash(await hasher.hash('Correct-Horse-9'))).toBe(false);
    const argon2i = await argon2.hash('Correct-Horse-9', { ...CHEAP, type: argon2.argon2i });
    expect(hasher.needsRehash(argon2i)).toBe(true);
    expect(hasher.needsRehash('garbage')).toBe(true);
    expect(hasher.needsRehash('$argon2id$garbage')).toBe(true);
  });

  it('verifyDummy answers false and takes about as long as a real verify', async () => {
    const measured = new PasswordHasher({ memoryCost: 8192, timeCost: 2, parallelism: 1 });
    const hash = await measured.hash('Correct-Horse-9');
    expect(await measured.verifyDummy('Correct-Horse-9')).toBe(false);
    // Interleaved single calls and medians, so load from parallel test files hits both sides alike.
    const real: number[] = [];
    const dummy: number[] = [];
    const timed = async (run: () => Promise<unknown>, into: number[]): Promise<void> => {
      const start = performance.now();
      await run();
      into.push(performance.now() - start);
    };
    for (let i = 0; i < 9; i += 1) {
      await timed(() => measured.verify(hash, 'wrong-password'), real);
      await timed(() => measured.verifyDummy('wrong-password'), dummy);
    }
    const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const ratio = median(dummy) / median(real);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it('measures the cost of a hash', async () => {
    const ms = await measureHashCost(CHEAP, 3);
    expect(ms).toBeGreaterThan(0);
    await expect(measureHashCost(CHEAP, 0)).rejects.toThrow(RangeError);
  });
});
