import type { DeliveryRow, EndpointRow } from './webhook-repository.js';
import type { DeliveryView, WebhookView } from './webhook-schemas.js';

/** An endpoint as the API shows it: never a secret. */
export function webhookView(row: EndpointRow, now = Date.now()): WebhookView {
  const overlap = row.previous_secret_expires_at && row.previous_secret_expires_at.getTime() > now ? row.previous_secret_expires_at : null;
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events,
    active: row.status === 'active',
    status: row.status,
    disabled_reason: row.disabled_reason,
    retry_config: { max_retries: row.max_retries, retry_delay_seconds: row.retry_delay_seconds },
    previous_secret_expires_at: overlap ? overlap.toISOString() : null,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

export function deliveryView(row: DeliveryRow): DeliveryView {
  const waiting = row.status === 'pending' || row.status === 'failed';
  return {
    id: row.id,
    webhook_id: row.endpoint_id,
    event_id: row.event_id,
    event: row.event_type,
    status: row.status,
    attempts: row.attempts,
    retry_count: Math.max(0, row.attempts - 1),
    response_status: row.response_status,
    last_error: row.last_error,
    next_attempt_at: waiting ? row.next_attempt_at.toISOString() : null,
    created_at: row.created_at.toISOString(),
    delivered_at: row.delivered_at ? row.delivered_at.toISOString() : null,
  };
}
