import type { CentralityMeasure } from '../../engine/centrality.js';
import type { DiffusionParams } from '../../engine/diffusion.js';
import { OPERATION_NAMES, type OperationName, type OperationParams } from '../../engine/operations.js';
import type { PathAlgorithm } from '../../engine/path.js';
import type { TransformationType } from '../../engine/transforms.js';
import { validationFailed } from '../errors.js';

/*
 * The API's request bodies (snake_case, as the JSON schemas accept them) and
 * their translation into the engine's parameters. The caps below bound what
 * one request may ask for; the route schemas enforce them, and they are
 * documented in the OpenAPI description of each route.
 */

export const CAPS = {
  /** Source vertices of one distance field. */
  sources: 1000,
  /** Vertices listed by neighbors (the count is always complete). */
  neighborList: 10_000,
  /** Component sizes listed. */
  componentSizes: 10_000,
  /** Pivot sources of sampled centrality. */
  samples: 10_000,
  /** Boxes of one partition. */
  parts: 4096,
  /** Eigenvalues of one spectrum. */
  eigenvalues: 1000,
  /** Explicit diffusion steps. */
  diffusionSteps: 100_000,
  /** Statistics snapshots one diffusion may record. */
  snapshots: 1000,
  /** Point sources of one diffusion. */
  diffusionSources: 1000,
  /** Walkers and steps of one random walk. */
  walkers: 100_000,
  walkSteps: 100_000,
  /** Mean-squared-displacement points a random-walk response lists (evenly spaced). */
  msdPoints: 1001,
  /** Path vertices returned (the hop count is always complete). */
  pathLength: 100_000,
} as const;

/** Every operation but transform: they read the lattice and never change it. */
export type ReadOperation = Exclude<OperationName, 'transform'>;

export const READ_OPERATIONS: readonly ReadOperation[] = OPERATION_NAMES.filter((op): op is ReadOperation => op !== 'transform');

/** Members every operation body may carry besides its own parameters. */
export interface CommonInput {
  use_gpu?: boolean;
}

export interface PathInput extends CommonInput {
  start: number[];
  end: number[];
  algorithm?: Exclude<PathAlgorithm, 'closed_form'> | 'closed_form';
  max_path_length?: number;
}
export interface DistancesInput extends CommonInput {
  sources: number[][];
  max_distance?: number;
}
export interface NeighborsInput extends CommonInput {
  vertex: number[];
  radius: number;
  limit?: number;
}
export interface ComponentsInput extends CommonInput {
  max_sizes?: number;
}
export interface CentralityInput extends CommonInput {
  measure?: CentralityMeasure;
  exact_limit?: number;
  samples?: number;
  seed?: number;
  top_k?: number;
  symmetry?: boolean;
}
export interface AnalyzeInput extends CommonInput {
  exact_diameter_work?: number;
}
export interface PartitionInput extends CommonInput {
  parts: number;
}
export interface SpectrumInput extends CommonInput {
  k?: number;
}
export interface DiffusionInput extends CommonInput {
  steps: number;
  dt?: number;
  diffusivity?: number;
  sources?: { vertex: number[]; amount: number }[];
  initial?: 'field' | 'zero';
  snapshot_every?: number;
}
export interface RandomWalkInput extends CommonInput {
  walkers: number;
  steps: number;
  seed?: number;
  start?: number[];
}
export interface TransformInput extends CommonInput {
  transformation_type: TransformationType;
  parameters?: { key?: string | number; axes?: number[]; turns?: number; factor?: number };
}

export interface OperationInputs {
  path: PathInput;
  distances: DistancesInput;
  neighbors: NeighborsInput;
  components: ComponentsInput;
  centrality: CentralityInput;
  analyze: AnalyzeInput;
  partition: PartitionInput;
  spectrum: SpectrumInput;
  diffusion: DiffusionInput;
  'random-walk': RandomWalkInput;
  transform: TransformInput;
}

const DEFAULT_SPECTRUM_K = 10;
const DEFAULT_DIFFUSIVITY = 1;

/** Drops the members left undefined, so equal requests give equal parameters (and cache keys). */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * The engine parameters of a validated body; 422 for combinations the
 * schema cannot express (too many diffusion snapshots, a transform missing
 * its parameter). `dimensions` is the lattice's, for defaults that depend on it.
 */
