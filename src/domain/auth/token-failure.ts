import { isTokenError } from './token-errors.js';
import { AppError } from '../errors.js';

/** A TokenError as the token_expired or token_invalid the client sees: the detail says which check failed. */
export function tokenFailure(err: unknown): AppError {
  if (!isTokenError(err)) return new AppError('token_invalid', 'Token is invalid');
  return new AppError(err.reason === 'expired' ? 'token_expired' : 'token_invalid', err.detail, { fields: { reason: err.reason } });
}
