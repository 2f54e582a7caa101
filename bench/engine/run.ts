import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { centrality } from '../../src/engine/centrality.js';
import { connectedComponents } from '../../src/engine/components.js';
import { distanceField, type DistanceFieldResult } from '../../src/engine/distances.js';
import { catalyticDistances } from '../../src/engine/catalytic-distances.js';
import { materializeField } from '../../src/engine/field.js';
import { createLattice, obstacleBitset, type Lattice } from '../../src/engine/lattice.js';
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
import { igraphPython, runIgraph, type IgraphCase, type IgraphResult } from './igraph.js';
import { measure, type Measured } from './measure.js';
import { provenance } from './provenance.js';

/*
 * The engine against graphology (same process) and python3-igraph (a child
 * process) on the same lattices, on one machine in one run:
 * `npm run bench:engine` (= run.ts --large), or `node --expose-gc
 * --max-old-space-size=8192 --import tsx bench/engine/run.ts [--quick]
 * [--large]`. Prints a markdown table and target checks, writes
 * bench/results/engine.json with the commit and the hash of src/engine it
 * measured.
 */

const quick = process.argv.includes('--quick');
const large = process.argv.includes('--large');
const RUNS = 5;
const SLOW_MS = 10_000;
const opts = { runs: RUNS, slowMs: SLOW_MS };
const DENSITY = 0.1;
const log = (line: string): void => void process.stderr.write(`${line}\n`);

interface Row {
  lattice: string;
  vertices: number;
  operation: string;
  ours: Measured & { method?: string };
  graphology: Measured | null;
  igraph: (IgraphResult & { agrees: boolean }) | null;
  /** peer median / ours median. */
  ratio_graphology: number | null;
  ratio_igraph: number | null;
}

interface CatalyticRow {
  lattice: string;
  vertices: number;
  obstacles: string;
  catalytic_ms: number;
  normal_ms: number;
  /** Clean bytes per vertex: the catalytic run's, and a queue BFS's for the same answer. */
  clean_bytes_per_vertex: number;
  normal_clean_bytes_per_vertex: number;
  tape_bytes_per_vertex: number;
  restored: boolean;
}

interface LargeRow {
  shape: number[];
  obstacles: string;
  vertices: number;
  method: string;
  ms: number;
  bitset_ms: number;
  peak_rss_bytes: number;
  baseline_rss_bytes: number;
  bytes_per_vertex: number;
}

const rows: Row[] = [];
const catalyticRows: CatalyticRow[] = [];
const largeRows: LargeRow[] = [];

function label(shape: readonly number[]): string {
  return `${shape.length}D ${shape[0]}${shape.length > 1 ? `^${shape.length}` : ''}`.replace(
    /\^(\d)/,
    (_, p: string) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(p)],
  );
}

function record(l: Lattice, operation: string, ours: Measured & { method?: string }, graphology: Measured | null): Row {
  const row: Row = {
    lattice: label(l.shape),
    vertices: l.vertexCount,
    operation,
    ours,
    graphology,
    igraph: null,
    ratio_graphology: graphology === null ? null : graphology.median_ms / ours.median_ms,
    ratio_igraph: null,
  };
  rows.push(row);
  log(
    `${row.lattice} ${operation}: ours ${ours.median_ms.toFixed(3)} ms${graphology === null ? '' : ` | graphology ${graphology.median_ms.toFixed(2)} ms`}`,
  );
  return row;
}

function methodOf(run: () => { method?: string; algorithm?: string }): string | undefined {
  const r = run();
  return r.method ?? r.algorithm;
}

/** The igraph cases waiting for the child process, with the rows and answers they belong to. */
const pending: Array<{ row: Row; ours: DistanceFieldResult; igraph: IgraphCase }> = [];

function blockedIndices(l: Lattice): number[] {
  const out: number[] = [];
  obstacleBitset(l)?.forEachSet((i) => void out.push(i));
  return out;
}

