import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS, isCommonPassword } from '../../../src/domain/auth/common-passwords.js';
import { passwordProblems } from '../../../src/domain/auth/password-policy.js';

describe('common passwords', () => {
  it('is a real list', () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThan(1000);
    for (const entry of ['123456', 'password', 'qwerty', 'letmein', 'iloveyou', '1q2w3e4r', 'password1', 'welcome123', 'summer2024']) {
      expect(COMMON_PASSWORDS.has(entry)).toBe(true);
    }
    for (const entry of COMMON_PASSWORDS) expect(entry).toBe(entry.toLowerCase());
  });

  it('catches case changes, affixes and leetspeak of common words', () => {
    for (const password of [
      'Password1',
      'PASSWORD123',
      'Welcome123',
      'P@ssw0rd2024!',
      'Summer2024!',
      '1Password',
      'Qwerty123!',
      'Monkey!!!!7',
      'Dragon99',
      'Catalytic2025',
    ]) {
      expect(isCommonPassword(password), password).toBe(true);
    }
  });

  it('lets uncommon passwords through', () => {
    for (const password of ['Correct-Horse-Battery-9', 'Xk7#mPq2Lr', 'Dragonslayer99', 'Tr0ub4dor&3', 'mY1stLatticeRun']) {
      expect(isCommonPassword(password), password).toBe(false);
    }
  });
});

describe('password policy', () => {
  it('accepts a good password', () => {
    expect(passwordProblems('Correct-Horse-Battery-9')).toEqual([]);
    expect(passwordProblems('Zz9'.repeat(42) + 'Zz')).toEqual([]);
  });

  it('enforces the length bounds in code points', () => {
    expect(passwordProblems('Ab1cdef')).toEqual(['Password must be at least 8 characters long.']);
    expect(passwordProblems('Ab1'.repeat(43))).toEqual(['Password must be at most 128 characters long.']);
    // Four astral characters are 8 UTF-16 units but only 4 characters.
    expect(passwordProblems('Ab1😀😀😀😀')).toEqual(['Password must be at least 8 characters long.']);
    expect(passwordProblems('Ab1😀😀😀😀x')).toEqual([]);
  });

  it('requires upper case, lower case and a digit, with a sentence for each', () => {
    expect(passwordProblems('lowercase-only-words')).toEqual([
      'Password must contain an upper-case letter.',
      'Password must contain a digit.',
    ]);
    expect(passwordProblems('UPPER-AND-7-DIGITS')).toEqual(['Password must contain a lower-case letter.']);
    expect(passwordProblems('Ünïcödé-Wörds-7')).toEqual([]);
  });

  it('refuses common passwords even when they meet the character rules', () => {
    for (const password of ['Password1', 'Welcome123', 'Letmein123', 'Qwerty123', 'Summer2024', 'P@ssw0rd1']) {
      expect(passwordProblems(password)).toEqual(['Password is too common; choose one that is harder to guess.']);
    }
  });

  it('refuses the email local part and the name', () => {
    const context = { email: 'Grace.Hopper@example.com', name: 'Grace Hopper' };
    expect(passwordProblems('Grace.Hopper1', context)).toEqual([
      'Password must not contain your email address.',
      'Password must not contain your name.',
    ]);
    expect(passwordProblems('Gracehopper42', { email: 'grace.hopper@example.com' })).toEqual([
      'Password must not contain your email address.',
    ]);
    expect(passwordProblems('MyHopper-Rocks9', { name: 'Grace Hopper' })).toEqual(['Password must not contain your name.']);
    expect(passwordProblems('Bob2024!xyz', { email: 'bob@example.com' })).toEqual([]);
    expect(passwordProblems('Bob20245!', { email: 'bob@example.com' })).toEqual(['Password must not contain your email address.']);
    expect(passwordProblems('Correct-Horse-Battery-9', context)).toEqual([]);
  });

  it('works without context', () => {
    expect(passwordProblems('')).toHaveLength(4);
  });
});
