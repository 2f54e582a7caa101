import { type Static, Type } from '@sinclair/typebox';
import { Timestamp, Uuid } from '../common-schemas.js';
import { EVENT_TYPES } from '../outbox/events.js';
import { StringEnum } from '../string-enum.js';
import { SECRET_MAX_LENGTH, SECRET_MIN_LENGTH } from './webhook-signature.js';

const ENDPOINT_ID = '01920c91-2b3c-7d4e-9f5a-6b7c8d9e0f1a';
const DELIVERY_ID = '01920c92-3c4d-7e5f-8a6b-7c8d9e0f1a2b';
const EVENT_ID = '01920c92-3c4d-7e5f-8a6b-7c8d9e0f1a00';
const WHEN = '2025-01-15T09:30:00.000Z';
const SECRET_EXAMPLE = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw2Nf8S2zWnJk=';

/** The subscription patterns: every event type, `*` for all, and `<area>.*` for an area's events. */
export const EVENT_PATTERNS = [
  '*',
  ...EVENT_TYPES,
  ...[...new Set(EVENT_TYPES.map((type) => `${type.split('.')[0]}.*`))],
] as readonly string[];

export const DEFAULT_MAX_RETRIES = 10;
export const DEFAULT_RETRY_DELAY_SECONDS = 30;

const EventPattern = StringEnum(EVENT_PATTERNS, {
  description: 'An event type, `<area>.*` for all of an area (`lattice.*`, `job.*`), or `*` for every event',
});

const RetryConfig = Type.Object(
  {
    max_retries: Type.Integer({
      minimum: 0,
      maximum: 20,
      description: `Retries after the first attempt before the delivery is dead (default ${DEFAULT_MAX_RETRIES})`,
    }),
    retry_delay_seconds: Type.Integer({
      minimum: 1,
      maximum: 3600,
      description: `Base of the exponential backoff: retry n waits a random time up to retry_delay_seconds·2^(n-1) (full jitter, at most an hour), or what Retry-After asks (default ${DEFAULT_RETRY_DELAY_SECONDS})`,
    }),
  },
  { additionalProperties: false },
);

const Url = Type.String({
  minLength: 1,
  maxLength: 2048,
  description:
    'http(s) URL the events are POSTed to. Hosts resolving to loopback, private, CGNAT, link-local, multicast or unspecified addresses are refused (loopback only unless WEBHOOK_ALLOW_LOOPBACK=true)',
});

const Description = Type.String({ maxLength: 500 });

const Secret = Type.String({
  minLength: SECRET_MIN_LENGTH,
  maxLength: SECRET_MAX_LENGTH,
  description:
    'Signing secret: `whsec_` + base64 (the key is the decoded bytes), or any other 8–256 characters (the key is their UTF-8 bytes). Generated when omitted',
});

const Events = Type.Array(EventPattern, { minItems: 1, maxItems: 20, uniqueItems: true });

export const CreateWebhookBody = Type.Object(
  {
    url: Url,
    events: Events,
    secret: Type.Optional(Secret),
    description: Type.Optional(Description),
    retry_config: Type.Optional(RetryConfig),
  },
  {
    additionalProperties: false,
    examples: [
      {
        url: 'https://example.com/hooks',
        events: ['lattice.*', 'job.*'],
        description: 'Build pipeline',
        retry_config: { max_retries: 5, retry_delay_seconds: 10 },
      },
    ],
  },
);

export const UpdateWebhookBody = Type.Object(
  {
    url: Type.Optional(Url),
    events: Type.Optional(Events),
    description: Type.Optional(Type.Union([Description, Type.Null()])),
    retry_config: Type.Optional(RetryConfig),
    active: Type.Optional(
      Type.Boolean({ description: 'false pauses deliveries (they wait); true resumes them, also after a 410 disabled the endpoint' }),
    ),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ active: false }, { events: ['*'] }] },
);

export const RotateSecretBody = Type.Object(
  {
    secret: Type.Optional(Secret),
    overlap_seconds: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 7 * 86_400,
        description: 'How long the old secret keeps signing beside the new one (default WEBHOOK_SECRET_OVERLAP_SECONDS)',
      }),
    ),
  },
  { additionalProperties: false, examples: [{}, { overlap_seconds: 3600 }] },
);

