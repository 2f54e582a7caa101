import type { Database } from '../../platform/database.js';
import { uuidv7 } from '../../platform/ids.js';
import type { KeyValueStore } from '../../platform/key-value-store.js';
import { recordAudit } from '../audit/audit-repository.js';
import { hashToken, newOpaqueToken } from './opaque-tokens.js';
import { assertPasswordAccepted, type PasswordContext } from './password-policy.js';
import type { TokenService } from './token-service.js';
import { AppError, validationFailed } from '../errors.js';
import type { MailOutbox } from '../mail/mail-outbox.js';
import { emailVerificationMail } from '../../platform/mail/mail-templates.js';
import { tokenFailure } from './token-failure.js';
import { isTokenError } from './token-errors.js';
import { UNREPORTED, type AuthEvents, type RefusalReason } from './auth-events.js';
import * as accounts from './account-repository.js';
import type { LoginAccount } from './account-repository.js';
import * as emailedTokens from './emailed-token-repository.js';
import * as refreshTokens from './refresh-token-repository.js';
import * as plans from '../plans/plan-repository.js';
import * as tenants from '../tenants/tenant-repository.js';
import * as users from '../tenants/user-repository.js';
import type { LoginThrottle } from './login-throttle.js';
import type { Revocations } from './revocation.js';
import { issueSession } from './session-issuer.js';
import { tenantSuspended } from './principal-resolver.js';
import type { Principal } from './principal.js';
import { accountView } from './account-view.js';
import type { AccountView, AcceptInvitationInput, LoginInput, RegisterInput, TokenPair } from './auth-schemas.js';
import { normalizePlanCode } from '../plans/plan-codes.js';
import type { PlanCatalog } from '../plans/plan-catalog.js';

export interface PasswordHashing {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  /** Spends a verification's time without a user, so unknown emails answer as slowly as wrong passwords. */
  verifyDummy(password: string): Promise<unknown>;
}

export interface RequestContext {
  ip: string;
  requestId: string;
}

export interface AuthServiceDeps {
  db: Database;
  store: KeyValueStore;
  tokens: TokenService;
  revocations: Revocations;
  hasher: PasswordHashing;
  throttle: LoginThrottle;
  publicUrl: string;
  registrationsPerIpPerHour: number;
  /** Refuse passwords that contain the user's name or email (PASSWORD_REJECT_PERSONAL_INFO). */
  rejectPersonalInfo: boolean;
  plans: PlanCatalog;
  /** Account mail (verification, password reset), queued in the change's transaction. */
  mail: MailOutbox;
  clock?: () => number;
  /** Login outcomes, refused refresh tokens and rate limits, as they happen (metrics). */
  events?: AuthEvents;
}

const VERIFY_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Why a well-signed refresh token was refused, as the metrics name it. */
const REFRESH_REFUSALS = {
  unknown: 'unknown_subject',
  revoked: 'revoked',
  reused: 'revoked',
  disabled: 'account_disabled',
  suspended: 'account_disabled',
} as const satisfies Record<string, RefusalReason>;

function slugify(text: string): string {
  const s = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return s.length >= 2 ? s : 'tenant';
}

/** Registration, login, token rotation, logout and invitations accepted (the mailed-link flows are EmailedTokenService's). */
export class AuthService {
  private readonly now: () => number;
  private readonly events: AuthEvents;

  constructor(private readonly d: AuthServiceDeps) {
    this.now = d.clock ?? Date.now;
    this.events = d.events ?? UNREPORTED;
  }

  /** What the password policy may compare a password with: nothing when the personal-info rules are off. */
  private personal(context: PasswordContext): PasswordContext {
    return this.d.rejectPersonalInfo ? context : {};
  }

