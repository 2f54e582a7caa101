import type { Database, Queryable } from '../../platform/database.js';
import { UniqueViolation } from '../../platform/database-errors.js';
import { uuidv7 } from '../../platform/ids.js';
import type { KeyValueStore } from '../../platform/key-value-store.js';
import { hashToken, newOpaqueToken } from '../auth/opaque-tokens.js';
import { AppError, notFound } from '../errors.js';
import type { Principal } from '../auth/principal.js';
import { type Role, roleAtLeast } from '../auth/roles.js';
import { type Revocations, revocationKeys } from '../auth/revocation.js';
import type { OutgoingMail } from '../mail/mail-outbox.js';
import { invitationMail } from '../../platform/mail/mail-templates.js';
import { pageOf, type Page, type PageRequest } from '../page.js';
import { auditChange, type Caller } from '../auth/caller.js';
import { bumpEpochs } from '../auth/epochs.js';
import * as emailedTokens from '../auth/emailed-token-repository.js';
import * as refreshTokens from '../auth/refresh-token-repository.js';
import * as tenants from './tenant-repository.js';
import * as users from './user-repository.js';
import type { UserChanges, UserRow, UserStatus } from './user-repository.js';
import type { Invitation, UserUpdate, UserView } from './tenant-schemas.js';
import { userView } from './views.js';

export interface UserAdminServiceDeps {
  db: Database;
  store: KeyValueStore;
  /** Base of the link in the invitation mail (PUBLIC_URL). */
  publicUrl: string;
  /** Where the end of a user's sessions is recorded (PostgreSQL) and cached (the store). */
  revocations: Revocations;
  invitationTtlDays?: number;
  clock?: () => number;
  /** Queues the invitation mail in the caller's transaction (MailOutbox.enqueue); tests make it fail to prove rollback. */
  enqueueMail: (db: Queryable, mail: OutgoingMail) => Promise<unknown>;
}

const DEFAULT_INVITATION_TTL_DAYS = 7;
const DAY_MS = 86_400_000;
const LAST_OWNER = 'The last owner can be neither demoted nor removed; make another user owner first';

const emailTaken = () => new AppError('conflict', 'A user with this email already belongs to this tenant');

/**
 * Membership of a tenant: listing, inviting, changing role or status, and
 * removing users. Every change locks the tenant's membership, so the
 * last-owner rule holds under concurrent requests, and writes its audit row
 * in the same transaction. Role and status changes bump the user's epoch, so
 * they take effect on every node at once.
 */
export class UserAdminService {
  private readonly clock: () => number;
  private readonly invitationTtlDays: number;
  private readonly enqueueMail: (db: Queryable, mail: OutgoingMail) => Promise<unknown>;

  constructor(private readonly deps: UserAdminServiceDeps) {
    this.clock = deps.clock ?? Date.now;
    this.invitationTtlDays = deps.invitationTtlDays ?? DEFAULT_INVITATION_TTL_DAYS;
    this.enqueueMail = deps.enqueueMail;
  }

  /** Admins see every user (invited and deactivated too); members and viewers see the active team. */
  async list(principal: Principal, page: PageRequest): Promise<Page<UserView>> {
    const statuses: UserStatus[] = roleAtLeast(principal.role, 'admin') ? ['active', 'invited', 'deactivated'] : ['active'];
    const { rows, total } = await this.deps.db.tenantTransaction(principal.tenantId, (db) =>
      users.list(db, principal.tenantId, statuses, page),
    );
    return pageOf(rows, page.limit, total, userView);
  }

  /** Creates an invited user and mails a single-use link; only the token's hash is stored. */
  async invite(caller: Caller, input: Invitation): Promise<UserView> {
    const tenantId = caller.principal.tenantId;
    const email = input.email.trim().toLowerCase();
    const name = input.name?.trim() || email.split('@')[0];
    try {
      return await this.deps.db.tenantTransaction(tenantId, async (db) => {
        await users.lockMembership(db, tenantId);
        if (await users.emailTaken(db, tenantId, email)) throw emailTaken();
        const tenant = await tenants.find(db, tenantId);
        if (!tenant) throw notFound('Tenant');
        const inviterId = caller.principal.kind === 'user' ? caller.principal.userId : null;
        const inviter = inviterId ? await users.findById(db, tenantId, inviterId) : null;
        const user = await users.insert(db, {
          id: uuidv7(),
          tenantId,
          email,
          name,
          role: input.role,
          passwordHash: null,
          status: 'invited',
        });
        const token = newOpaqueToken();
        const expiresAt = new Date(this.clock() + this.invitationTtlDays * DAY_MS);
        await emailedTokens.insert(db, {
          id: uuidv7(),
          tenantId,
          userId: user.id,
          purpose: 'invitation',
          tokenHash: hashToken(token),
          expiresAt,
        });
        await auditChange(db, caller, 'user.invited', { type: 'user', id: user.id }, { email, role: input.role });
        const mail = invitationMail({
          to: email,
          inviterName: inviter?.name,
          tenantName: tenant.name,
          role: input.role,
          url: `${this.deps.publicUrl.replace(/\/+$/, '')}/accept-invitation`,
          token,
          expiresInDays: this.invitationTtlDays,
        });
        await this.enqueueMail(db, { tenantId, ...mail });
        return userView(user);
      });
    } catch (err) {
      // Two invitations of one address racing past the check meet the unique index.
      if (err instanceof UniqueViolation) throw emailTaken();
      throw err;
    }
  }

