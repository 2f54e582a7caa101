import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { WebhookService } from '../../domain/webhooks/webhook-service.js';
import {
  CreateWebhookBody,
  DELIVERY_STATUSES,
  DeliveryList,
  DeliveryParams,
  DeliverySchema,
  RotateSecretBody,
  TestEventSchema,
  UpdateWebhookBody,
  WebhookList,
  WebhookSchema,
  WebhookWithSecretSchema,
} from '../../domain/webhooks/webhook-schemas.js';
import { StringEnum } from '../../domain/string-enum.js';
import { callerOf } from '../caller.js';
import { pagedResponse, pageRequest, sendPage } from '../pagination.js';
import { principalOf } from '../plugins/authentication.js';
import { requireRole } from '../route-access.js';
import { AUTHED_PROBLEMS, IdParams, problems } from '../schemas/common.js';
import { Pagination } from '../schemas/query-schemas.js';

const tags = ['webhooks'];

const DeliveryQuery = Type.Object({
  ...Pagination.properties,
  status: Type.Optional(StringEnum(DELIVERY_STATUSES, { description: 'Only deliveries in this status' })),
});

const SIGNING =
  'Each delivery is a POST of `{ id, type, event, timestamp, tenant_id, data }` signed the Standard Webhooks way: `webhook-id` (the event id, the same on every retry), `webhook-timestamp` (Unix seconds) and `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">` (two signatures, space-separated, while a rotated-out secret overlaps); old receivers also get `X-Webhook-Event` and `X-Webhook-Signature: sha256=<hex HMAC of the body>`. Only 2xx is success; retries back off exponentially with full jitter per `retry_config` and honour `Retry-After`; after the last retry the delivery is `dead`; a 410 disables the endpoint; redirects are not followed; an attempt times out after 15 s.';

/** `/webhooks`: endpoints (admin manages, members read), secret rotation, test events, the delivery log and redelivery. */
export function webhookRoutes({ webhooks }: { webhooks: WebhookService }): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/webhooks',
      {
        ...requireRole('admin'),
        schema: {
          tags,
          summary: 'Register a webhook endpoint (admin)',
          description: `The signing secret (given, or \`whsec_\` + base64 of 32 random bytes) is in this response only; it is stored encrypted. The URL's host must resolve to public addresses only (422 names the reason). ${SIGNING}`,
          body: CreateWebhookBody,
          response: { 201: WebhookWithSecretSchema, ...problems(...AUTHED_PROBLEMS, 400, 422) },
        },
      },
      async (req, reply) => reply.code(201).send(await webhooks.create(callerOf(req), req.body)),
    );

    app.get(
      '/webhooks',
      {
        ...requireRole('member'),
        schema: {
          tags,
          summary: "The tenant's webhook endpoints, newest first, without secrets",
          querystring: Pagination,
          response: { 200: pagedResponse(WebhookList, 'Webhook endpoints'), ...problems(...AUTHED_PROBLEMS, 422) },
        },
      },
      async (req, reply) => sendPage(req, reply, await webhooks.list(principalOf(req), pageRequest(req.query))),
    );

    app.get(
      '/webhooks/:id',
      {
        ...requireRole('member'),
        schema: {
          tags,
          summary: 'A webhook endpoint, without its secret',
          params: IdParams,
          response: { 200: WebhookSchema, ...problems(...AUTHED_PROBLEMS, 404, 422) },
        },
      },
      async (req) => webhooks.get(principalOf(req), req.params.id),
    );

    app.patch(
      '/webhooks/:id',
      {
        ...requireRole('admin'),
        schema: {
          tags,
          summary: 'Change, pause or resume a webhook endpoint (admin)',
          description: '`active: false` pauses: events still queue up for it and go out when it is resumed with `active: true`.',
          params: IdParams,
          body: UpdateWebhookBody,
          response: { 200: WebhookSchema, ...problems(...AUTHED_PROBLEMS, 400, 404, 422) },
        },
      },
      async (req) => webhooks.update(callerOf(req), req.params.id, req.body),
    );

    app.delete(
      '/webhooks/:id',
      {
        ...requireRole('admin'),
        schema: {
          tags,
          summary: 'Delete a webhook endpoint and its deliveries (admin)',
          params: IdParams,
          response: { 204: Type.Null({ description: 'Deleted' }), ...problems(...AUTHED_PROBLEMS, 404, 422) },
        },
      },
      async (req, reply) => {
        await webhooks.remove(callerOf(req), req.params.id);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/webhooks/:id/rotate-secret',
      {
        ...requireRole('admin'),
        schema: {
          tags,
          summary: "Rotate the endpoint's signing secret (admin)",
          description:
            'The new secret is in this response only. Until `previous_secret_expires_at` every delivery carries a signature with each secret, so receivers switch without missing one.',
          params: IdParams,
          body: Type.Optional(RotateSecretBody),
          response: { 200: WebhookWithSecretSchema, ...problems(...AUTHED_PROBLEMS, 400, 404, 422) },
        },
      },
      async (req) => webhooks.rotateSecret(callerOf(req), req.params.id, req.body ?? {}),
    );

    app.post(
      '/webhooks/:id/test',
      {
        ...requireRole('admin'),
        schema: {
          tags,
          summary: 'Send a webhook.test event to this endpoint (admin)',
          description: 'Queued like any event (202); follow it in the delivery log.',
          params: IdParams,
          response: { 202: TestEventSchema, ...problems(...AUTHED_PROBLEMS, 404, 422) },
        },
      },
      async (req, reply) => reply.code(202).send(await webhooks.sendTest(callerOf(req), req.params.id)),
    );

    app.get(
      '/webhooks/:id/deliveries',
      {
        ...requireRole('member'),
        schema: {
          tags,
          summary: "The endpoint's deliveries, newest first",
          description: 'Status, attempts, the last response code and error, and when the next attempt is due.',
          params: IdParams,
          querystring: DeliveryQuery,
          response: { 200: pagedResponse(DeliveryList, 'Deliveries'), ...problems(...AUTHED_PROBLEMS, 404, 422) },
        },
      },
      async (req, reply) =>
        sendPage(req, reply, await webhooks.deliveries(principalOf(req), req.params.id, pageRequest(req.query), req.query.status)),
    );

    app.post(
      '/webhooks/:id/deliveries/:delivery_id/retry',
      {
        ...requireRole('admin'),
        schema: {
          tags,
          summary: 'Deliver again now (admin)',
          description:
            'The delivery is due at once with the same `webhook-id`; a dead one gets one more attempt (dead again if it fails), a delivered one is sent again.',
          params: DeliveryParams,
          response: { 202: DeliverySchema, ...problems(...AUTHED_PROBLEMS, 404, 422) },
        },
      },
      async (req, reply) => reply.code(202).send(await webhooks.retryDelivery(callerOf(req), req.params.id, req.params.delivery_id)),
    );
  };
}
