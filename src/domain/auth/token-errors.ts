/** Why a presented JWT was refused; stable, so the HTTP edge and logs can key on it. */
export type TokenErrorReason =
  | 'expired'
  | 'not_yet_valid'
  | 'invalid_signature'
  | 'malformed'
  | 'missing_claims'
  | 'invalid_claims'
  | 'wrong_type'
  | 'unknown_key'
  | 'algorithm_not_allowed';

const DEFAULT_DETAILS: Readonly<Record<TokenErrorReason, string>> = {
  expired: 'Token has expired',
  not_yet_valid: 'Token is not valid yet',
  invalid_signature: 'Token has an invalid signature',
  malformed: 'Token is malformed',
  missing_claims: 'Token is missing required claims',
  invalid_claims: 'Token has invalid claims',
  wrong_type: 'Token is of the wrong type',
  unknown_key: 'Token was signed with an unknown key',
  algorithm_not_allowed: 'Token uses a signing algorithm that is not allowed',
};

/**
 * The only error `TokenService.verify` throws. Every reason means "not authenticated"; the
 * reason lets logs and metrics tell attacks (forged, wrong algorithm) from
 * ordinary expiry, and `detail` is a sentence safe to show the client.
 */
export class TokenError extends Error {
  readonly reason: TokenErrorReason;
  readonly detail: string;

  constructor(reason: TokenErrorReason, detail: string = DEFAULT_DETAILS[reason], options?: ErrorOptions) {
    super(detail, options);
    this.name = 'TokenError';
    this.reason = reason;
    this.detail = detail;
  }
}

/** Narrowing helper for callers that catch `unknown`. */
export function isTokenError(value: unknown): value is TokenError {
  return value instanceof TokenError;
}
