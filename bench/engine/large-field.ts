import { distanceField } from '../../src/engine/distances.js';
import { createLattice, obstacleBitset, type ObstacleSpec } from '../../src/engine/lattice.js';

/*
 * One large distance field in a process of its own, so that the process's
 * peak resident memory is this field's: `node --import tsx
 * bench/engine/large-field.ts SHAPE OBSTACLES` with SHAPE like 100,100,100,100
 * and OBSTACLES `corner` (one obstacle, the far corner) or `density:0.1`.
 * Prints one JSON line. The obstacle bitset is built (and timed) apart, as
 * the engine keeps it with the lattice between operations.
 */

const [shapeArg, obstaclesArg] = process.argv.slice(2);
const shape = shapeArg.split(',').map(Number);
const obstacles: ObstacleSpec = obstaclesArg.startsWith('density:')
  ? { density: Number(obstaclesArg.slice('density:'.length)), seed: 1 }
  : { coordinates: [shape.map((n) => n - 1)] };

const l = createLattice({ shape, obstacles });
const source = shape.map(() => 0);
// Warm the kernels on a small lattice of the same rank, so the timed run is not the JIT's first.
distanceField(createLattice({ shape: shape.map(() => 8), obstacles: { coordinates: [shape.map(() => 7)] } }), [shape.map(() => 0)]);
distanceField(createLattice({ shape: shape.map(() => 8), obstacles: { density: 0.1, seed: 1 } }), [shape.map(() => 0)]);
let t = performance.now();
obstacleBitset(l);
const bitsetMs = performance.now() - t;
const baselineRss = process.memoryUsage.rss();
t = performance.now();
const r = distanceField(l, [source]);
const ms = performance.now() - t;
const peakRss = process.resourceUsage().maxRSS * 1024;
process.stdout.write(
  `${JSON.stringify({
    shape,
    obstacles: obstaclesArg,
    vertices: l.vertexCount,
    method: r.method,
    reached: r.reached,
    blocked: r.blocked,
    max_distance: r.max_distance,
    ms,
    bitset_ms: bitsetMs,
    baseline_rss_bytes: baselineRss,
    peak_rss_bytes: peakRss,
  })}\n`,
);
