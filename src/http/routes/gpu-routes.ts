import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { gpuStatus } from '../../domain/operations/gpu-status.js';
import type { Engine } from '../../engine/engine.js';
import { requireRole } from '../route-access.js';
import { problems } from '../schemas/common.js';
import { GpuStatusSchema } from '../../domain/operations/gpu-status-schemas.js';

/** `GET /gpu/status`: what this process's engine sees of the GPU and how it routes work. */
export function gpuRoutes({ engine }: { engine: Engine }): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/gpu/status',
      {
        ...requireRole('viewer'),
        schema: {
          tags: ['gpu'],
          summary: 'GPU availability and routing thresholds (viewer)',
          description:
            "The engine's real WebGPU probe in the answering process, and per operation the estimated work above which the router prefers the worker pool or the GPU. Without a GPU, `available` is false and operations asked to use it run on the CPU with a `fallback_reason`.",
          response: { 200: GpuStatusSchema, ...problems(401, 403, 429) },
        },
      },
      async () => gpuStatus(engine),
    );
  };
}
