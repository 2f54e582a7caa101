import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { centrality } from '../../src/engine/centrality.js';
import { connectedComponents } from '../../src/engine/components.js';
import { distanceField } from '../../src/engine/distances.js';
import { createLattice, type Lattice } from '../../src/engine/lattice.js';
import { neighborhood } from '../../src/engine/neighbors.js';
import { findPath } from '../../src/engine/path.js';
import {
  betweennessCentrality,
  bfsFromNode,
  bidirectional,
  closenessCentrality,
  connectedComponents as graphologyComponents,
  graphologyGrid,
  singleSourceLength,
  type Graph,
} from './graphology.js';
import { measure, type Measured } from './measure.js';

/*
 * The engine against graphology on the same lattices, same process, same
 * machine: `node --expose-gc --import tsx bench/engine/run.ts [--quick]`.
 * Prints a markdown table and writes bench/results/engine.json.
 */

const quick = process.argv.includes('--quick');
const RUNS = 5;
const SLOW_MS = 10_000;
const opts = { runs: RUNS, slowMs: SLOW_MS };

interface Row {
  lattice: string;
  vertices: number;
  operation: string;
  ours: Measured & { method?: string };
  graphology: Measured | null;
  /** graphology median / ours median. */
  ratio: number | null;
}

const rows: Row[] = [];

function label(shape: number[]): string {
  return `${shape.length}D ${shape[0]}${shape.length > 1 ? `^${shape.length}` : ''}`.replace(
    /\^(\d)/,
    (_, p: string) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(p)],
  );
}

function record(l: Lattice, operation: string, ours: Measured & { method?: string }, graphology: Measured | null): void {
  const row: Row = {
    lattice: label(l.shape as number[]),
    vertices: l.vertexCount,
    operation,
    ours,
    graphology,
    ratio: graphology === null ? null : graphology.median_ms / ours.median_ms,
  };
  rows.push(row);
  const g = graphology === null ? '' : ` | graphology ${graphology.median_ms.toFixed(2)} ms (${graphology.runs} runs)`;
  process.stderr.write(`${row.lattice} ${operation}: ours ${ours.median_ms.toFixed(3)} ms${g}\n`);
}

function methodOf(run: () => { method?: string; algorithm?: string }): string | undefined {
  const r = run();
  return r.method ?? r.algorithm;
}

function benchLattice(shape: number[]): void {
  const corner = shape.map((n) => n - 1);
  const origin = shape.map(() => 0);
  const centre = shape.map((n) => n >> 1);
  const l = createLattice({ shape });
  // One obstacle away from the source makes the engine run its real queue BFS over the whole lattice.
  const blocked = createLattice({ shape, obstacles: { coordinates: [corner] } });
  // The engine is measured before graphology's graph exists: with a gigabyte of someone else's
  // heap alive, every allocation of ours would pay for collecting it.
  const ours = {
    build: measure(() => createLattice({ shape }), opts),
    bfs: { ...measure(() => distanceField(l, [origin]), opts), method: methodOf(() => distanceField(l, [origin])) },
    queueBfs: { ...measure(() => distanceField(blocked, [origin]), opts), method: methodOf(() => distanceField(blocked, [origin])) },
    path: { ...measure(() => findPath(l, origin, corner), opts), method: methodOf(() => findPath(l, origin, corner)) },
    ball: { ...measure(() => neighborhood(l, centre, 2), opts), method: methodOf(() => neighborhood(l, centre, 2)) },
    components: { ...measure(() => connectedComponents(l), opts), method: methodOf(() => connectedComponents(l)) },
  };
  let graph: Graph | null = null;
  const build = measure(() => (graph = graphologyGrid(shape)), opts);
  const g = graph as unknown as Graph;
  const id = (coords: number[]): string => String(coords.reduce((i, c, k) => i + c * l.strides[k], 0));
  record(l, 'build', ours.build, build);
  record(
    l,
    'BFS distance field (corner)',
    ours.bfs,
    measure(() => singleSourceLength(g, id(origin)), opts),
  );
  record(blocked, 'BFS distance field (queue BFS: 1 obstacle)', ours.queueBfs, null);
  record(
    l,
    'corner-to-corner path',
    ours.path,
    measure(() => bidirectional(g, id(origin), id(corner)), opts),
  );
  record(
    l,
    'radius-2 neighbourhood',
    ours.ball,
    measure(() => {
      let count = 0;
      bfsFromNode(g, id(centre), (_node, _attr, depth) => {
        count++;
        return depth >= 2;
      });
      return count;
    }, opts),
  );
  record(
    l,
    'connected components',
    ours.components,
    measure(() => graphologyComponents(g), opts),
  );
  graph = null;
}