  async register(input: RegisterInput, ctx: RequestContext) {
    const window = await this.d.store.hit(`register:ip:${ctx.ip}`, 3_600_000);
    if (window.count > this.d.registrationsPerIpPerHour) {
      this.events.rateLimited('registration', null);
      throw new AppError('rate_limited', 'Rate limit exceeded: too many registrations from this address', {
        retryAfterSeconds: window.resetMs / 1000,
      });
    }
    const email = input.email.trim().toLowerCase();
    const name = input.name?.trim() || [input.first_name, input.last_name].filter(Boolean).join(' ').trim() || email.split('@')[0];
    assertPasswordAccepted(input.password, this.personal({ email, name }), 'input.password');
    const planCode = normalizePlanCode(input.plan_code ?? 'free');
    const tenantName = (input.company_name ?? input.tenant_name)?.trim() || `${name}'s workspace`;
    const passwordHash = await this.d.hasher.hash(input.password);

    const tenantId = uuidv7();
    const userId = uuidv7();
    const verifyToken = newOpaqueToken('evt_');
    const { slug, tokens } = await this.d.db.systemTransaction(async (tx) => {
      // Serialises registrations of one address so the uniqueness check below cannot race.
      await users.lockEmail(tx, email);
      if (await users.emailRegistered(tx, email)) throw new AppError('conflict', 'Email already registered');
      if (!(await plans.exists(tx, planCode))) {
        throw validationFailed([{ field: 'input.plan_code', message: `unknown plan "${input.plan_code}"` }]);
      }
      let slug = slugify(tenantName);
      if (await tenants.slugTaken(tx, slug)) slug = `${slug}-${tenantId.slice(-6)}`;
      await tenants.insert(tx, { id: tenantId, name: tenantName, slug, planCode });
      await users.insert(tx, { id: userId, tenantId, email, name, role: 'owner', passwordHash, status: 'active' });
      await emailedTokens.insert(tx, {
        id: uuidv7(),
        tenantId,
        userId,
        purpose: 'email_verification',
        tokenHash: hashToken(verifyToken),
        expiresAt: new Date(this.now() + VERIFY_TTL_MS),
      });
      await this.d.mail.enqueue(tx, {
        tenantId,
        ...emailVerificationMail({ to: email, name, url: `${this.d.publicUrl}/verify-email`, token: verifyToken }),
      });
      const audit = { tenantId, actorId: userId, actorType: 'user' as const, ip: ctx.ip, requestId: ctx.requestId };
      await recordAudit(tx, {
        ...audit,
        action: 'tenant.created',
        targetType: 'tenant',
        targetId: tenantId,
        details: { name: tenantName, slug, plan_code: planCode },
      });
      await recordAudit(tx, { ...audit, action: 'user.registered', targetType: 'user', targetId: userId, details: { email } });
      const tokens = await issueSession(tx, this.d.tokens, { userId, tenantId, role: 'owner' });
      return { slug, tokens };
    });
    return {
      id: userId,
      user_id: userId,
      email,
      name,
      role: 'owner' as const,
      tenant_id: tenantId,
      tenant_slug: slug,
      plan_code: planCode,
      ...tokens,
    };
  }

  async login(input: LoginInput, ctx: RequestContext) {
    const email = input.email.trim().toLowerCase();
    // Counted before any password is verified: parallel guesses cannot all slip under the limit.
    await this.d.throttle.admit(email, ctx.ip).catch((err: unknown) => {
      this.events.login('locked_out');
      throw err;
    });
    const candidates = (await this.d.db.systemTransaction((tx) => accounts.findByEmail(tx, email))).filter(
      (a) => a.user.status !== 'invited' && a.passwordHash && (!input.tenant_slug || a.tenant.slug === input.tenant_slug),
    );
    let match: LoginAccount | undefined;
    for (const a of candidates) {
      if (await this.d.hasher.verify(a.passwordHash as string, input.password)) {
        match = a;
        break;
      }
    }
    if (candidates.length === 0) await this.d.hasher.verifyDummy(input.password);
    if (!match) {
      this.events.login('invalid_credentials');
      throw new AppError('invalid_credentials', 'Invalid email or password');
    }
    await this.d.throttle.succeeded(email, ctx.ip);
    if (match.user.status === 'deactivated' || match.tenant.status === 'suspended') {
      this.events.login('account_disabled');
      throw match.tenant.status === 'suspended' ? tenantSuspended() : new AppError('account_disabled', 'This user account is deactivated');
    }
    this.events.login('success');
    const { user } = match;
    const tokens = await this.d.db.tenantTransaction(user.tenant_id, async (tx) => {
      await users.touchLogin(tx, user.id);
      return issueSession(tx, this.d.tokens, { userId: user.id, tenantId: user.tenant_id, role: user.role });
    });
    return {
      ...tokens,
      user: { id: user.id, email: user.email, name: user.name, role: user.role, tenant_id: user.tenant_id },
      tokens,
    };
  }

