import type { Database } from '../../platform/database.js';
import { uuidv7 } from '../../platform/ids.js';
import type { KeyValueStore } from '../../platform/key-value-store.js';
import { passwordResetMail } from '../../platform/mail/mail-templates.js';
import { recordAudit } from '../audit/audit-repository.js';
import { AppError } from '../errors.js';
import type { MailOutbox } from '../mail/mail-outbox.js';
import * as users from '../tenants/user-repository.js';
import * as accounts from './account-repository.js';
import type { PasswordHashing, RequestContext } from './auth-service.js';
import * as emailedTokens from './emailed-token-repository.js';
import { hashToken, newOpaqueToken } from './opaque-tokens.js';
import { assertPasswordAccepted } from './password-policy.js';
import * as refreshTokens from './refresh-token-repository.js';
import type { Revocations } from './revocation.js';

export interface EmailedTokenServiceDeps {
  db: Database;
  store: KeyValueStore;
  revocations: Revocations;
  hasher: PasswordHashing;
  publicUrl: string;
  /** The reset mail, queued in the transaction that issues its token. */
  mail: MailOutbox;
  clock?: () => number;
  /** Reports a failure of work done after the answer (the reset mail). */
  onBackgroundError?: (err: unknown, what: string) => void;
}

const RESET_TTL_MS = 60 * 60 * 1000;
const MAX_PENDING_RESETS = 64;

/**
 * The flows that begin with a link sent by mail: a password reset (asked
 * for, then confirmed with the mailed token) and an email verification (its
 * token is mailed at sign-up by AuthService). Each token is stored hashed
 * and spent once.
 */
export class EmailedTokenService {
  private readonly now: () => number;
  private readonly pendingResets = new Set<Promise<void>>();

  constructor(private readonly d: EmailedTokenServiceDeps) {
    this.now = d.clock ?? Date.now;
  }

  /**
   * Always answers the same, in the same time, so the endpoint does not reveal
   * which emails have accounts: the answer waits only for the per-address
   * window; finding the account and queueing its mail happen after it, on
   * this node, for known and unknown addresses alike (a failure there is
   * reported, never answered). Past `MAX_PENDING_RESETS` in flight a request
   * waits for its own work, so a flood cannot pile up work in memory.
   */
  async requestPasswordReset(emailInput: string, ctx: RequestContext): Promise<void> {
    const email = emailInput.trim().toLowerCase();
    const window = await this.d.store.hit(`reset:email:${email}`, 3_600_000);
    if (window.count > 5) return;
    const work: Promise<void> = this.issueResets(email, ctx)
      .catch((err: unknown) => this.d.onBackgroundError?.(err, 'password reset mail not queued'))
      .finally(() => this.pendingResets.delete(work));
    this.pendingResets.add(work);
    if (this.pendingResets.size > MAX_PENDING_RESETS) await work;
  }

  /** Resolves when every reset asked for so far has its mail queued (shutdown, tests). */
  async drain(): Promise<void> {
    while (this.pendingResets.size > 0) await Promise.all([...this.pendingResets]);
  }

  private async issueResets(email: string, ctx: RequestContext): Promise<void> {
    const active = (await this.d.db.systemTransaction((tx) => accounts.findByEmail(tx, email))).filter((a) => a.user.status === 'active');
    for (const { user } of active) {
      const token = newOpaqueToken('rst_');
      await this.d.db.tenantTransaction(user.tenant_id, async (tx) => {
        // Only the newest link works: a reset mail that leaked earlier is dead.
        await emailedTokens.spendPurposeForUser(tx, user.id, 'password_reset');
        await emailedTokens.insert(tx, {
          id: uuidv7(),
          tenantId: user.tenant_id,
          userId: user.id,
          purpose: 'password_reset',
          tokenHash: hashToken(token),
          expiresAt: new Date(this.now() + RESET_TTL_MS),
        });
        await this.d.mail.enqueue(tx, {
          tenantId: user.tenant_id,
          ...passwordResetMail({
            to: user.email,
            name: user.name,
            url: `${this.d.publicUrl}/reset-password`,
            token,
            expiresInMinutes: RESET_TTL_MS / 60_000,
          }),
        });
        await recordAudit(tx, {
          tenantId: user.tenant_id,
          actorId: null,
          actorType: 'system',
          action: 'user.password_reset_requested',
          targetType: 'user',
          targetId: user.id,
          ip: ctx.ip,
          requestId: ctx.requestId,
        });
      });
    }
  }

  async confirmPasswordReset(token: string, newPassword: string, ctx: RequestContext): Promise<void> {
    assertPasswordAccepted(newPassword, {}, 'input.new_password');
    const hash = await this.d.hasher.hash(newPassword);
    const ended = await this.d.db.systemTransaction(async (tx) => {
      const spent = await emailedTokens.consume(tx, hashToken(token), 'password_reset');
      if (!spent) return null;
      // Every other reset link of the user dies with this one.
      await emailedTokens.spendPurposeForUser(tx, spent.user_id, 'password_reset');
      await users.setPassword(tx, spent.user_id, hash);
      await refreshTokens.revokeForUser(tx, spent.user_id);
      const endedMs = await this.d.revocations.recordSessionsEnd(tx, { tenantId: spent.tenant_id, userId: spent.user_id });
      await recordAudit(tx, {
        tenantId: spent.tenant_id,
        actorId: spent.user_id,
        actorType: 'user',
        action: 'user.password_reset',
        targetType: 'user',
        targetId: spent.user_id,
        ip: ctx.ip,
        requestId: ctx.requestId,
      });
      return { userId: spent.user_id, endedMs };
    });
    if (!ended) throw new AppError('token_invalid', 'The reset token is invalid, expired or already used');
    await this.d.revocations.cacheSessionsEnd(ended.userId, ended.endedMs);
  }

  async verifyEmail(token: string): Promise<void> {
    const ok = await this.d.db.systemTransaction(async (tx) => {
      const spent = await emailedTokens.consume(tx, hashToken(token), 'email_verification');
      if (spent) await users.markEmailVerified(tx, spent.user_id);
      return spent !== null;
    });
    if (!ok) throw new AppError('token_invalid', 'The verification token is invalid, expired or already used');
  }
}
