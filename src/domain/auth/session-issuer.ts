import type { Queryable } from '../../platform/database.js';
import { uuidv7 } from '../../platform/ids.js';
import type { TokenPair } from './auth-schemas.js';
import * as refreshTokens from './refresh-token-repository.js';
import type { TokenService } from './token-service.js';

/** Issues an access + refresh pair in `familyId` (a new family for a new login) and records the refresh token. */
export async function issueSession(
  db: Queryable,
  tokens: TokenService,
  who: { userId: string; tenantId: string; role: string },
  familyId: string = uuidv7(),
): Promise<TokenPair> {
  const claims = { sub: who.userId, tenant_id: who.tenantId, role: who.role };
  const [access, refresh] = await Promise.all([
    // iat has whole seconds; iat_ms lets a revocation spare a login made in the same second.
    tokens.issueAccess({ ...claims, family: familyId, iat_ms: Date.now() }),
    tokens.issueRefresh({ ...claims, family: familyId }),
  ]);
  await refreshTokens.insert(db, { jti: refresh.jti, familyId, userId: who.userId, tenantId: who.tenantId, expiresAt: refresh.expiresAt });
  return { access_token: access.token, refresh_token: refresh.token, token_type: 'bearer', expires_in: tokens.accessTtlSeconds };
}
