import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppError, type ErrorCode } from '../../domain/errors.js';
import { problems } from '../schemas/common.js';

const ERRORS: Record<string, ErrorCode> = {
  '400': 'malformed_request',
  '401': 'unauthenticated',
  '403': 'forbidden',
  '404': 'not_found',
  '500': 'internal_error',
  '503': 'service_unavailable',
};

/**
 * Only with TESTING_MODE=true: routes that fail or stall on demand, so alert
 * rules and dashboards can be exercised against a real process.
 */
export function testingRoutes(): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['operations'];
    app.post(
      '/testing/error',
      {
        schema: {
          tags,
          summary: 'Answer with the requested error status (TESTING_MODE only)',
          body: Type.Object({ error_type: Type.Union(Object.keys(ERRORS).map((k) => Type.Literal(k))) }),
          response: problems(400, 401, 403, 404, 422, 500, 503),
        },
      },
      async (req) => {
        const code = ERRORS[req.body.error_type];
        throw new AppError(code, `Deliberate ${req.body.error_type} from the testing endpoint`);
      },
    );

    app.get(
      '/testing/slow',
      {
        schema: {
          tags,
          summary: 'Answer after a delay (TESTING_MODE only)',
          querystring: Type.Object({ delay_seconds: Type.Number({ minimum: 0, maximum: 30, default: 1 }) }),
          response: { 200: Type.Object({ delayed_seconds: Type.Number() }), ...problems(422) },
        },
      },
      async (req) => {
        await new Promise((resolve) => setTimeout(resolve, req.query.delay_seconds * 1000));
        return { delayed_seconds: req.query.delay_seconds };
      },
    );
  };
}