  /** Rotates a refresh token. A spent one presented again is theft: the user's every session dies. */
  async refresh(refreshToken: string): Promise<TokenPair> {
    let claims;
    try {
      claims = await this.d.tokens.verify(refreshToken, 'refresh');
    } catch (err) {
      this.events.credentialRefused('refresh_token', isTokenError(err) ? err.reason : 'malformed');
      throw tokenFailure(err);
    }
    const outcome = await this.d.db.tenantTransaction(claims.tenant_id, async (tx) => {
      const row = await refreshTokens.lock(tx, claims.jti);
      if (!row || row.user_id !== claims.sub) return { kind: 'unknown' as const };
      if (row.revoked_at) return { kind: 'revoked' as const };
      if (row.used_at) {
        await refreshTokens.revokeForUser(tx, row.user_id);
        const endedMs = await this.d.revocations.recordSessionsEnd(tx, { tenantId: claims.tenant_id, userId: row.user_id });
        return { kind: 'reused' as const, userId: row.user_id, endedMs };
      }
      await refreshTokens.markUsed(tx, row.jti);
      const account = await accounts.find(tx, row.user_id);
      if (account?.tenant.status === 'suspended') return { kind: 'suspended' as const };
      if (!account || account.user.status !== 'active') return { kind: 'disabled' as const };
      const pair = await issueSession(
        tx,
        this.d.tokens,
        { userId: row.user_id, tenantId: account.tenant.id, role: account.user.role },
        row.family_id,
      );
      return { kind: 'ok' as const, pair };
    });
    if (outcome.kind !== 'ok') this.events.credentialRefused('refresh_token', REFRESH_REFUSALS[outcome.kind]);
    switch (outcome.kind) {
      case 'ok':
        return outcome.pair;
      case 'reused':
        this.events.revoked('refresh_reuse');
        await this.d.revocations.cacheSessionsEnd(outcome.userId, outcome.endedMs);
        throw new AppError('token_revoked', 'Refresh token was already used; every session of this user has been revoked');
      case 'revoked':
        throw new AppError('token_revoked', 'Refresh token has been revoked');
      case 'suspended':
        throw tenantSuspended();
      case 'disabled':
        throw new AppError('unauthenticated', 'The account is deactivated');
      default:
        throw new AppError('token_invalid', 'Refresh token is not recognised');
    }
  }

  /**
   * Revokes the presented access token everywhere and its whole refresh
   * family: recorded in PostgreSQL first, so it holds through a store outage
   * or restart, then cached in the shared store.
   */
  async logout(principal: Principal, ctx: RequestContext): Promise<void> {
    const { jti, tokenExp, userId } = principal;
    if (principal.kind !== 'user' || !jti || !tokenExp || !userId) {
      throw new AppError('forbidden', 'Logout ends a session; these credentials are not one');
    }
    await this.d.db.tenantTransaction(principal.tenantId, async (tx) => {
      await this.d.revocations.recordToken(tx, { jti, tenantId: principal.tenantId, userId, expSeconds: tokenExp });
      if (principal.sessionFamily) await refreshTokens.revokeFamily(tx, principal.sessionFamily);
      await recordAudit(tx, {
        tenantId: principal.tenantId,
        actorId: principal.userId,
        actorType: 'user',
        action: 'user.logout',
        targetType: 'user',
        targetId: principal.userId ?? undefined,
        ip: ctx.ip,
        requestId: ctx.requestId,
      });
    });
    this.events.revoked('access_token');
    if (principal.sessionFamily) this.events.revoked('refresh_token');
    await this.d.revocations.cacheToken(jti, tokenExp);
  }

