import type { DiffusionParams } from '../../engine/diffusion.js';
import { OPERATION_NAMES, type OperationName, type OperationParams } from '../../engine/operations.js';
import { validationFailed } from '../errors.js';
import { CAPS } from './operation-caps.js';
import type { OperationInputs } from './operation-input-schemas.js';

/*
 * Operation inputs (snake_case, as their schemas accept them) translated into
 * the engine's parameters, and engine complaints traced back to the input.
 */

/** Every operation but transform: they read the lattice and never change it. */
export type ReadOperation = Exclude<OperationName, 'transform'>;

export const READ_OPERATIONS: readonly ReadOperation[] = OPERATION_NAMES.filter((op): op is ReadOperation => op !== 'transform');

const DEFAULT_SPECTRUM_K = 10;
const DEFAULT_DIFFUSIVITY = 1;

/** Drops the members left undefined, so equal requests give equal parameters (and cache keys). */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** What defaults of an operation's parameters depend on: the lattice's id and its number of dimensions. */
export interface ParamsLattice {
  id: string;
  dimensions: number;
}

/**
 * The xor key used when a transform sends none (old clients send `"parameters": {}`):
 * the lattice's id, so the same request applied twice restores the field.
 */
export const defaultXorKey = (latticeId: string): string => latticeId;

/**
 * The engine parameters of a validated body; validation_failed for combinations the
 * schema cannot express (too many diffusion snapshots, a transform missing
 * its parameter). `lattice` is the one the operation runs on, for defaults that depend on it.
 */
export function engineParams<K extends OperationName>(op: K, body: OperationInputs[K], lattice: ParamsLattice): OperationParams[K] {
  const params = mapParams(op, body as never, lattice);
  return defined(params as object) as OperationParams[K];
}

function mapParams(op: OperationName, body: never, lattice: ParamsLattice): unknown {
  switch (op) {
    case 'path': {
      const b: OperationInputs['path'] = body;
      return { start: b.start, end: b.end, algorithm: b.algorithm ?? 'auto', maxPathLength: b.max_path_length ?? CAPS.pathLength };
    }
    case 'distances': {
      const b: OperationInputs['distances'] = body;
      return { sources: b.sources, maxDistance: b.max_distance, ...(b.catalytic === true ? { catalytic: true } : {}) };
    }
    case 'neighbors': {
      const b: OperationInputs['neighbors'] = body;
      return { vertex: b.vertex, radius: b.radius, limit: b.limit };
    }
    case 'components':
      return { maxSizes: (body as OperationInputs['components']).max_sizes };
    case 'centrality': {
      const b: OperationInputs['centrality'] = body;
      return {
        measure: b.measure ?? 'closeness',
        exactLimit: b.exact_limit,
        samples: b.samples,
        seed: b.seed,
        topK: b.top_k,
        symmetry: b.symmetry,
      };
    }
    case 'analyze':
      return { exactDiameterWork: (body as OperationInputs['analyze']).exact_diameter_work };
    case 'partition':
      return { parts: (body as OperationInputs['partition']).parts };
    case 'spectrum':
      return { k: (body as OperationInputs['spectrum']).k ?? DEFAULT_SPECTRUM_K };
    case 'diffusion':
      return diffusionParams(body, lattice.dimensions);
    case 'random-walk': {
      const b: OperationInputs['random-walk'] = body;
      return { walkers: b.walkers, steps: b.steps, seed: b.seed ?? 0, start: b.start };
    }
    case 'transform':
      return transformParams(body, lattice.id);
  }
}

function diffusionParams(b: OperationInputs['diffusion'], dimensions: number): DiffusionParams {
  const diffusivity = b.diffusivity ?? DEFAULT_DIFFUSIVITY;
  // Half the explicit scheme's stability bound dt·D·2d ≤ 1 unless the client chose dt.
  const dt = b.dt ?? (diffusivity > 0 ? 1 / (4 * dimensions * diffusivity) : 1);
  if (b.snapshot_every !== undefined && Math.ceil(b.steps / b.snapshot_every) > CAPS.snapshots) {
    throw validationFailed([
      {
        field: 'input.snapshot_every',
        message: `would record more than ${CAPS.snapshots} snapshots; use at least ${Math.ceil(b.steps / CAPS.snapshots)}`,
      },
    ]);
  }
  return defined({ steps: b.steps, dt, diffusivity, sources: b.sources, initial: b.initial, snapshotEvery: b.snapshot_every });
}

function transformParams(b: OperationInputs['transform'], latticeId: string): OperationParams['transform'] {
  const p = b.parameters ?? {};
  const missing = (name: string) =>
    validationFailed([{ field: `input.parameters.${name}`, message: `is required for transformation_type '${b.transformation_type}'` }]);
  switch (b.transformation_type) {
    case 'xor':
      return { type: 'xor', key: p.key ?? defaultXorKey(latticeId) };
    case 'rotate':
      return { type: 'rotate', axes: (p.axes ?? [0, 1]) as [number, number], turns: p.turns ?? 1 };
    case 'scale':
      if (p.factor === undefined) throw missing('factor');
      return { type: 'scale', factor: p.factor };
    case 'normalize':
      return { type: 'normalize' };
  }
}

/** The input members of an operation whose names differ from the engine's (camelCase) parameter names. */
const INPUT_NAMES: Record<string, string> = {
  maxPathLength: 'max_path_length',
  maxDistance: 'max_distance',
  maxSizes: 'max_sizes',
  exactLimit: 'exact_limit',
  topK: 'top_k',
  exactDiameterWork: 'exact_diameter_work',
  snapshotEvery: 'snapshot_every',
  type: 'transformation_type',
  // An unstable diffusion reports its stability number; dt is what the client should lower.
  stability_number: 'dt',
};
const INPUT_FIELDS = new Set([
  'algorithm',
  'max_path_length',
  'sources',
  'max_distance',
  'radius',
  'limit',
  'max_sizes',
  'measure',
  'exact_limit',
  'samples',
  'seed',
  'top_k',
  'symmetry',
  'exact_diameter_work',
  'parts',
  'k',
  'steps',
  'dt',
  'diffusivity',
  'initial',
  'snapshot_every',
  'walkers',
  'transformation_type',
]);
const TRANSFORM_PARAMETERS = new Set(['key', 'axes', 'turns', 'factor']);

/**
 * The input field an engine complaint points at: the coordinates it names
 * (`start`, `source 3`, ...) or the parameter in its details; `input` when
 * it cannot tell.
 */
export function inputField(op: OperationName, message: string, details: Record<string, unknown> | undefined): string {
  const source = /^source (\d+)/.exec(message);
  if (source) return op === 'diffusion' ? `input.sources.${source[1]}.vertex` : `input.sources.${source[1]}`;
  const named = /^(start|end|vertex)\b/.exec(message);
  if (named) return `input.${named[1]}`;
  if (message.startsWith('source vertex') && typeof details?.source === 'number') return `input.sources.${details.source}`;
  for (const key of Object.keys(details ?? {})) {
    // A rotation of unequal sides reports the sides; the client chose them through axes.
    if (op === 'transform' && key === 'sides') return 'input.parameters.axes';
    if (op === 'transform' && TRANSFORM_PARAMETERS.has(key)) return `input.parameters.${key}`;
    const name = INPUT_NAMES[key] ?? key;
    if (INPUT_FIELDS.has(name)) return `input.${name}`;
  }
  return 'input';
}
