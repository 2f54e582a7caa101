import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { gpuConfigFromEnv } from '../engine/backends/gpu-context.js';
import { routerFromCalibration } from '../engine/calibration-file.js';
import { createEngine, type Engine } from '../engine/engine.js';
import { readTextFile } from './read-text-file.js';
import { isEngineError } from '../engine/errors.js';
import { createLattice, type LatticeDefinition, type ObstacleSpec } from '../engine/lattice.js';
import { OPERATION_NAMES, type OperationName } from '../engine/operations.js';
import type { BackendRequest } from '../engine/router.js';

/*
 * `catalytic lattice <op> ...`: builds a lattice from flags, runs one
 * operation through the engine's runner and prints the run as JSON, with
 * typed arrays summarised. Bad input exits with code 2 and the engine's message.
 */

export interface CommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

const processIo: CommandIo = { stdout: process.stdout, stderr: process.stderr };

export const LATTICE_USAGE = `Usage: catalytic lattice <operation> --shape N,N,... [options]

Operations: ${OPERATION_NAMES.join(', ')}

Lattice:    --shape 100,100,100  --boundary open|periodic  --obstacles density:0.2,seed:7 | 1,2;3,4
Vertices:   --from x,y,..  --to x,y,..  (distances: --from may repeat, or --sources "x,y;x,y")
Catalytic:  distances --catalytic keeps the BFS queue in the lattice's value field (the default
            field, seed 0) and reports the tape's checksums before and after, and the clean memory used
Options:    --algorithm auto|closed_form|bfs|bidirectional|astar|dijkstra  --radius R  --limit N
            --measure degree|closeness|betweenness  --samples K  --top-k K  --exact-limit N
            --parts P  --k K  --steps T  --dt X  --diffusivity D  --snapshot-every S  --initial field|zero
            --walkers W  --seed S  --type xor|rotate|scale|normalize  --key K  --axes a,b  --turns T
            --factor F  --max-distance D  --max-sizes N  --budget VERTICES
            --backend auto|cpu|cpu-pool|gpu  --json (one line)  --help
GPU:        CATALYTIC_DAWN_OPTIONS="backend=opengles" passes options to Dawn (e.g. for Mesa's llvmpipe).
Routing:    uses .catalytic/calibration.json when present (catalytic bench calibrate), else built-in defaults.`;

/** Thrown for malformed flags; reported like engine errors, exit code 2. */
class UsageError extends Error {}

