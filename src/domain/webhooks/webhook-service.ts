import type { Database, Queryable } from '../../platform/database.js';
import { uuidv7 } from '../../platform/ids.js';
import type { SecretBox } from '../../platform/secret-box.js';
import { checkHost, SsrfRefused, urlHost, type SsrfPolicy } from '../../platform/ssrf-guard.js';
import { auditChange, type Caller } from '../auth/caller.js';
import type { Principal } from '../auth/principal.js';
import { notFound, validationFailed } from '../errors.js';
import * as outbox from '../outbox/outbox-repository.js';
import { pageOf, type Page, type PageRequest } from '../page.js';
import * as webhooks from './webhook-repository.js';
import type { EndpointRow } from './webhook-repository.js';
import {
  DEFAULT_MAX_RETRIES,
  DEFAULT_RETRY_DELAY_SECONDS,
  type CreateWebhookInput,
  type DeliveryStatus,
  type DeliveryView,
  type RotateSecretInput,
  type TestEventView,
  type UpdateWebhookInput,
  type WebhookView,
  type WebhookWithSecretView,
} from './webhook-schemas.js';
import { generateSecret, secretProblem } from './webhook-signature.js';
import { deliveryView, webhookView } from './webhook-view.js';

export interface WebhookServiceDeps {
  db: Database;
  /** Seals the signing secrets at rest. */
  box: SecretBox;
  /** Which targets may be registered (and called). */
  ssrf: SsrfPolicy;
  /** How long a rotated-out secret keeps signing, unless the rotation says otherwise. */
  secretOverlapSeconds: number;
  clock?: () => number;
}

/** The AAD binding a sealed secret to its endpoint row. */
export const secretContext = (endpointId: string): string => `webhook_endpoints:${endpointId}`;

/**
 * Webhook endpoints of a tenant: registration (SSRF-checked, the secret shown
 * once and stored sealed), changes, secret rotation with an overlap, test
 * events, the delivery log and manual redelivery. Delivery itself is the
 * worker's (webhook-dispatcher.ts).
 */
export class WebhookService {
  private readonly clock: () => number;

  constructor(private readonly d: WebhookServiceDeps) {
    this.clock = d.clock ?? Date.now;
  }

  async create(caller: Caller, input: CreateWebhookInput): Promise<WebhookWithSecretView> {
    assertStorableText(input);
    const url = await this.checkedUrl(input.url);
    const secret = input.secret ?? generateSecret();
    this.checkSecret(secret);
    const p = caller.principal;
    const id = uuidv7();
    return this.d.db.tenantTransaction(p.tenantId, async (tx) => {
      const row = await webhooks.insertEndpoint(tx, {
        id,
        tenantId: p.tenantId,
        url,
        description: input.description ?? null,
        events: input.events,
        secretSealed: this.d.box.seal(secret, secretContext(id)),
        maxRetries: input.retry_config?.max_retries ?? DEFAULT_MAX_RETRIES,
        retryDelaySeconds: input.retry_config?.retry_delay_seconds ?? DEFAULT_RETRY_DELAY_SECONDS,
        createdBy: p.userId,
      });
      await auditChange(tx, caller, 'webhook.created', { type: 'webhook', id }, { url, events: input.events });
      return { ...webhookView(row, this.clock()), secret };
    });
  }

  async list(principal: Principal, page: PageRequest): Promise<Page<WebhookView>> {
    const { rows, total } = await this.d.db.tenantRead(principal.tenantId, (db) => webhooks.listEndpoints(db, principal.tenantId, page));
    const now = this.clock();
    return pageOf(rows, page.limit, total, (row) => webhookView(row, now));
  }

  async get(principal: Principal, id: string): Promise<WebhookView> {
    return webhookView(await this.d.db.tenantRead(principal.tenantId, (db) => this.endpoint(db, principal.tenantId, id)), this.clock());
  }

  async update(caller: Caller, id: string, input: UpdateWebhookInput): Promise<WebhookView> {
    assertStorableText(input);
    const url = input.url === undefined ? undefined : await this.checkedUrl(input.url);
    const { tenantId } = caller.principal;
    return this.d.db.tenantTransaction(tenantId, async (tx) => {
      const row = await webhooks.updateEndpoint(tx, tenantId, id, {
        url,
        description: input.description,
        events: input.events,
        maxRetries: input.retry_config?.max_retries,
        retryDelaySeconds: input.retry_config?.retry_delay_seconds,
        status: input.active === undefined ? undefined : input.active ? 'active' : 'paused',
      });
      if (!row) throw notFound('Webhook');
      await auditChange(tx, caller, 'webhook.updated', { type: 'webhook', id }, { changed: Object.keys(input) });
      return webhookView(row, this.clock());
    });
  }