/** The three distance fields of one shape (free, one obstacle, random obstacles), each beside igraph. */
function benchFields(shape: number[]): { free: Lattice; graph: () => Graph } {
  const origin = shape.map(() => 0);
  const corner = shape.map((n) => n - 1);
  const free = createLattice({ shape });
  // One obstacle, the far corner: the engine must prove that it lengthens no path.
  const one = createLattice({ shape, obstacles: { coordinates: [corner] } });
  const dense = createLattice({ shape, obstacles: { density: DENSITY, seed: 1 } });
  obstacleBitset(dense);
  const fields: Array<[Lattice, string]> = [
    [free, 'BFS distance field (corner)'],
    [one, 'BFS distance field, 1 obstacle'],
    [dense, `BFS distance field, ${DENSITY * 100} % obstacles`],
  ];
  for (const [l, operation] of fields) {
    const answer = distanceField(l, [origin]);
    const ours = { ...measure(() => distanceField(l, [origin]), opts), method: answer.method };
    const row = record(l, operation, ours, null);
    pending.push({ row, ours: answer, igraph: { key: `${row.lattice} ${operation}`, shape, obstacles: blockedIndices(l), source: 0 } });
  }
  return { free, graph: () => graphologyGrid(shape) };
}

/** Catalytic against normal on the lattices with random obstacles: time, and clean bytes per vertex. */
function benchCatalytic(shape: number[]): void {
  const l = createLattice({ shape, obstacles: { density: DENSITY, seed: 1 } });
  l.field = materializeField(l, { seed: 7 });
  const sources = [shape.map(() => 0)];
  const catalytic = measure(() => catalyticDistances(l, { sources }, {}), opts);
  const normal = measure(() => distanceField(l, sources), opts);
  const report = catalyticDistances(l, { sources }, {}).catalytic;
  const V = l.vertexCount;
  catalyticRows.push({
    lattice: label(shape),
    vertices: V,
    obstacles: `${DENSITY * 100} % random`,
    catalytic_ms: catalytic.median_ms,
    normal_ms: normal.median_ms,
    clean_bytes_per_vertex: report.clean_bytes / V,
    normal_clean_bytes_per_vertex: report.normal_clean_bytes / V,
    tape_bytes_per_vertex: report.tape_bytes / V,
    restored: report.restored,
  });
}

async function benchLattice(shape: number[], python: string): Promise<void> {
  const corner = shape.map((n) => n - 1);
  const origin = shape.map(() => 0);
  const centre = shape.map((n) => n >> 1);
  // The engine is measured before graphology's graph exists: with a gigabyte of someone else's
  // heap alive, every allocation of ours would pay for collecting it.
  const build = measure(() => createLattice({ shape }), opts);
  const { free: l, graph: makeGraph } = benchFields(shape);
  await benchIgraph(python);
  const ours = {
    path: { ...measure(() => findPath(l, origin, corner), opts), method: methodOf(() => findPath(l, origin, corner)) },
    ball: { ...measure(() => neighborhood(l, centre, 2), opts), method: methodOf(() => neighborhood(l, centre, 2)) },
    components: { ...measure(() => connectedComponents(l), opts), method: methodOf(() => connectedComponents(l)) },
  };
  benchCatalytic(shape);
  let graph: Graph | null = null;
  const graphBuild = measure(() => (graph = makeGraph()), opts);
  const g = graph as unknown as Graph;
  const id = (coords: number[]): string => String(coords.reduce((i, c, k) => i + c * l.strides[k], 0));
  record(l, 'build', build, graphBuild);
  const bfsRow = rows.find((r) => r.lattice === label(shape) && r.operation === 'BFS distance field (corner)') as Row;
  bfsRow.graphology = measure(() => singleSourceLength(g, id(origin)), opts);
  bfsRow.ratio_graphology = bfsRow.graphology.median_ms / bfsRow.ours.median_ms;
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

/** The 10^8-vertex fields, each in a process of its own so that its peak resident memory is its own. */
function benchLarge(): void {
  const shape = [100, 100, 100, 100];
  for (const obstacles of ['corner', `density:${DENSITY}`]) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/engine/large-field.ts', shape.join(','), obstacles], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const r = JSON.parse(out) as Omit<LargeRow, 'bytes_per_vertex'>;
    const row: LargeRow = { ...r, bytes_per_vertex: (r.peak_rss_bytes - r.baseline_rss_bytes) / r.vertices };
    largeRows.push(row);
    log(`${label(shape)} ${obstacles}: ${r.ms.toFixed(0)} ms, peak RSS ${(r.peak_rss_bytes / 2 ** 20).toFixed(0)} MiB`);
  }
}