const ENDPOINT_EXAMPLE = {
  id: ENDPOINT_ID,
  url: 'https://example.com/hooks',
  description: 'Build pipeline',
  events: ['lattice.*', 'job.*'],
  active: true,
  status: 'active',
  disabled_reason: null,
  retry_config: { max_retries: 5, retry_delay_seconds: 10 },
  previous_secret_expires_at: null,
  created_at: WHEN,
  updated_at: WHEN,
};

const endpointProperties = {
  id: Uuid,
  url: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  events: Type.Array(Type.String()),
  active: Type.Boolean({ description: 'Deliveries go out (status active)' }),
  status: StringEnum(['active', 'paused', 'disabled'] as const, {
    description: 'paused by the tenant, or disabled because the receiver answered 410 Gone',
  }),
  disabled_reason: Type.Union([Type.String(), Type.Null()]),
  retry_config: RetryConfig,
  previous_secret_expires_at: Type.Union([Timestamp, Type.Null()], {
    description: 'Until then the secret before the last rotation signs too (a second v1 signature)',
  }),
  created_at: Timestamp,
  updated_at: Timestamp,
};

export const WebhookSchema = Type.Object(endpointProperties, { additionalProperties: false, examples: [ENDPOINT_EXAMPLE] });
export const WebhookList = Type.Array(WebhookSchema);

export const WebhookWithSecretSchema = Type.Object(
  { ...endpointProperties, secret: Type.String({ description: 'The signing secret. Shown only in this response' }) },
  { additionalProperties: false, examples: [{ ...ENDPOINT_EXAMPLE, secret: SECRET_EXAMPLE }] },
);

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed', 'dead'] as const;

export const DeliverySchema = Type.Object(
  {
    id: Uuid,
    webhook_id: Uuid,
    event_id: Type.String({ description: 'The event; also the `webhook-id` header, the same on every attempt' }),
    event: Type.String(),
    status: StringEnum(DELIVERY_STATUSES, {
      description: 'pending: not tried yet; failed: the last attempt failed, another is due at next_attempt_at; dead: retries exhausted',
    }),
    attempts: Type.Integer(),
    retry_count: Type.Integer({ description: 'Attempts after the first' }),
    response_status: Type.Union([Type.Integer(), Type.Null()]),
    last_error: Type.Union([Type.String(), Type.Null()], {
      description: 'The error of the latest failed attempt (kept after a later success)',
    }),
    next_attempt_at: Type.Union([Timestamp, Type.Null()], { description: 'null once succeeded or dead' }),
    created_at: Timestamp,
    delivered_at: Type.Union([Timestamp, Type.Null()]),
  },
  {
    additionalProperties: false,
    examples: [
      {
        id: DELIVERY_ID,
        webhook_id: ENDPOINT_ID,
        event_id: EVENT_ID,
        event: 'lattice.created',
        status: 'succeeded',
        attempts: 2,
        retry_count: 1,
        response_status: 200,
        last_error: 'HTTP 503',
        next_attempt_at: null,
        created_at: WHEN,
        delivered_at: '2025-01-15T09:30:04.000Z',
      },
    ],
  },
);
export const DeliveryList = Type.Array(DeliverySchema);

export const DeliveryParams = Type.Object({ id: Uuid, delivery_id: Uuid }, { additionalProperties: false });

export const TestEventSchema = Type.Object(
  {
    event_id: Uuid,
    event: Type.Literal('webhook.test'),
  },
  { additionalProperties: false, examples: [{ event_id: EVENT_ID, event: 'webhook.test' }] },
);

export type CreateWebhookInput = Static<typeof CreateWebhookBody>;
export type UpdateWebhookInput = Static<typeof UpdateWebhookBody>;
export type RotateSecretInput = Static<typeof RotateSecretBody>;
export type WebhookView = Static<typeof WebhookSchema>;
export type WebhookWithSecretView = Static<typeof WebhookWithSecretSchema>;
export type DeliveryView = Static<typeof DeliverySchema>;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export type TestEventView = Static<typeof TestEventSchema>;

/** Whether an endpoint subscribed with `patterns` receives events of `type` (webhook.test goes only to its own endpoint). */
export function subscribes(patterns: readonly string[], type: string): boolean {
  if (type === 'webhook.test') return false;
  const area = `${type.split('.')[0]}.*`;
  return patterns.some((p) => p === '*' || p === type || p === area);
}
