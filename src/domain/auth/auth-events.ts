import type { TokenErrorReason } from './token-errors.js';

/** Which failed-login counter refused an attempt. */
export type LockoutScope = 'account' | 'ip';
export type LoginOutcome = 'success' | 'invalid_credentials' | 'account_disabled' | 'locked_out';
export type PresentedCredential = 'access_token' | 'refresh_token' | 'api_key' | 'none';
export type RefusalReason =
  | TokenErrorReason
  | 'revoked'
  | 'unknown_subject'
  | 'account_disabled'
  | 'missing_credentials'
  | 'api_key_invalid'
  | 'api_key_revoked'
  | 'api_key_expired';
export type RateLimitKind = 'requests' | 'compute' | 'login' | 'registration';
/** What was revoked; `refresh_reuse`: a reused refresh token ended every session of its user. */
export type RevocationKind = 'access_token' | 'refresh_token' | 'refresh_reuse' | 'user_sessions' | 'api_key';

/**
 * What authentication and the rate limits report as they happen: the domain
 * names the outcome, the runtime counts it (src/runtime.ts turns these into
 * the catalytic_auth_* and catalytic_rate_limited_total metrics). Never an id,
 * an address or a token: only the closed vocabularies above.
 */
export interface AuthEvents {
  login(outcome: LoginOutcome): void;
  lockout(scope: LockoutScope): void;
  credentialRefused(credential: PresentedCredential, reason: RefusalReason): void;
  apiKeyUse(outcome: 'accepted' | 'rejected'): void;
  /** `planCode` null: a limit that applies before any tenant is known (login, registration). */
  rateLimited(kind: RateLimitKind, planCode: string | null): void;
  revoked(kind: RevocationKind): void;
}

/** For services built without a reporter (tests of one service). */
export const UNREPORTED: AuthEvents = {
  login: () => undefined,
  lockout: () => undefined,
  credentialRefused: () => undefined,
  apiKeyUse: () => undefined,
  rateLimited: () => undefined,
  revoked: () => undefined,
};
