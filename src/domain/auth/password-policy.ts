import { AppError } from '../errors.js';
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
 * The rules a password is checked against. `personal_info.*` are the checks
 * PASSWORD_REJECT_PERSONAL_INFO turns on: they run only when the caller passes
 * the user's email or name in the context.
 */
export type PasswordRule =
  'min_length' | 'max_length' | 'upper_case' | 'lower_case' | 'digit' | 'not_common' | 'personal_info.email' | 'personal_info.name';

/** One rule a password broke, and the sentence that tells the user. */
export interface PasswordFailure {
  rule: PasswordRule;
  message: string;
}

/**
 * Every rule `password` breaks, in a fixed order; empty when it is acceptable.
 * Length counts Unicode code points, so an accented or non-Latin password is
 * measured as the user sees it.
 */
export function passwordFailures(password: string, context: PasswordContext = {}): PasswordFailure[] {
  const failures: PasswordFailure[] = [];
  const fail = (rule: PasswordRule, message: string) => failures.push({ rule, message });
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) fail('min_length', `Password must be at least ${MIN_PASSWORD_LENGTH} characters long.`);
  if (length > MAX_PASSWORD_LENGTH) fail('max_length', `Password must be at most ${MAX_PASSWORD_LENGTH} characters long.`);
  if (!/\p{Lu}/u.test(password)) fail('upper_case', 'Password must contain an upper-case letter.');
  if (!/\p{Ll}/u.test(password)) fail('lower_case', 'Password must contain a lower-case letter.');
  if (!/\p{Nd}/u.test(password)) fail('digit', 'Password must contain a digit.');
  if (length <= MAX_PASSWORD_LENGTH && isCommonPassword(password)) {
    fail('not_common', 'Password is too common; choose one that is harder to guess.');
  }
  const localPart = context.email?.split('@')[0] ?? '';
  if (repeats(password, variants(localPart))) fail('personal_info.email', 'Password must not contain your email address.');
  const name = context.name ?? '';
  if (repeats(password, [...variants(name), ...name.toLowerCase().split(/\s+/).filter(Boolean)])) {
    fail('personal_info.name', 'Password must not contain your name.');
  }
  return failures;
}

/** Every reason `password` is refused, as sentences; empty when it is acceptable. */
export function passwordProblems(password: string, context: PasswordContext = {}): string[] {
  return passwordFailures(password, context).map((f) => f.message);
}

/**
 * Throws the validation_failed of a refused password: the detail and the
 * problem's `failed_rules` name each rule broken, each field problem says it.
 */
export function assertPasswordAccepted(password: string, context: PasswordContext, field: string): void {
  const failures = passwordFailures(password, context);
  if (failures.length === 0) return;
  const rules = failures.map((f) => f.rule);
  throw new AppError(
    'validation_failed',
    `Password rejected by rule${rules.length > 1 ? 's' : ''} ${rules.join(', ')}: ${failures.map((f) => f.message).join(' ')}`,
    { errors: failures.map((f) => ({ field, message: f.message })), fields: { failed_rules: rules } },
  );
}