/**
 * Runs igraph on the distance fields measured since the last call, right
 * after the engine's, so a change in the machine's load falls on both alike.
 */
async function benchIgraph(python: string): Promise<void> {
  const batch = pending.splice(0);
  if (batch.length === 0) return;
  const results = await runIgraph(
    python,
    batch.map((p) => p.igraph),
    RUNS,
  );
  results.forEach((r, i) => {
    const { row, ours } = batch[i];
    const sum = Math.round(ours.mean_distance * ours.reached);
    row.igraph = { ...r, agrees: r.reached === ours.reached && r.sum === sum };
    row.ratio_igraph = r.median_ms / row.ours.median_ms;
    log(`${row.lattice} ${row.operation}: igraph ${r.median_ms.toFixed(2)} ms${row.igraph.agrees ? '' : ' (DISAGREES)'}`);
  });
}

function fmt(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(4);
}

const ratio = (x: number | null): string => (x === null ? '—' : `${x.toFixed(x >= 10 ? 0 : 1)}×`);

function table(): string {
  const head =
    '| lattice | operation | ours ms (runs) | ours B/vertex | method | graphology ms (runs) | graphology / ours | igraph ms | igraph / ours |';
  const lines = [head, '|---|---|---|---|---|---|---|---|---|'];
  for (const r of rows) {
    const g = r.graphology;
    lines.push(
      `| ${r.lattice} | ${r.operation} | ${fmt(r.ours.median_ms)} (${r.ours.runs}) | ${(r.ours.memory_bytes / r.vertices).toFixed(1)} | ${r.ours.method ?? ''} | ${
        g === null ? '—' : `${fmt(g.median_ms)} (${g.runs}${g.note ? '*' : ''})`
      } | ${ratio(r.ratio_graphology)} | ${r.igraph === null ? '—' : `${fmt(r.igraph.median_ms)}${r.igraph.agrees ? '' : ' ≠'}`} | ${ratio(r.ratio_igraph)} |`,
    );
  }
  return lines.join('\n');
}

function catalyticTable(): string {
  const lines = [
    '| lattice | obstacles | catalytic ms | normal ms | clean B/vertex, catalytic | clean B/vertex, queue BFS | tape B/vertex | restored |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of catalyticRows) {
    lines.push(
      `| ${r.lattice} | ${r.obstacles} | ${fmt(r.catalytic_ms)} | ${fmt(r.normal_ms)} | ${r.clean_bytes_per_vertex.toFixed(2)} | ${r.normal_clean_bytes_per_vertex.toFixed(2)} | ${r.tape_bytes_per_vertex.toFixed(0)} | ${r.restored} |`,
    );
  }
  return lines.join('\n');
}

