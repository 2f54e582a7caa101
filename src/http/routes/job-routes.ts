import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { JobService } from '../../domain/jobs/job-service.js';
import { pagedResponse, pageRequest, sendPage } from '../pagination.js';
import { principalOf } from '../plugins/authentication.js';
import { requireRole } from '../route-access.js';
import { AUTHED_PROBLEMS, IdParams, problems } from '../schemas/common.js';
import { Pagination } from '../schemas/query-schemas.js';
import { Job } from '../../domain/jobs/job-schemas.js';

/** `/jobs`: status, progress and results of long operations; cancel. */
export function jobRoutes({ jobs }: { jobs: JobService }): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['jobs'];
    app.get(
      '/jobs',
      {
        ...requireRole('viewer'),
        schema: {
          tags,
          summary: "This tenant's jobs, newest first",
          querystring: Pagination,
          response: { 200: pagedResponse(Type.Array(Job), 'Jobs'), ...problems(...AUTHED_PROBLEMS, 422) },
        },
      },
      async (req, reply) => sendPage(req, reply, await jobs.list(principalOf(req), pageRequest(req.query))),
    );

    app.get(
      '/jobs/:id',
      {
        ...requireRole('viewer'),
        schema: {
          tags,
          summary: 'A job: status, progress, result or error',
          params: IdParams,
          response: { 200: Job, ...problems(...AUTHED_PROBLEMS, 404, 422) },
        },
      },
      async (req) => jobs.get(principalOf(req), req.params.id),
    );

    app.delete(
      '/jobs/:id',
      {
        ...requireRole('member'),
        schema: {
          tags,
          summary: 'Cancel a queued or running job (a finished job is returned unchanged)',
          params: IdParams,
          response: { 200: Job, ...problems(...AUTHED_PROBLEMS, 404, 422) },
        },
      },
      async (req) => jobs.cancel(principalOf(req), req.params.id),
    );
  };
}
