import type { Database } from '../../platform/database.js';
import { UniqueViolation } from '../../platform/database-errors.js';
import { uuidv7 } from '../../platform/ids.js';
import type { KeyValueStore } from '../../platform/key-value-store.js';
import { newApiKey } from '../auth/opaque-tokens.js';
import { notFound } from '../errors.js';
import type { Principal } from '../auth/principal.js';
import { pageOf, type Page, type PageRequest } from '../page.js';
import * as apiKeys from './api-key-repository.js';
import { auditChange, type Caller } from '../auth/caller.js';
import { revocationKeys } from '../auth/revocation.js';
import { bumpEpochs } from '../auth/epochs.js';
import type { ApiKeyView, CreatedApiKeyView, NewApiKeyInput } from './api-key-schemas.js';
import { apiKeyView } from './views.js';

export interface ApiKeyServiceDeps {
  db: Database;
  store: KeyValueStore;
  clock?: () => number;
  /** Told when a key is revoked (for the revocation metrics). */
  onRevoked?: () => void;
}

const DAY_MS = 86_400_000;
// 36^8 prefixes make a collision rare; a few fresh draws make failing for it practically impossible.
const PREFIX_ATTEMPTS = 3;

/** A tenant's API keys: shown once at creation, stored as prefix plus SHA-256, revoked at once on every node. */
export class ApiKeyService {
  private readonly clock: () => number;

  constructor(private readonly deps: ApiKeyServiceDeps) {
    this.clock = deps.clock ?? Date.now;
  }

  async create(caller: Caller, input: NewApiKeyInput): Promise<CreatedApiKeyView> {
    const p = caller.principal;
    const scopes = [...new Set(input.scopes)];
    const expiresAt = input.expires_in_days === undefined ? null : new Date(this.clock() + input.expires_in_days * DAY_MS);
    for (let attempt = 1; ; attempt += 1) {
      const secret = newApiKey();
      try {
        return await this.deps.db.tenantTransaction(p.tenantId, async (db) => {
          const row = await apiKeys.insert(db, {
            id: uuidv7(),
            tenantId: p.tenantId,
            name: input.name.trim(),
            prefix: secret.prefix,
            keyHash: secret.hash,
            scopes,
            createdBy: p.userId,
            expiresAt,
          });
          await auditChange(
            db,
            caller,
            'api_key.created',
            { type: 'api_key', id: row.id },
            { name: row.name, prefix: row.prefix, scopes, expires_at: expiresAt?.toISOString() ?? null },
          );
          return { ...apiKeyView(row), key: secret.key };
        });
      } catch (err) {
        if (!(err instanceof UniqueViolation) || attempt >= PREFIX_ATTEMPTS) throw err;
      }
    }
  }

  /** Every key of the tenant, newest first, revoked and expired ones included; never a secret. */
  async list(principal: Principal, page: PageRequest): Promise<Page<ApiKeyView>> {
    const { rows, total } = await this.deps.db.tenantTransaction(principal.tenantId, (db) => apiKeys.list(db, principal.tenantId, page));
    return pageOf(rows, page.limit, total, apiKeyView);
  }

  /** Revokes a key of the caller's tenant (not_found for any other); revoking twice is not an error. */
  async revoke(caller: Caller, id: string): Promise<void> {
    const tenantId = caller.principal.tenantId;
    const revoked = await this.deps.db.tenantTransaction(tenantId, async (db) => {
      const row = await apiKeys.revoke(db, tenantId, id);
      if (!row) {
        if (await apiKeys.findById(db, tenantId, id)) return false;
        throw notFound('API key');
      }
      await auditChange(db, caller, 'api_key.revoked', { type: 'api_key', id: id }, { name: row.name, prefix: row.prefix });
      await bumpEpochs(this.deps.store, [revocationKeys.apiKeyEpoch(id)]);
      return true;
    });
    if (!revoked) return;
    this.deps.onRevoked?.();
    await bumpEpochs(this.deps.store, [revocationKeys.apiKeyEpoch(id)]);
  }
}