  /** Served from the principal's snapshot (kept fresh by epochs), so it costs no database round trip. */
  async me(principal: Principal): Promise<AccountView> {
    let user = principal.snapshot.user;
    if (!user && principal.userId) {
      // An API key acts for the user who created it.
      user = (await this.d.db.tenantTransaction(principal.tenantId, (tx) => accounts.find(tx, principal.userId as string)))?.user ?? null;
    }
    if (!user) throw new AppError('unauthenticated', 'The account behind these credentials no longer exists');
    return accountView({ user, tenant: principal.snapshot.tenant }, await this.d.plans.plan(principal.planCode), principal);
  }

  /** Sets the invited user's password and signs them in. */
  async acceptInvitation(input: AcceptInvitationInput, ctx: RequestContext) {
    const hash = await this.d.hasher.hash(input.password);
    const session = await this.d.db.systemTransaction(async (tx) => {
      const spent = await emailedTokens.consume(tx, hashToken(input.token), 'invitation');
      if (!spent) return null;
      const account = await accounts.find(tx, spent.user_id);
      if (!account || account.user.status !== 'invited') return null;
      assertPasswordAccepted(input.password, this.personal({ email: account.user.email }), 'input.password');
      await users.activateInvited(tx, spent.user_id, hash, input.name?.trim() || null);
      await recordAudit(tx, {
        tenantId: spent.tenant_id,
        actorId: spent.user_id,
        actorType: 'user',
        action: 'user.invitation_accepted',
        targetType: 'user',
        targetId: spent.user_id,
        ip: ctx.ip,
        requestId: ctx.requestId,
      });
      const tokens = await issueSession(tx, this.d.tokens, { userId: spent.user_id, tenantId: spent.tenant_id, role: account.user.role });
      return { tokens, account };
    });
    if (!session) throw new AppError('token_invalid', 'The invitation is invalid, expired or already used');
    const { user } = session.account;
    return {
      ...session.tokens,
      user: { id: user.id, email: user.email, name: input.name?.trim() || user.name, role: user.role, tenant_id: user.tenant_id },
    };
  }

  /** An access token: logged out or its user's sessions ended. A refresh token: revoked, already rotated or unknown. */
  private async revoked(claims: {
    type: string;
    jti: string;
    sub: string;
    tenant_id: string;
    iat: number;
    iat_ms?: unknown;
  }): Promise<boolean> {
    const { jti, sub: userId, tenant_id: tenantId } = claims;
    if (claims.type === 'refresh') {
      const row = await this.d.db.tenantRead(tenantId, (tx) => refreshTokens.find(tx, jti));
      return !row || row.user_id !== userId || row.revoked_at !== null || row.used_at !== null;
    }
    const issuedMs = typeof claims.iat_ms === 'number' ? claims.iat_ms : claims.iat * 1000;
    return (await this.d.revocations.verdict({ jti, userId, tenantId, issuedMs }, await this.d.revocations.cached(jti, userId))) !== null;
  }

  /** Claims of a valid, unrevoked token (access or refresh). */
  async verify(token: string) {
    let claims;
    try {
      claims = await this.d.tokens.verify(token, 'access').catch(async (err) => {
        if ((err as { reason?: string }).reason === 'wrong_type') return this.d.tokens.verify(token, 'refresh');
        throw err;
      });
    } catch (err) {
      throw tokenFailure(err);
    }
    if (await this.revoked(claims)) throw new AppError('token_revoked', 'Token has been revoked');
    return { valid: true, claims: { ...claims } };
  }
}
