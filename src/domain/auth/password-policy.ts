import { isCommonPassword } from './common-passwords.js';

export const MIN_PASSWORD_LENGTH = 8;
// Long enough for any passphrase; short enough that hashing cannot be abused to burn CPU.
export const MAX_PASSWORD_LENGTH = 128;

/** Who the password belongs to, so it cannot simply repeat their identity. */
export interface PasswordContext {
  email?: string;
  name?: string;
}

// Shorter fragments ("al", "bob") occur inside unrelated passwords too often to
// refuse on containment; they are refused only when they are the whole word.
const MIN_IDENTITY_FRAGMENT = 4;

function variants(text: string): string[] {
  const lower = text.toLowerCase().trim();
  return [lower, lower.replace(/[^\p{L}\p{N}]/gu, '')].filter((variant) => variant.length > 0);
}

/** Whether the password is, or visibly contains, one of the identity strings. */
function repeats(password: string, identities: string[]): boolean {
  const lower = password.toLowerCase();
  // The password stripped of leading and trailing digits and symbols: "Bob2024!" → "bob".
  const word = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  return identities.some((identity) => identity === word || ([...identity].length >= MIN_IDENTITY_FRAGMENT && lower.includes(identity)));
}

/**
 * Every reason `password` is refused, as sentences for the field problems of a validation_failed;
 * empty when it is acceptable. Length counts Unicode code points, so an
 * accented or non-Latin password is measured as the user sees it.
 */
export function passwordProblems(password: string, context: PasswordContext = {}): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    problems.push(`Password must be at least ${MIN_PASSWORD_LENGTH} characters long.`);
  }
  if (length > MAX_PASSWORD_LENGTH) {
    problems.push(`Password must be at most ${MAX_PASSWORD_LENGTH} characters long.`);
  }
  if (!/\p{Lu}/u.test(password)) problems.push('Password must contain an upper-case letter.');
  if (!/\p{Ll}/u.test(password)) problems.push('Password must contain a lower-case letter.');
  if (!/\p{Nd}/u.test(password)) problems.push('Password must contain a digit.');
  if (length <= MAX_PASSWORD_LENGTH && isCommonPassword(password)) {
    problems.push('Password is too common; choose one that is harder to guess.');
  }
  const localPart = context.email?.split('@')[0] ?? '';
  if (repeats(password, variants(localPart))) {
    problems.push('Password must not contain your email address.');
  }
  const name = context.name ?? '';
  if (repeats(password, [...variants(name), ...name.toLowerCase().split(/\s+/).filter(Boolean)])) {
    problems.push('Password must not contain your name.');
  }
  return problems;
}
