import * as outbox from '../domain/outbox/outbox-repository.js';
import * as webhooks from '../domain/webhooks/webhook-repository.js';
import type { ClaimedDelivery, NewDelivery } from '../domain/webhooks/webhook-repository.js';
import { isExhausted, retryAfterSeconds, retryDelaySeconds } from '../domain/webhooks/webhook-retry.js';
import { subscribes } from '../domain/webhooks/webhook-schemas.js';
import { secretContext } from '../domain/webhooks/webhook-service.js';
import { HEADER_LEGACY_EVENT, signedHeaders } from '../domain/webhooks/webhook-signature.js';
import type { Database } from '../platform/database.js';
import { uuidv7 } from '../platform/ids.js';
import type { Logger } from '../platform/logger.js';
import { postJson, type PostOutcome } from '../platform/outbound-http.js';
import type { SecretBox } from '../platform/secret-box.js';
import type { SsrfPolicy } from '../platform/ssrf-guard.js';

export type DeliveryOutcome = 'delivered' | 'retrying' | 'dead' | 'endpoint_disabled' | 'blocked';
export type AttemptResult = 'success' | 'client_error' | 'server_error' | 'timeout' | 'network_error' | 'blocked';

/** What the dispatcher reports (built over the metrics registry in runtime.ts). */
export interface WebhookMetrics {
  delivery(outcome: DeliveryOutcome): void;
  attempt(result: AttemptResult, seconds: number): void;
  event(type: string): void;
}

export interface DispatcherOptions {
  /** Attempts in flight in this process, all endpoints together. */
  concurrency: number;
  /** Attempts in flight to one endpoint from this process. */
  perEndpoint: number;
  /** Timeout of one attempt, the whole exchange. */
  timeoutMs: number;
  /** How often to look for work when there was none. */
  pollMs: number;
  /** Consecutive failures of an endpoint that open its circuit. */
  breakerThreshold: number;
  /** How long an open circuit stays open before one trial attempt (doubling while trials fail, at most 16×). */
  breakerCooldownMs: number;
}

export const DEFAULT_DISPATCHER_OPTIONS: DispatcherOptions = {
  concurrency: 128,
  perEndpoint: 32,
  timeoutMs: 15_000,
  pollMs: 200,
  breakerThreshold: 5,
  breakerCooldownMs: 30_000,
};

export interface DispatcherDeps {
  db: Database;
  box: SecretBox;
  logger: Logger;
  ssrf: SsrfPolicy;
  metrics?: WebhookMetrics;
  options?: Partial<DispatcherOptions>;
  random?: () => number;
}

const FAN_OUT_BATCH = 500;
const CLAIM_BATCH = 200;
const LAST_ERROR_CHARS = 500;
const SUCCESS_BATCH_MS = 5;

interface Circuit {
  failures: number;
  openUntil: number;
  trips: number;
}

/**
 * The consumer of outbox events and the deliverer of webhooks, in every
 * worker process (`catalytic worker`, and `serve`):
 *
 * - fan-out: pending events (claimed with SKIP LOCKED) become one delivery
 *   row per subscribed endpoint, in one transaction with marking the event
 *   done, so an event is fanned out exactly once;
 * - delivery: due deliveries are claimed with SKIP LOCKED and leased (their
 *   due time moves past the attempt's timeout), so several workers share the
 *   work and a worker that dies mid-attempt leaves them due again, with the
 *   same webhook-id: at-least-once.
 *
 * One endpoint cannot hold up others: attempts run concurrently, at most
 * `perEndpoint` per endpoint, and an endpoint failing `breakerThreshold`
 * times in a row is left alone (its deliveries wait, due) until its circuit's
 * cooldown passes and one trial attempt succeeds.
 */
export class WebhookDispatcher {
  private readonly o: DispatcherOptions;
  private readonly inFlight = new Map<string, number>();
  private readonly circuits = new Map<string, Circuit>();
  private readonly attempts = new Set<Promise<void>>();
  private running = false;
  // Aborted by stop(): attempts in flight end at once and are not recorded; their lease makes them due again.
  private stopping = new AbortController();
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private successes: { id: string; status: number }[] = [];
  private successFlush: Promise<void> | null = null;

  constructor(private readonly d: DispatcherDeps) {
    this.o = { ...DEFAULT_DISPATCHER_OPTIONS, ...d.options };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopping = new AbortController();
    this.loop = this.run();
  }