function benchCentrality(shape: number[]): void {
  const l = createLattice({ shape });
  const betweenness = measure(() => centrality(l, 'betweenness', { exactLimit: l.vertexCount }), opts);
  const closeness = measure(() => centrality(l, 'closeness', { exactLimit: l.vertexCount }), opts);
  const g = graphologyGrid(shape);
  record(
    l,
    'exact betweenness',
    betweenness,
    measure(() => betweennessCentrality(g, { normalized: false }), opts),
  );
  record(
    l,
    'exact closeness',
    closeness,
    measure(() => closenessCentrality(g, { wassermanFaust: true }), opts),
  );
}

function fmt(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(4);
}

function perVertex(m: Measured, V: number): string {
  return `${(m.memory_bytes / V).toFixed(1)}`;
}

function table(): string {
  const head =
    '| lattice | operation | ours ms (runs) | ours B/vertex | method | graphology ms (runs) | graphology B/vertex | graphology / ours |';
  const lines = [head, '|---|---|---|---|---|---|---|---|'];
  for (const r of rows) {
    const g = r.graphology;
    lines.push(
      `| ${r.lattice} | ${r.operation} | ${fmt(r.ours.median_ms)} (${r.ours.runs}) | ${perVertex(r.ours, r.vertices)} | ${r.ours.method ?? ''} | ${
        g === null ? '—' : `${fmt(g.median_ms)} (${g.runs}${g.note ? '*' : ''})`
      } | ${g === null ? '—' : perVertex(g, r.vertices)} | ${r.ratio === null ? '—' : `${r.ratio.toFixed(r.ratio >= 10 ? 0 : 1)}×`} |`,
    );
  }
  return lines.join('\n');
}

interface Target {
  target: string;
  measured: string;
  met: boolean;
}

function targets(): Target[] {
  const out: Target[] = [];
  for (const r of rows.filter((x) => x.vertices >= 800_000 && x.operation.startsWith('BFS distance field'))) {
    const bytes = r.ours.memory_bytes / r.vertices;
    out.push({
      target: `${r.lattice} ${r.operation}: ≤ 25 ms and ≤ 8 extra bytes per vertex`,
      measured: `${fmt(r.ours.median_ms)} ms, ${bytes.toFixed(1)} B/vertex`,
      met: r.ours.median_ms <= 25 && bytes <= 8,
    });
  }
  for (const r of rows.filter((x) => x.operation === 'corner-to-corner path')) {
    out.push({ target: `${r.lattice} obstacle-free path < 0.1 ms`, measured: `${fmt(r.ours.median_ms)} ms`, met: r.ours.median_ms < 0.1 });
  }
  for (const r of rows.filter((x) => x.operation === 'exact betweenness' && x.vertices === 625)) {
    out.push({ target: 'exact betweenness 4D 5⁴ ≤ 17 ms', measured: `${fmt(r.ours.median_ms)} ms`, met: r.ours.median_ms <= 17 });
  }
  return out;
}

const started = performance.now();
const loadBefore = loadavg()[0];
const shapes = quick
  ? [[10, 10, 10, 10]]
  : [
      [1000, 1000],
      [100, 100, 100],
      [30, 30, 30, 30],
      [10, 10, 10, 10],
    ];
for (const shape of shapes) benchLattice(shape);
benchCentrality([5, 5, 5, 5]);

const checks = targets();
const cpu = cpus();
const report = {
  created_at: new Date().toISOString(),
  machine: { cpu_model: cpu[0]?.model ?? 'unknown', cores: cpu.length, memory_gb: Math.round(totalmem() / 2 ** 30), node: process.version },
  // Other processes share the machine: the 1-minute load average says how much.
  load_average: { before: loadBefore, after: loadavg()[0] },
  method: `median of ${RUNS} runs after one warm-up run (which also measures memory); a single run where the first takes over ${SLOW_MS / 1000} s`,
  duration_s: (performance.now() - started) / 1000,
  rows,
  targets: checks,
};
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/engine.json', `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`${table()}\n\n* one run only: it takes over ${SLOW_MS / 1000} s\n\n`);
for (const t of checks) process.stdout.write(`- [${t.met ? 'x' : ' '}] ${t.target}: ${t.measured}\n`);
process.stdout.write(
  `\n${report.machine.cpu_model}, ${report.machine.cores} cores, Node ${process.version}, load average ${loadBefore.toFixed(1)} → ${report.load_average.after.toFixed(1)}; ${report.duration_s.toFixed(0)} s in all. JSON: bench/results/engine.json\n`,
);
