import { createLattice, type Lattice, type LatticeDefinition } from '../../../src/engine/lattice';

/*
 * The console decides which cells are obstacles with the engine's own code
 * (the same splitmix64 hash of seed and vertex index the server uses), so the
 * map shows exactly the lattice the server computes on, without downloading it.
 */

export interface ApiLatticeShape {
  shape: number[];
  boundary: 'open' | 'periodic';
  obstacles: null | { density: number; seed?: number } | { coordinates: number[][] };
}

export function definitionOf(l: ApiLatticeShape): LatticeDefinition {
  const o = l.obstacles;
  const obstacles = o === null ? null : 'coordinates' in o ? { coordinates: o.coordinates } : { density: o.density, seed: o.seed ?? 0 };
  return { shape: l.shape, boundary: l.boundary, obstacles };
}

export const engineLattice = (l: ApiLatticeShape): Lattice => createLattice(definitionOf(l));