  /** Deletes the endpoint; its deliveries (pending ones included) go with it. */
  async remove(caller: Caller, id: string): Promise<void> {
    const { tenantId } = caller.principal;
    await this.d.db.tenantTransaction(tenantId, async (tx) => {
      const row = await webhooks.deleteEndpoint(tx, tenantId, id);
      if (!row) throw notFound('Webhook');
      await auditChange(tx, caller, 'webhook.deleted', { type: 'webhook', id }, { url: row.url });
    });
  }

  /**
   * A new secret (given or generated), shown once. The old one keeps signing
   * beside it (a second `v1,` signature) for the overlap, so receivers can
   * switch without missing a delivery.
   */
  async rotateSecret(caller: Caller, id: string, input: RotateSecretInput): Promise<WebhookWithSecretView> {
    assertStorableText(input);
    const secret = input.secret ?? generateSecret();
    this.checkSecret(secret);
    const overlapSeconds = input.overlap_seconds ?? this.d.secretOverlapSeconds;
    const { tenantId } = caller.principal;
    return this.d.db.tenantTransaction(tenantId, async (tx) => {
      const current = await this.endpoint(tx, tenantId, id, true);
      const until = new Date(this.clock() + overlapSeconds * 1000);
      const row = await webhooks.rotateSecret(tx, tenantId, id, this.d.box.seal(secret, secretContext(id)), current.secret_sealed, until);
      await auditChange(tx, caller, 'webhook.secret_rotated', { type: 'webhook', id }, { overlap_seconds: overlapSeconds });
      return { ...webhookView(row!, this.clock()), secret };
    });
  }

  /** Queues a `webhook.test` event for this endpoint alone; like any event it goes out while the endpoint is active. */
  async sendTest(caller: Caller, id: string): Promise<TestEventView> {
    const { tenantId } = caller.principal;
    return this.d.db.tenantTransaction(tenantId, async (tx) => {
      const row = await this.endpoint(tx, tenantId, id);
      const eventId = await outbox.insertEvent(tx, {
        tenantId,
        type: 'webhook.test',
        endpointId: row.id,
        data: { webhook_id: row.id, tenant_id: tenantId, message: 'This is a test event from Catalytic' },
      });
      return { event_id: eventId, event: 'webhook.test' as const };
    });
  }

  async deliveries(principal: Principal, id: string, page: PageRequest, status?: DeliveryStatus): Promise<Page<DeliveryView>> {
    const { tenantId } = principal;
    const { rows, total } = await this.d.db.tenantRead(tenantId, async (db) => {
      await this.endpoint(db, tenantId, id);
      return webhooks.listDeliveries(db, tenantId, id, page, status);
    });
    return pageOf(rows, page.limit, total, deliveryView);
  }

  /** Makes a delivery due now with the same webhook-id; a dead one gets one more attempt. */
  async retryDelivery(caller: Caller, id: string, deliveryId: string): Promise<DeliveryView> {
    const { tenantId } = caller.principal;
    return this.d.db.tenantTransaction(tenantId, async (tx) => {
      await this.endpoint(tx, tenantId, id);
      const row = await webhooks.requeueDelivery(tx, tenantId, id, deliveryId);
      if (!row) throw notFound('Delivery');
      await auditChange(tx, caller, 'webhook.delivery_retried', { type: 'webhook', id }, { delivery_id: deliveryId });
      return deliveryView(row);
    });
  }

  private async endpoint(db: Queryable, tenantId: string, id: string, lock = false): Promise<EndpointRow> {
    const row = await webhooks.findEndpoint(db, tenantId, id, lock);
    if (!row) throw notFound('Webhook');
    return row;
  }

  private checkSecret(secret: string): void {
    const problem = secretProblem(secret);
    if (problem) throw validationFailed([{ field: 'input.secret', message: problem }], `The secret ${problem}`);
  }

  /** The URL, normalised, once it is http(s) and its host resolves only to addresses that may be called. */
  private async checkedUrl(text: string): Promise<string> {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw validationFailed([{ field: 'input.url', message: 'is not a URL' }], 'The webhook URL is not a valid URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw validationFailed([{ field: 'input.url', message: 'must be http or https' }], 'The webhook URL must be http or https');
    }
    try {
      await checkHost(urlHost(url), this.d.ssrf);
    } catch (err) {
      if (!(err instanceof SsrfRefused)) throw err;
      throw validationFailed([{ field: 'input.url', message: `refused: ${err.reason}` }], `The webhook URL is refused: ${err.reason}`);
    }
    return url.toString();
  }
}

// A NUL cannot be stored in a text column, and a lone surrogate would be stored (or used as a key) as U+FFFD.
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Refuses (422, naming the field) the string members of a payload that could not be stored as sent. */
function assertStorableText(input: { url?: string; description?: string | null; secret?: string }): void {
  for (const field of ['url', 'description', 'secret'] as const) {
    const value = input[field];
    if (typeof value === 'string' && UNSTORABLE.test(value)) {
      throw validationFailed(
        [{ field: `input.${field}`, message: 'must not contain NUL characters or unpaired surrogates' }],
        `The ${field} contains a NUL character or an unpaired surrogate`,
      );
    }
  }
}
