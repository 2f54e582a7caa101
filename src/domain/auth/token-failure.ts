import { isTokenError } from './token-errors.js';
import { AppError } from '../errors.js';

/**
 * A TokenError as the token_expired or token_invalid the client sees. Old
 * clients look for "expired" or "invalid" in the detail: "Token expired", or
 * "Invalid token: " and the sentence saying which check failed.
 */
export function tokenFailure(err: unknown): AppError {
  if (!isTokenError(err)) return new AppError('token_invalid', 'Invalid token');
  if (err.reason === 'expired') return new AppError('token_expired', 'Token expired', { fields: { reason: err.reason } });
  return new AppError('token_invalid', `Invalid token: ${err.detail}`, { fields: { reason: err.reason } });
}
