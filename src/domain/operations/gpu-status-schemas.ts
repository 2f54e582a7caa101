import { type Static, Type } from '@sinclair/typebox';

const Int = Type.Integer();
const Num = Type.Number();

/** `GET /gpu/status`: the engine's WebGPU probe and the router's thresholds. */
export const GpuStatusSchema = Type.Object(
  {
    available: Type.Boolean(),
    backend: Type.Unsafe<string>({ type: 'string', enum: ['webgpu', 'none'] }),
    device_count: Int,
    devices: Type.Array(
      Type.Object({
        id: Int,
        name: Type.String(),
        memory_total_gb: Type.Union([Num, Type.Null()], { description: 'null: WebGPU does not expose device memory' }),
        memory_used_mb: Type.Number({ description: "Held by this process's GPU buffers" }),
        description: Type.Optional(Type.String()),
        feature_level: Type.Optional(Type.String()),
        fallback_adapter: Type.Optional(Type.Boolean()),
      }),
    ),
    reason: Type.Union([Type.String(), Type.Null()], { description: 'Why there is no GPU; null when there is one' }),
    routing: Type.Object({
      thresholds: Type.Object(
        {
          'cpu-pool': Type.Record(Type.String(), Type.Union([Num, Type.Null()])),
          gpu: Type.Record(Type.String(), Type.Union([Num, Type.Null()])),
        },
        { description: 'Per operation, the estimated work above which the router prefers that backend (from the calibrated cost model)' },
      ),
    }),
  },
  {
    examples: [
      {
        available: false,
        backend: 'none',
        device_count: 0,
        devices: [],
        reason: 'no WebGPU adapter available',
        routing: { thresholds: { 'cpu-pool': {}, gpu: {} } },
      },
    ],
  },
);

export type GpuStatus = Static<typeof GpuStatusSchema>;