export function engineParams<K extends OperationName>(op: K, body: OperationInputs[K], dimensions: number): OperationParams[K] {
  const params = mapParams(op, body as never, dimensions);
  return defined(params as object) as OperationParams[K];
}

function mapParams(op: OperationName, body: never, dimensions: number): unknown {
  switch (op) {
    case 'path': {
      const b: PathInput = body;
      return { start: b.start, end: b.end, algorithm: b.algorithm ?? 'auto', maxPathLength: b.max_path_length ?? CAPS.pathLength };
    }
    case 'distances': {
      const b: DistancesInput = body;
      return { sources: b.sources, maxDistance: b.max_distance };
    }
    case 'neighbors': {
      const b: NeighborsInput = body;
      return { vertex: b.vertex, radius: b.radius, limit: b.limit };
    }
    case 'components':
      return { maxSizes: (body as ComponentsInput).max_sizes };
    case 'centrality': {
      const b: CentralityInput = body;
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
      return { exactDiameterWork: (body as AnalyzeInput).exact_diameter_work };
    case 'partition':
      return { parts: (body as PartitionInput).parts };
    case 'spectrum':
      return { k: (body as SpectrumInput).k ?? DEFAULT_SPECTRUM_K };
    case 'diffusion':
      return diffusionParams(body, dimensions);
    case 'random-walk': {
      const b: RandomWalkInput = body;
      return { walkers: b.walkers, steps: b.steps, seed: b.seed ?? 0, start: b.start };
    }
    case 'transform':
      return transformParams(body);
  }
}

function diffusionParams(b: DiffusionInput, dimensions: number): DiffusionParams {
  const diffusivity = b.diffusivity ?? DEFAULT_DIFFUSIVITY;
  // Half the explicit scheme's stability bound dt·D·2d ≤ 1 unless the client chose dt.
  const dt = b.dt ?? (diffusivity > 0 ? 1 / (4 * dimensions * diffusivity) : 1);
  if (b.snapshot_every !== undefined && Math.ceil(b.steps / b.snapshot_every) > CAPS.snapshots) {
    throw validationFailed([
      {
        location: 'body.snapshot_every',
        message: `would record more than ${CAPS.snapshots} snapshots; use at least ${Math.ceil(b.steps / CAPS.snapshots)}`,
      },
    ]);
  }
  return defined({ steps: b.steps, dt, diffusivity, sources: b.sources, initial: b.initial, snapshotEvery: b.snapshot_every });
}

function transformParams(b: TransformInput): OperationParams['transform'] {
  const p = b.parameters ?? {};
  const missing = (name: string) =>
    validationFailed([{ location: `body.parameters.${name}`, message: `is required for transformation_type '${b.transformation_type}'` }]);
  switch (b.transformation_type) {
    case 'xor':
      if (p.key === undefined) throw missing('key');
      return { type: 'xor', key: p.key };
    case 'rotate':
      return { type: 'rotate', axes: (p.axes ?? [0, 1]) as [number, number], turns: p.turns ?? 1 };
    case 'scale':
      if (p.factor === undefined) throw missing('factor');
      return { type: 'scale', factor: p.factor };
    case 'normalize':
      return { type: 'normalize' };
  }
}

/** The body fields of an operation whose names differ from the engine's (camelCase) parameter names. */
const BODY_NAMES: Record<string, string> = {
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
const BODY_FIELDS = new Set([
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
 * Where in the body an engine complaint points: the coordinates it names
 * (`start`, `source 3`, ...) or the parameter in its details; `body` when
 * it cannot tell.
 */
export function bodyLocation(op: OperationName, message: string, details: Record<string, unknown> | undefined): string {
  const source = /^source (\d+)/.exec(message);
  if (source) return op === 'diffusion' ? `body.sources.${source[1]}.vertex` : `body.sources.${source[1]}`;
  const named = /^(start|end|vertex)\b/.exec(message);
  if (named) return `body.${named[1]}`;
  if (message.startsWith('source vertex') && typeof details?.source === 'number') return `body.sources.${details.source}`;
  for (const key of Object.keys(details ?? {})) {
    // A rotation of unequal sides reports the sides; the client chose them through axes.
    if (op === 'transform' && key === 'sides') return 'body.parameters.axes';
    if (op === 'transform' && TRANSFORM_PARAMETERS.has(key)) return `body.parameters.${key}`;
    const name = BODY_NAMES[key] ?? key;
    if (BODY_FIELDS.has(name)) return `body.${name}`;
  }
  return 'body';
}