  /** Changes role, status or name. Owners alone grant the owner role or change an owner. */
  async update(caller: Caller, userId: string, update: UserUpdate): Promise<UserView> {
    const tenantId = caller.principal.tenantId;
    const { view, changes } = await this.deps.db.tenantTransaction(tenantId, async (db) => {
      await users.lockMembership(db, tenantId);
      const target = await this.findUser(db, tenantId, userId);
      const changes = effectiveChanges(target, update);
      if (Object.keys(changes).length === 0) return { view: userView(target), changes };
      this.checkMayChange(await this.actingRole(db, caller.principal), target, changes);
      if (target.status === 'invited' && changes.status === 'active') {
        throw new AppError('conflict', 'An invited user becomes active by accepting the invitation');
      }
      await this.checkLastOwner(db, tenantId, target, changes.role ?? target.role, changes.status ?? target.status);
      const updated = await users.update(db, tenantId, userId, changes);
      if (!updated) throw notFound('User');
      if (changes.status === 'deactivated') await revokeCredentials(db, tenantId, userId);
      await auditChange(db, caller, 'user.updated', { type: 'user', id: userId }, { changes: describe(target, changes) });
      if (affectsAccess(changes)) await bumpEpochs(this.deps.store, [revocationKeys.userEpoch(userId)]);
      return { view: userView(updated), changes };
    });
    if (changes.status === 'deactivated') await this.endSessions(tenantId, userId);
    else if (affectsAccess(changes)) await bumpEpochs(this.deps.store, [revocationKeys.userEpoch(userId)]);
    return view;
  }

  /**
   * Removes a user from the tenant: a soft delete (status deactivated) that
   * keeps the rows audit entries point to, revokes every session and unused
   * emailed token, and is idempotent.
   */
  async remove(caller: Caller, userId: string): Promise<void> {
    const tenantId = caller.principal.tenantId;
    const removed = await this.deps.db.tenantTransaction(tenantId, async (db) => {
      await users.lockMembership(db, tenantId);
      const target = await this.findUser(db, tenantId, userId);
      if (target.status === 'deactivated') return false;
      this.checkMayChange(await this.actingRole(db, caller.principal), target, { status: 'deactivated' });
      await this.checkLastOwner(db, tenantId, target, target.role, 'deactivated');
      await users.update(db, tenantId, userId, { status: 'deactivated' });
      await revokeCredentials(db, tenantId, userId);
      await auditChange(
        db,
        caller,
        'user.removed',
        { type: 'user', id: userId },
        { email: target.email, role: target.role, status: { from: target.status, to: 'deactivated' } },
      );
      await bumpEpochs(this.deps.store, [revocationKeys.userEpoch(userId)]);
      return true;
    });
    if (removed) await this.endSessions(tenantId, userId);
  }

  /**
   * After a deactivation commits: refuses every access token issued so far
   * (so reactivating the user later does not revive them) and bumps the
   * user's epoch.
   */
  private async endSessions(tenantId: string, userId: string): Promise<void> {
    await this.deps.revocations.endSessions(tenantId, userId);
  }

  private async findUser(db: Queryable, tenantId: string, userId: string): Promise<UserRow> {
    const user = await users.findById(db, tenantId, userId);
    if (!user) throw notFound('User');
    return user;
  }

  /**
   * The caller's role as of now, under the membership lock: the principal was
   * resolved before the lock, and a concurrent demotion of the caller must
   * not let a request that was already in flight act as an owner.
   */
  private async actingRole(db: Queryable, principal: Principal): Promise<Role> {
    if (principal.kind !== 'user' || !principal.userId) return principal.role;
    const actor = await users.findById(db, principal.tenantId, principal.userId);
    if (!actor || actor.status !== 'active') throw new AppError('unauthenticated', 'This user account is deactivated');
    return actor.role;
  }

  private checkMayChange(actorRole: Role, target: UserRow, changes: UserChanges): void {
    if (actorRole === 'owner') return;
    if (!roleAtLeast(actorRole, 'admin')) throw new AppError('forbidden', 'This action needs the admin role or higher');
    if (changes.role === 'owner') throw new AppError('forbidden', 'Only an owner can grant the owner role');
    if (target.role === 'owner') throw new AppError('forbidden', 'Only an owner can change or remove an owner');
  }

  private async checkLastOwner(db: Queryable, tenantId: string, target: UserRow, role: Role, status: UserStatus): Promise<void> {
    const wasActiveOwner = target.role === 'owner' && target.status === 'active';
    const staysActiveOwner = role === 'owner' && status === 'active';
    if (wasActiveOwner && !staysActiveOwner && (await users.countActiveOwners(db, tenantId)) <= 1) {
      throw new AppError('conflict', LAST_OWNER);
    }
  }
}

/** Whether cached principals of the user are stale after these changes (a rename leaves them valid). */
const affectsAccess = (c: UserChanges): boolean => c.role !== undefined || c.status !== undefined;

/** The fields of `update` that differ from the stored user. */
function effectiveChanges(target: UserRow, update: UserUpdate): UserChanges {
  const changes: UserChanges = {};
  if (update.role !== undefined && update.role !== target.role) changes.role = update.role;
  if (update.status !== undefined && update.status !== target.status) changes.status = update.status;
  const name = update.name?.trim();
  if (name && name !== target.name) changes.name = name;
  return changes;
}

function describe(target: UserRow, changes: UserChanges): Record<string, { from: string; to: string }> {
  const out: Record<string, { from: string; to: string }> = {};
  for (const key of ['role', 'status', 'name'] as const) {
    const to = changes[key];
    if (to !== undefined) out[key] = { from: target[key], to };
  }
  return out;
}

/** Ends every way back in for a user: refresh tokens and unused emailed tokens (invitation, reset, verification). */
async function revokeCredentials(db: Queryable, tenantId: string, userId: string): Promise<void> {
  await refreshTokens.revokeForTenantUser(db, tenantId, userId);
  await emailedTokens.spendAllForUser(db, tenantId, userId);
}