function largeTable(): string {
  const lines = ['| lattice | obstacles | method | ms | peak RSS MiB | bytes/vertex |', '|---|---|---|---|---|---|'];
  for (const r of largeRows) {
    lines.push(
      `| ${label(r.shape)} | ${r.obstacles} | ${r.method} | ${fmt(r.ms)} | ${(r.peak_rss_bytes / 2 ** 20).toFixed(0)} | ${r.bytes_per_vertex.toFixed(2)} |`,
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
  const million = rows.filter((x) => x.vertices >= 1_000_000);
  for (const r of million.filter((x) => x.operation === 'BFS distance field, 1 obstacle')) {
    out.push({
      target: `${r.lattice} distance field with one obstacle ≥ 15× igraph distances(source)`,
      measured:
        r.ratio_igraph === null
          ? 'igraph not measured'
          : `${ratio(r.ratio_igraph)} (${fmt(r.ours.median_ms)} vs ${fmt(r.igraph!.median_ms)} ms)`,
      met: r.ratio_igraph !== null && r.ratio_igraph >= 15,
    });
  }
  for (const r of million.filter((x) => x.operation === 'BFS distance field (corner)')) {
    out.push({
      target: `${r.lattice} obstacle-free distance field ≤ 2 ms`,
      measured: `${fmt(r.ours.median_ms)} ms`,
      met: r.ours.median_ms <= 2,
    });
  }
  for (const r of rows.filter((x) => x.igraph !== null)) {
    out.push({
      target: `${r.lattice} ${r.operation}: same reached count and distance sum as igraph`,
      measured: String(r.igraph!.agrees),
      met: r.igraph!.agrees,
    });
  }
  for (const r of largeRows) {
    out.push({
      target: `${label(r.shape)} (10^8 vertices), ${r.obstacles}: < 2 s within 1 GB`,
      measured: `${fmt(r.ms)} ms, peak RSS ${(r.peak_rss_bytes / 2 ** 20).toFixed(0)} MiB`,
      met: r.ms < 2000 && r.peak_rss_bytes < 2 ** 30,
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

async function main(): Promise<void> {
  const started = performance.now();
  const loadBefore = loadavg()[0];
  const shapes = quick
    ? [[10, 10, 10, 10]]
    : [
        [1000, 1000],
        [100, 100, 100],
        [32, 32, 32, 32],
        [10, 10, 10, 10],
      ];
  const igraph = igraphPython(log);
  log(`igraph ${igraph.version} (${igraph.python})`);
  for (const shape of shapes) await benchLattice(shape, igraph.python);
  benchCentrality([5, 5, 5, 5]);
  if (large) benchLarge();

  const checks = targets();
  const cpu = cpus();
  const report = {
    created_at: new Date().toISOString(),
    provenance: provenance(),
    machine: {
      cpu_model: cpu[0]?.model ?? 'unknown',
      cores: cpu.length,
      memory_gb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    // Other processes share the machine: the 1-minute load average says how much.
    load_average: { before: loadBefore, after: loadavg()[0] },
    peers: {
      graphology: 'same process',
      igraph: `python3-igraph ${igraph.version}, child process, right after the engine on each lattice`,
    },
    method: `median of ${RUNS} runs after one warm-up run (which also measures memory); a single run where the first takes over ${SLOW_MS / 1000} s; igraph: median of ${RUNS} runs of Graph.distances(source) after one warm-up; large fields: one run each in a fresh process, peak RSS from getrusage`,
    duration_s: (performance.now() - started) / 1000,
    rows,
    catalytic: catalyticRows,
    large: largeRows,
    targets: checks,
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/engine.json', `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${table()}\n\n* one run only: it takes over ${SLOW_MS / 1000} s; ≠: igraph's answer differs\n\n`);
  if (catalyticRows.length > 0)
    process.stdout.write(`Catalytic distance fields (queue on the lattice's field):\n\n${catalyticTable()}\n\n`);
  if (largeRows.length > 0) process.stdout.write(`Large fields:\n\n${largeTable()}\n\n`);
  for (const t of checks) process.stdout.write(`- [${t.met ? 'x' : ' '}] ${t.target}: ${t.measured}\n`);
  process.stdout.write(
    `\n${report.machine.cpu_model}, ${report.machine.cores} cores, Node ${process.version}, load average ${loadBefore.toFixed(1)} → ${report.load_average.after.toFixed(1)}; ${report.duration_s.toFixed(0)} s in all. JSON: bench/results/engine.json\n`,
  );
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