const OPTIONS = {
  shape: { type: 'string' },
  boundary: { type: 'string' },
  obstacles: { type: 'string' },
  from: { type: 'string', multiple: true },
  to: { type: 'string' },
  sources: { type: 'string' },
  algorithm: { type: 'string' },
  radius: { type: 'string' },
  limit: { type: 'string' },
  measure: { type: 'string' },
  samples: { type: 'string' },
  'top-k': { type: 'string' },
  'exact-limit': { type: 'string' },
  parts: { type: 'string' },
  k: { type: 'string' },
  steps: { type: 'string' },
  dt: { type: 'string' },
  diffusivity: { type: 'string' },
  'snapshot-every': { type: 'string' },
  initial: { type: 'string' },
  walkers: { type: 'string' },
  seed: { type: 'string' },
  type: { type: 'string' },
  key: { type: 'string' },
  axes: { type: 'string' },
  turns: { type: 'string' },
  factor: { type: 'string' },
  'max-distance': { type: 'string' },
  catalytic: { type: 'boolean' },
  'max-sizes': { type: 'string' },
  budget: { type: 'string' },
  backend: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

type Flags = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

function num(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${flag} must be a number, got "${value}"`);
  return n;
}

function coords(value: string, flag: string): number[] {
  return value.split(',').map((part) => {
    const n = num(part, flag) as number;
    if (!Number.isInteger(n)) throw new UsageError(`--${flag} takes integers separated by commas, got "${value}"`);
    return n;
  });
}

function required<T>(value: T | undefined, flag: string, op: string): T {
  if (value === undefined) throw new UsageError(`${op} needs --${flag}`);
  return value;
}

/** "density:0.2,seed:7" or a list of coordinates "1,2;3,4". */
function obstacles(value: string | undefined): ObstacleSpec | undefined {
  if (value === undefined) return undefined;
  if (value.includes(':')) {
    const spec: Record<string, number> = {};
    for (const pair of value.split(',')) {
      const [name, raw] = pair.split(':');
      if (name !== 'density' && name !== 'seed') throw new UsageError(`--obstacles takes density:X,seed:N, got "${pair}"`);
      spec[name] = num(raw, 'obstacles') as number;
    }
    return { density: spec.density ?? 0, seed: spec.seed ?? 0 };
  }
  return {
    coordinates: value
      .split(';')
      .filter((s) => s.trim() !== '')
      .map((c) => coords(c, 'obstacles')),
  };
}

function paramsFor(op: OperationName, f: Flags): Record<string, unknown> {
  if (f.catalytic === true && op !== 'distances') throw new UsageError('--catalytic applies to distances only');
  const from = f.from?.map((c) => coords(c, 'from'));
  const first = from?.[0];
  switch (op) {
    case 'path':
      return { start: required(first, 'from', op), end: coords(required(f.to, 'to', op), 'to'), algorithm: f.algorithm };
    case 'distances': {
      const sources = [...(from ?? []), ...(f.sources?.split(';').map((c) => coords(c, 'sources')) ?? [])];
      if (sources.length === 0) throw new UsageError('distances needs --from (repeatable) or --sources');
      return { sources, maxDistance: num(f['max-distance'], 'max-distance'), catalytic: f.catalytic };
    }
    case 'neighbors':
      return { vertex: required(first, 'from', op), radius: required(num(f.radius, 'radius'), 'radius', op), limit: num(f.limit, 'limit') };
    case 'components':
      return { maxSizes: num(f['max-sizes'], 'max-sizes') };
    case 'centrality':
      return {
        measure: f.measure ?? 'betweenness',
        samples: num(f.samples, 'samples'),
        seed: num(f.seed, 'seed'),
        topK: num(f['top-k'], 'top-k'),
        exactLimit: num(f['exact-limit'], 'exact-limit'),
      };
    case 'analyze':
      return {};
    case 'partition':
      return { parts: required(num(f.parts, 'parts'), 'parts', op) };
    case 'spectrum':
      return { k: num(f.k, 'k') ?? 10 };
    case 'diffusion':
      return {
        steps: required(num(f.steps, 'steps'), 'steps', op),
        dt: num(f.dt, 'dt') ?? 0.1,
        diffusivity: num(f.diffusivity, 'diffusivity') ?? 1,
        snapshotEvery: num(f['snapshot-every'], 'snapshot-every'),
        initial: f.initial,
      };
    case 'random-walk':
      return {
        walkers: num(f.walkers, 'walkers') ?? 1000,
        steps: required(num(f.steps, 'steps'), 'steps', op),
        seed: num(f.seed, 'seed') ?? 0,
        start: first,
      };
    case 'transform':
      return {
        type: required(f.type, 'type', op),
        key: f.key === undefined ? undefined : /^-?\d+$/.test(f.key) ? Number(f.key) : f.key,
        axes: f.axes === undefined ? undefined : coords(f.axes, 'axes'),
        turns: num(f.turns, 'turns'),
        factor: num(f.factor, 'factor'),
      };
  }
}

/** Typed arrays become { type, length, min, max, head } so a million-vertex field prints in a few lines. */
function summarise(_key: string, value: unknown): unknown {
  if (!ArrayBuffer.isView(value) || value instanceof DataView) return value;
  const a = value as unknown as ArrayLike<number>;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < a.length; i++) {
    if (a[i] < min) min = a[i];
    if (a[i] > max) max = a[i];
  }
  return {
    type: value.constructor.name,
    length: a.length,
    min: a.length ? min : null,
    max: a.length ? max : null,
    head: Array.from(a).slice(0, 8),
  };
}

function progressBar(io: CommandIo): { update(fraction: number): void; stop(): void } {
  if (io.stderr.isTTY !== true) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({
    stream: io.stderr as NodeJS.WritableStream,
    format: ' {bar} {percentage}% | {duration_formatted}',
    hideCursor: true,
  });
  const started = Date.now();
  let shown = false;
  return {
    update(fraction) {
      // Quick runs finish before the bar would be worth drawing.
      if (!shown && Date.now() - started < 300) return;
      if (!shown) bar.start(1000, 0);
      shown = true;
      bar.update(Math.round(fraction * 1000));
    },
    stop() {
      if (shown) bar.stop();
    },
  };
}

/** Entry point of `catalytic lattice ...`; returns the process exit code (0 ok, 2 bad input, 1 failure). */
export async function runLatticeCommand(argv: string[], io: CommandIo = processIo): Promise<number> {
  let flags: Flags;
  let positionals: string[];
  try {
    ({ values: flags, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true }));
  } catch (error) {
    io.stderr.write(`catalytic lattice: ${error instanceof Error ? error.message : String(error)}\n\n${LATTICE_USAGE}\n`);
    return 2;
  }
  if (flags.help === true || positionals.length === 0) {
    (flags.help === true ? io.stdout : io.stderr).write(`${LATTICE_USAGE}\n`);
    return flags.help === true ? 0 : 2;
  }
  const op = positionals[0];
  if (!(OPERATION_NAMES as readonly string[]).includes(op) || positionals.length > 1) {
    io.stderr.write(`catalytic lattice: unknown operation "${positionals.join(' ')}"; valid operations: ${OPERATION_NAMES.join(', ')}\n`);
    return 2;
  }
  const bar = progressBar(io);
  let engine: Engine | null = null;
  try {
    engine = createEngine({
      // Routing uses this machine's calibration when `catalytic bench calibrate` has written one.
      router: routerFromCalibration(readTextFile).router,
      gpu: gpuConfigFromEnv(process.env),
      // One run and then exit: nothing else waits on this thread, so the router decides on speed alone.
      inlineBudgetMs: Infinity,
    });
    const def: LatticeDefinition = {
      shape: coords(required(flags.shape, 'shape', 'every operation'), 'shape'),
      boundary: flags.boundary as LatticeDefinition['boundary'],
      obstacles: obstacles(flags.obstacles),
    };
    const lattice = createLattice(def);
    const params = paramsFor(op as OperationName, flags);
    const run = await engine.run(lattice, op as OperationName, params as never, {
      backend: (flags.backend ?? 'auto') as BackendRequest,
      maxMaterializedVertices: num(flags.budget, 'budget'),
      onProgress: (f) => bar.update(f),
    });
    bar.stop();
    const out = {
      operation: op,
      lattice: {
        shape: lattice.shape,
        boundary: lattice.boundary,
        obstacles: lattice.obstacleSpec,
        vertices: lattice.vertexCount,
        edges: lattice.edgeCount,
      },
      backend: run.backend,
      gpu_used: run.gpu_used,
      fallback_reason: run.fallback_reason,
      execution_time_ms: run.execution_time_ms,
      predicted_ms: run.predicted_ms,
      estimate: run.estimate,
      result: run.result,
    };
    io.stdout.write(`${JSON.stringify(out, summarise, flags.json === true ? undefined : 2)}\n`);
    return 0;
  } catch (error) {
    bar.stop();
    if (isEngineError(error) || error instanceof UsageError) {
      io.stderr.write(`catalytic lattice: ${error.message}\n`);
      return 2;
    }
    io.stderr.write(`catalytic lattice: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  } finally {
    await engine?.close();
  }
}
