import { estimateAnalyze, type AnalyzeResult } from './analyze.js';
import { estimateCatalyticDistances } from './catalytic-distances.js';
import { estimateCentrality, type CentralityMeasure, type CentralityParams, type CentralityResult } from './centrality.js';
import { estimateConnectedComponents, type ComponentsResult } from './components.js';
import type { CostEstimate, RunOptions } from './cost.js';
import { estimateDiffuse, type DiffusionParams, type DiffusionResult } from './diffusion.js';
import { estimateDistanceField, type DistanceFieldResult } from './distances.js';
import { EngineError } from './errors.js';
import type { Lattice } from './lattice.js';
import { estimateNeighborhood, type NeighborhoodResult } from './neighbors.js';
import { estimatePartition, type PartitionResult } from './partition.js';
import { estimateFindPath, type PathAlgorithm, type PathResult } from './path.js';
import { estimateRandomWalk, type RandomWalkParams, type RandomWalkResult } from './random-walk.js';
import { estimateSpectrum, type SpectrumResult } from './spectrum.js';
import {
  estimateTransform,
  TRANSFORMATION_TYPES,
  type NormalizeResult,
  type RotateResult,
  type ScaleResult,
  type TransformationType,
  type XorResult,
} from './transforms.js';

/*
 * The catalogue of operations runOperation accepts: their names, parameter
 * and result types, cost estimates, and what the knowledge cache may assume
 * about them. Backends implement them; this file only describes them.
 */

export const OPERATION_NAMES = [
  'path',
  'distances',
  'neighbors',
  'components',
  'centrality',
  'analyze',
  'partition',
  'spectrum',
  'diffusion',
  'random-walk',
  'transform',
] as const;
export type OperationName = (typeof OPERATION_NAMES)[number];

export interface PathParams {
  start: number[];
  end: number[];
  algorithm?: PathAlgorithm;
  maxPathLength?: number;
}
export interface DistancesParams {
  sources: number[][];
  maxDistance?: number;
  /**
   * Catalytic mode: the BFS keeps its queue in the lattice's value field (its
   * work tape, materialised first if the lattice has none) and hands it back
   * bit for bit; the result then carries a `catalytic` report.
   */
  catalytic?: boolean;
}
export interface NeighborsParams {
  vertex: number[];
  radius: number;
  limit?: number;
}
export interface ComponentsParams {
  maxSizes?: number;
}
export interface CentralityOperationParams extends CentralityParams {
  measure: CentralityMeasure;
}
export interface AnalyzeParams {
  exactDiameterWork?: number;
}
export interface PartitionParams {
  parts: number;
}
export interface SpectrumParams {
  k: number;
}
/** One transform of the value field; which members matter depends on `type`. */
export interface TransformParams {
  type: TransformationType;
  /** xor: string or safe integer. */
  key?: string | number;
  /** rotate: the plane. */
  axes?: [number, number];
  /** rotate: quarter turns. */
  turns?: number;
  /** scale: the factor. */
  factor?: number;
}

export interface OperationParams {
  path: PathParams;
  distances: DistancesParams;
  neighbors: NeighborsParams;
  components: ComponentsParams;
  centrality: CentralityOperationParams;
  analyze: AnalyzeParams;
  partition: PartitionParams;
  spectrum: SpectrumParams;
  diffusion: DiffusionParams;
  'random-walk': RandomWalkParams;
  transform: TransformParams;
}

export interface OperationResults {
  path: PathResult;
  distances: DistanceFieldResult;
  neighbors: NeighborhoodResult;
  components: ComponentsResult;
  centrality: CentralityResult;
  analyze: AnalyzeResult;
  partition: PartitionResult;
  spectrum: SpectrumResult;
  diffusion: DiffusionResult;
  'random-walk': RandomWalkResult;
  transform: XorResult | RotateResult | ScaleResult | NormalizeResult;
}

/** Throws invalid_parameter unless `op` names an operation. */
export function checkOperation(op: unknown): asserts op is OperationName {
  if (!(OPERATION_NAMES as readonly unknown[]).includes(op)) {
    throw new EngineError('invalid_parameter', `unknown operation; valid operations: ${OPERATION_NAMES.join(', ')}`, {
      operation: op,
      valid: OPERATION_NAMES,
    });
  }
}

function requireObject(params: unknown, op: string): Record<string, unknown> {
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    throw new EngineError('invalid_parameter', `${op} parameters must be an object`);
  }
  return params as Record<string, unknown>;
}

function requireCount(p: Record<string, unknown>, name: string): number {
  const v = p[name];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
    throw new EngineError('invalid_parameter', `${name} must be a non-negative integer`, { [name]: v });
  }
  return v;
}

/**
 * The operation's cost estimate; throws EngineError for parameters the
 * estimate itself depends on. O(d) for every operation.
 */
export function estimateOperation(l: Lattice, op: OperationName, params: unknown, opts: RunOptions): CostEstimate {
  const p = requireObject(params, op);
  const budget = opts.maxMaterializedVertices;
  const threads = opts.threads ?? 1;
  switch (op) {
    case 'path': {
      const estimate = estimateFindPath(l, { ...(p as unknown as PathParams), maxMaterializedVertices: budget });
      // Dijkstra reads the field; a worker gets a copy of it.
      return readsField(op, p) && l.field !== null ? { ...estimate, bytes: estimate.bytes + l.field.byteLength } : estimate;
    }
    case 'distances':
      if (p.catalytic !== undefined && typeof p.catalytic !== 'boolean') {
        throw new EngineError('invalid_parameter', 'catalytic must be true or false', { catalytic: p.catalytic });
      }
      if (p.catalytic === true) return estimateCatalyticDistances(l);
      return estimateDistanceField(l, Array.isArray(p.sources) ? p.sources.length : 1, threads);
    case 'neighbors':
      return estimateNeighborhood(l, { ...(p as unknown as NeighborsParams), maxMaterializedVertices: budget });
    case 'components':
      return estimateConnectedComponents(l);
    case 'centrality':
      return estimateCentrality(l, { ...(p as unknown as CentralityOperationParams), threads });
    case 'analyze':
      return estimateAnalyze(l);
    case 'partition':
      return estimatePartition(l, p as unknown as PartitionParams);
    case 'spectrum':
      return estimateSpectrum(l, p as unknown as SpectrumParams);
    case 'diffusion':
      return estimateDiffuse(l, { steps: requireCount(p, 'steps') });
    case 'random-walk':
      return estimateRandomWalk(l, { walkers: requireCount(p, 'walkers'), steps: requireCount(p, 'steps'), threads });
    case 'transform': {
      const type = p.type as TransformationType;
      if (!TRANSFORMATION_TYPES.includes(type)) {
        throw new EngineError('invalid_parameter', `transformation type must be one of ${TRANSFORMATION_TYPES.join(', ')}`, {
          type,
          valid: TRANSFORMATION_TYPES,
        });
      }
      return estimateTransform(l, type);
    }
  }
}

/** Whether the operation changes the lattice (its value field): such runs are never cached. */
export function mutatesLattice(op: OperationName): boolean {
  return op === 'transform';
}

/** Whether the result depends on the value field, so the cache key needs its version. */
export function readsField(op: OperationName, params: unknown): boolean {
  if (op === 'diffusion') return (params as DiffusionParams).initial !== 'zero';
  if (op === 'path') return (params as PathParams).algorithm === 'dijkstra';
  if (op === 'distances') return (params as DistancesParams).catalytic === true;
  return op === 'transform';
}