  /**
   * Stops claiming and ends the attempts in flight without recording them: a
   * hanging receiver cannot hold up a shutdown, and each of those deliveries
   * is due again when its lease runs out, with the same webhook-id.
   */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    this.stopping.abort();
    await this.loop;
    await Promise.allSettled([...this.attempts]);
  }

  private async run(): Promise<void> {
    while (this.running) {
      let busy = false;
      try {
        busy = (await this.fanOut()) > 0;
        busy = (await this.deliverDue()) > 0 || busy;
      } catch (err) {
        this.d.logger.error({ err }, 'webhook dispatch failed; retrying');
      }
      if (this.running) await this.sleep(busy ? 0 : this.o.pollMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }

  /** Turns pending outbox events into deliveries; returns how many events it took. */
  async fanOut(): Promise<number> {
    const taken = await this.d.db.systemTransaction(async (tx) => {
      const events = await outbox.claimEvents(tx, FAN_OUT_BATCH);
      if (events.length === 0) return [];
      const endpoints = await webhooks.activeEndpoints(tx, [...new Set(events.map((e) => e.tenant_id))]);
      const deliveries: NewDelivery[] = [];
      for (const e of events) {
        const body = {
          id: e.id,
          type: e.event_type,
          event: e.event_type,
          timestamp: e.created_at.toISOString(),
          tenant_id: e.tenant_id,
          data: e.payload,
        };
        for (const ep of endpoints) {
          if (ep.tenant_id !== e.tenant_id) continue;
          if (e.endpoint_id === null ? !subscribes(ep.events, e.event_type) : ep.id !== e.endpoint_id) continue;
          deliveries.push({ id: uuidv7(), tenantId: e.tenant_id, endpointId: ep.id, eventId: e.id, eventType: e.event_type, body });
        }
      }
      await webhooks.insertDeliveries(tx, deliveries);
      await outbox.markEventsDone(
        tx,
        events.map((e) => e.id),
      );
      return events;
    });
    for (const e of taken) this.d.metrics?.event(e.event_type);
    if (taken.length > 0) this.wake?.();
    return taken.length;
  }

  /** Claims due deliveries up to the free slots and starts their attempts; returns how many it started. */
  async deliverDue(): Promise<number> {
    const free = this.o.concurrency - this.attempts.size;
    if (free <= 0) return 0;
    const now = Date.now();
    const excluded = new Set<string>();
    for (const [endpoint, n] of this.inFlight) if (n >= this.capacity(endpoint, now)) excluded.add(endpoint);
    for (const [endpoint, c] of this.circuits) if (c.openUntil > now && !this.inFlight.has(endpoint)) excluded.add(endpoint);
    const leaseSeconds = Math.ceil(this.o.timeoutMs / 1000) + 10;
    const chosen = await this.d.db.systemTransaction(async (tx) => {
      const due = await webhooks.dueDeliveries(tx, Math.min(CLAIM_BATCH, free * 4), [...excluded]);
      const picked: ClaimedDelivery[] = [];
      const planned = new Map(this.inFlight);
      for (const row of due) {
        if (picked.length >= free) break;
        const n = planned.get(row.endpoint_id) ?? 0;
        if (n >= this.capacity(row.endpoint_id, now)) continue;
        planned.set(row.endpoint_id, n + 1);
        picked.push(row);
      }
      await webhooks.lease(
        tx,
        picked.map((r) => r.id),
        leaseSeconds,
      );
      return picked;
    });
    for (const row of chosen) this.launch(row);
    return chosen.length;
  }

  /** Attempts this process may have in flight to an endpoint: none while its circuit is open, one trial when it half-opens. */
  private capacity(endpoint: string, now: number): number {
    const c = this.circuits.get(endpoint);
    if (!c || c.failures < this.o.breakerThreshold) return this.o.perEndpoint;
    return c.openUntil > now ? 0 : 1;
  }

  private launch(row: ClaimedDelivery): void {
    this.inFlight.set(row.endpoint_id, (this.inFlight.get(row.endpoint_id) ?? 0) + 1);
    // The endpoint's slot is its HTTP exchange: freed as soon as the answer is in, while the outcome is still being
    // recorded (the delivery stays leased meanwhile, so no one claims it again).
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const n = (this.inFlight.get(row.endpoint_id) ?? 1) - 1;
      if (n <= 0) this.inFlight.delete(row.endpoint_id);
      else this.inFlight.set(row.endpoint_id, n);
      this.wake?.();
    };
    const attempt = this.attempt(row, release)
      .catch((err) =>
        this.d.logger.error({ err, delivery_id: row.id }, 'webhook attempt could not be recorded; it is retried after its lease'),
      )
      .finally(() => {
        release();
        this.attempts.delete(attempt);
        this.wake?.();
      });
    this.attempts.add(attempt);
  }

  private secrets(row: ClaimedDelivery): string[] {
    const context = secretContext(row.endpoint_id);
    const secrets = [this.d.box.open(row.secret_sealed, context)];
    if (row.previous_secret_sealed && row.previous_secret_expires_at && row.previous_secret_expires_at.getTime() > Date.now()) {
      secrets.push(this.d.box.open(row.previous_secret_sealed, context));
    }
    return secrets;
  }

  /** One HTTP attempt and its record. */
  private async attempt(row: ClaimedDelivery, releaseSlot: () => void): Promise<void> {
    const body = JSON.stringify(row.body);
    const headers = {
      ...signedHeaders(this.secrets(row), row.event_id, Math.floor(Date.now() / 1000), body),
      [HEADER_LEGACY_EVENT]: row.event_type,
      'user-agent': 'Catalytic-Webhooks/1',
    };
    const outcome = await postJson(row.url, headers, body, {
      timeoutMs: this.o.timeoutMs,
      policy: this.d.ssrf,
      signal: this.stopping.signal,
    });
    if (this.stopping.signal.aborted) return;
    const result = attemptResult(outcome);
    this.d.metrics?.attempt(result, outcome.durationMs / 1000);
    const attempts = row.attempts + 1;
    const status = outcome.kind === 'response' ? outcome.status : null;
    this.trackCircuit(row.endpoint_id, result === 'success');
    releaseSlot();

    if (result === 'success') {
      await this.recordSuccess(row.id, status!);
      this.d.metrics?.delivery('delivered');
      return;
    }
    const error = describe(outcome).slice(0, LAST_ERROR_CHARS);
    if (status === 410) {
      await this.d.db.systemTransaction(async (tx) => {
        await webhooks.recordAttempt(tx, row.id, { status: 'dead', responseStatus: status, error, retryInSeconds: null });
        await webhooks.disableEndpoint(tx, row.endpoint_id, 'The receiver answered 410 Gone');
      });
      this.d.metrics?.delivery('endpoint_disabled');
      return;
    }
    if (isExhausted(attempts, row.max_retries)) {
      await this.d.db.systemTransaction((tx) =>
        webhooks.recordAttempt(tx, row.id, { status: 'dead', responseStatus: status, error, retryInSeconds: null }),
      );
      this.d.metrics?.delivery(result === 'blocked' ? 'blocked' : 'dead');
      return;
    }
    const wait = retryDelaySeconds(
      attempts,
      row.retry_delay_seconds,
      outcome.kind === 'response' ? retryAfterSeconds(outcome.retryAfter) : null,
      this.d.random,
    );
    await this.d.db.systemTransaction((tx) =>
      webhooks.recordAttempt(tx, row.id, { status: 'failed', responseStatus: status, error, retryInSeconds: wait }),
    );
    this.d.metrics?.delivery(result === 'blocked' ? 'blocked' : 'retrying');
  }

  /**
   * Successes are recorded in batches, one UPDATE for all that finished
   * within a few milliseconds of each other: under load that is most of the
   * database work of delivery. Each attempt waits for its batch to commit.
   */
  private recordSuccess(id: string, status: number): Promise<void> {
    this.successes.push({ id, status });
    this.successFlush ??= new Promise<void>((resolve, reject) => {
      setTimeout(() => {
        const batch = this.successes.splice(0);
        this.successFlush = null;
        this.d.db.systemTransaction((tx) => webhooks.recordSuccesses(tx, batch)).then(resolve, reject);
      }, SUCCESS_BATCH_MS);
    });
    return this.successFlush;
  }

  private trackCircuit(endpoint: string, ok: boolean): void {
    if (ok) {
      this.circuits.delete(endpoint);
      return;
    }
    const c = this.circuits.get(endpoint) ?? { failures: 0, openUntil: 0, trips: 0 };
    c.failures += 1;
    if (c.failures >= this.o.breakerThreshold) {
      c.openUntil = Date.now() + this.o.breakerCooldownMs * 2 ** Math.min(c.trips, 4);
      c.trips += 1;
      if (c.trips === 1) this.d.logger.warn({ webhook_id: endpoint }, 'webhook endpoint keeps failing; its circuit is open');
    }
    this.circuits.set(endpoint, c);
  }
}

function attemptResult(o: PostOutcome): AttemptResult {
  if (o.kind === 'response') {
    if (o.status >= 200 && o.status < 300) return 'success';
    return o.status >= 500 ? 'server_error' : 'client_error';
  }
  return o.kind;
}

function describe(o: PostOutcome): string {
  switch (o.kind) {
    case 'response':
      return `HTTP ${o.status}${o.status >= 300 && o.status < 400 ? ' (redirects are not followed)' : ''}`;
    case 'timeout':
      return `No answer within the timeout (${Math.round(o.durationMs / 1000)} s)`;
    case 'network_error':
      return `Connection failed: ${o.error}`;
    case 'blocked':
      return `Target refused: ${o.reason}`;
  }
}
