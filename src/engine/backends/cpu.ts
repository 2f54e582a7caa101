import { analyzeLattice } from '../analyze.js';
import { catalyticDistances } from '../catalytic-distances.js';
import { centrality } from '../centrality.js';
import { connectedComponents } from '../components.js';
import type { RunOptions } from '../cost.js';
import { diffuse } from '../diffusion.js';
import { distanceField } from '../distances.js';
import type { Lattice } from '../lattice.js';
import { neighborhood } from '../neighbors.js';
import type { OperationName, OperationParams, OperationResults } from '../operations.js';
import { partition } from '../partition.js';
import { findPath } from '../path.js';
import { randomWalk } from '../random-walk.js';
import { laplacianSpectrum } from '../spectrum.js';
import { normalizeField, rotateField, scaleField, xorField } from '../transforms.js';

/** The in-thread backend: each operation is a plain call of its engine function. */
export function runOnCpu<K extends OperationName>(op: K, l: Lattice, params: OperationParams[K], opts: RunOptions): OperationResults[K] {
  return dispatch(op, l, params, opts) as OperationResults[K];
}

function dispatch(op: OperationName, l: Lattice, params: unknown, opts: RunOptions): OperationResults[OperationName] {
  switch (op) {
    case 'path': {
      const p = params as OperationParams['path'];
      return findPath(l, p.start, p.end, p.algorithm ?? 'auto', { ...opts, maxPathLength: p.maxPathLength });
    }
    case 'distances': {
      const p = params as OperationParams['distances'];
      if (p.catalytic === true) return catalyticDistances(l, p, opts);
      return distanceField(l, p.sources, { ...opts, maxDistance: p.maxDistance });
    }
    case 'neighbors': {
      const p = params as OperationParams['neighbors'];
      return neighborhood(l, p.vertex, p.radius, { ...opts, limit: p.limit });
    }
    case 'components':
      return connectedComponents(l, { ...opts, maxSizes: (params as OperationParams['components']).maxSizes });
    case 'centrality': {
      const { measure, ...rest } = params as OperationParams['centrality'];
      return centrality(l, measure, rest, opts);
    }
    case 'analyze':
      return analyzeLattice(l, { ...opts, exactDiameterWork: (params as OperationParams['analyze']).exactDiameterWork });
    case 'partition':
      return partition(l, (params as OperationParams['partition']).parts);
    case 'spectrum':
      return laplacianSpectrum(l, (params as OperationParams['spectrum']).k);
    case 'diffusion':
      return diffuse(l, params as OperationParams['diffusion'], opts);
    case 'random-walk':
      return randomWalk(l, params as OperationParams['random-walk'], opts);
    case 'transform': {
      const p = params as OperationParams['transform'];
      switch (p.type) {
        case 'xor':
          return xorField(l, p.key as string | number, opts);
        case 'rotate':
          return rotateField(l, p.axes as [number, number], p.turns ?? 1, opts);
        case 'scale':
          return scaleField(l, p.factor as number, opts);
        case 'normalize':
          return normalizeField(l, opts);
      }
    }
  }
}
