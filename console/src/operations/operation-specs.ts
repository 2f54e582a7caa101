import { OPERATION_NAMES, type OperationName as EngineOperationName } from '../../../src/engine/operations';
import { parseCoordinateList, parseVertex, type Parsed } from '../lattice-view/parse-coordinates';

/*
 * Every lattice operation as data: its route, the form fields people fill in
 * and how they become the request body the OpenAPI document describes. The
 * operation form is generated from this table, so each operation is one
 * entry here and one result view.
 */

/** Every operation, in the engine's own order. */
export const OPERATIONS = OPERATION_NAMES;
export type OperationName = EngineOperationName;

/** What the defaults may depend on: the lattice's shape and two free vertices far apart. */
export interface LatticeContext {
  shape: number[];
  firstFree: number[];
  lastFree: number[];
}

interface BaseField {
  /** Body member; a dotted name nests (parameters.key). */
  name: string;
  label: string;
  hint?: string;
  /** Left out of the body when empty. */
  optional?: boolean;
  /** Shown (and sent) only when this holds for the other values. */
  when?: (values: Record<string, string>) => boolean;
  initial: (l: LatticeContext) => string;
}

export type FieldSpec = BaseField &
  (
    | { kind: 'vertex' }
    | { kind: 'vertices' }
    /** Lines of "coordinates, amount": diffusion point sources. */
    | { kind: 'sources' }
    | { kind: 'integer'; min?: number; max?: number }
    | { kind: 'number'; min?: number; max?: number }
    | { kind: 'select'; options: readonly string[] }
    | { kind: 'text' }
  );

export interface OperationSpec {
  op: OperationName;
  title: string;
  summary: string;
  fields: FieldSpec[];
}

const coords = (v: number[]) => v.join(', ');
const centre = (l: LatticeContext) => coords(l.shape.map((n) => Math.floor(n / 2)));
const isType = (t: string) => (v: Record<string, string>) => v.transformation_type === t;

export const OPERATION_SPECS: Record<OperationName, OperationSpec> = {
  path: {
    op: 'path',
    title: 'Shortest path',
    summary: 'A shortest path between two vertices, around obstacles.',
    fields: [
      { name: 'start', label: 'Start', kind: 'vertex', initial: (l) => coords(l.firstFree) },
      { name: 'end', label: 'End', kind: 'vertex', initial: (l) => coords(l.lastFree) },
      {
        name: 'algorithm',
        label: 'Algorithm',
        kind: 'select',
        options: ['auto', 'closed_form', 'bfs', 'bidirectional', 'astar', 'dijkstra'],
        initial: () => 'auto',
      },
    ],
  },
  distances: {
    op: 'distances',
    title: 'BFS distances',
    summary: 'The distance of every vertex from the nearest source, drawn as a heat map.',
    fields: [
      { name: 'sources', label: 'Sources', kind: 'vertices', hint: 'One vertex per line', initial: (l) => coords(l.firstFree) },
      { name: 'max_distance', label: 'Stop past distance', kind: 'integer', min: 0, optional: true, initial: () => '' },
    ],
  },
  neighbors: {
    op: 'neighbors',
    title: 'Neighbourhood',
    summary: 'The vertices within a number of hops of a vertex.',
    fields: [
      { name: 'vertex', label: 'Centre', kind: 'vertex', initial: centre },
      { name: 'radius', label: 'Radius (hops)', kind: 'integer', min: 0, initial: () => '3' },
      { name: 'limit', label: 'Most listed', kind: 'integer', min: 0, max: 10_000, optional: true, initial: () => '1000' },
    ],
  },
  components: {
    op: 'components',
    title: 'Connected components',
    summary: 'Count and sizes of the connected components of the free vertices, coloured on the map.',
    fields: [{ name: 'max_sizes', label: 'Sizes listed', kind: 'integer', min: 0, max: 10_000, optional: true, initial: () => '100' }],
  },
  centrality: {
    op: 'centrality',
    title: 'Centrality',
    summary: 'Closeness, betweenness or degree centrality: the top vertices and the distribution of their values.',
    fields: [
      { name: 'measure', label: 'Measure', kind: 'select', options: ['closeness', 'betweenness', 'degree'], initial: () => 'closeness' },
      { name: 'top_k', label: 'Top vertices', kind: 'integer', min: 0, max: 1000, initial: () => '100' },
      { name: 'samples', label: 'Pivot samples (when sampled)', kind: 'integer', min: 2, max: 10_000, optional: true, initial: () => '' },
      { name: 'seed', label: 'Seed', kind: 'integer', optional: true, initial: () => '' },
    ],
  },
  analyze: {
    op: 'analyze',
    title: 'Analyse',
    summary: 'Vertices, edges, degrees, diameter, bipartiteness, components and memory.',
    fields: [],
  },
  diffusion: {
    op: 'diffusion',
    title: 'Heat diffusion',
    summary: 'Explicit heat steps on the value field (left unchanged); statistics and frames.',
    fields: [
      { name: 'steps', label: 'Steps', kind: 'integer', min: 0, max: 100_000, initial: () => '200' },
      { name: 'initial', label: 'Initial state', kind: 'select', options: ['zero', 'field'], initial: () => 'zero' },
      {
        name: 'sources',
        label: 'Heat sources',
        kind: 'sources',
        optional: true,
        hint: 'One per line: coordinates, then the amount (e.g. 32, 32, 100)',
        initial: (l) => `${coords(l.firstFree)}, 100`,
      },
      { name: 'diffusivity', label: 'Diffusivity', kind: 'number', min: 0, optional: true, initial: () => '' },
      { name: 'snapshot_every', label: 'Statistics every (steps)', kind: 'integer', min: 1, optional: true, initial: () => '10' },
    ],
  },
  'random-walk': {
    op: 'random-walk',
    title: 'Random walks',
    summary: 'Seeded random walks: mean squared displacement over time and hitting statistics.',
    fields: [
      { name: 'walkers', label: 'Walkers', kind: 'integer', min: 1, max: 100_000, initial: () => '1000' },
      { name: 'steps', label: 'Steps', kind: 'integer', min: 0, initial: () => '500' },
      { name: 'seed', label: 'Seed', kind: 'integer', initial: () => '7' },
      { name: 'start', label: 'Start', kind: 'vertex', optional: true, hint: 'The centre when left empty', initial: () => '' },
    ],
  },
  partition: {
    op: 'partition',
    title: 'Partition',
    summary: 'Balanced boxes for parallel scheduling, with the edges they cut.',
    fields: [{ name: 'parts', label: 'Parts', kind: 'integer', min: 1, max: 4096, initial: () => '4' }],
  },
  spectrum: {
    op: 'spectrum',
    title: 'Laplacian spectrum',
    summary: 'The smallest Laplacian eigenvalues, exact from the grid structure (no obstacles).',
    fields: [{ name: 'k', label: 'Eigenvalues', kind: 'integer', min: 1, max: 1000, initial: () => '20' }],
  },
  transform: {
    op: 'transform',
    title: 'Transform the value field',
    summary: 'A reversible transform of the value field; the lattice gets a new version.',
    fields: [
      {
        name: 'transformation_type',
        label: 'Transformation',
        kind: 'select',
        options: ['xor', 'rotate', 'scale', 'normalize'],
        initial: () => 'xor',
      },
      { name: 'parameters.key', label: 'Key', kind: 'text', initial: () => 'secret', when: isType('xor') },
      { name: 'parameters.factor', label: 'Factor', kind: 'number', initial: () => '2', when: isType('scale') },
      { name: 'parameters.turns', label: 'Quarter turns', kind: 'integer', initial: () => '1', when: isType('rotate') },
      { name: 'parameters.axes', label: 'Plane (two axes)', kind: 'vertex', optional: true, initial: () => '0, 1', when: isType('rotate') },
    ],
  },
};

function setPath(body: Record<string, unknown>, name: string, value: unknown): void {
  const parts = name.split('.');
  let target = body;
  for (const p of parts.slice(0, -1)) target = (target[p] ??= {}) as Record<string, unknown>;
  target[parts[parts.length - 1]] = value;
}

function parseField(f: FieldSpec, text: string, dimensions: number): Parsed<unknown> {
  switch (f.kind) {
    case 'vertex':
      return parseVertex(text, f.name === 'parameters.axes' ? 2 : dimensions, f.label);
    case 'vertices':
      return parseCoordinateList(text, dimensions, f.label);
    case 'sources': {
      const rows = parseCoordinateList(text, dimensions + 1, f.label);
      if (!rows.ok) return rows;
      return { ok: true, value: rows.value.map((r) => ({ vertex: r.slice(0, dimensions), amount: r[dimensions] })) };
    }
    case 'integer':
    case 'number': {
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n) || (f.kind === 'integer' && !Number.isInteger(n))) {
        return { ok: false, message: `${f.label}: enter ${f.kind === 'integer' ? 'an integer' : 'a number'}` };
      }
      return { ok: true, value: n };
    }
    case 'select':
    case 'text':
      return { ok: true, value: text };
  }
}

/** The request body for `values`, or the first field that cannot be read. */
export function buildBody(spec: OperationSpec, values: Record<string, string>, dimensions: number): Parsed<Record<string, unknown>> {
  const body: Record<string, unknown> = {};
  for (const f of spec.fields) {
    if (f.when && !f.when(values)) continue;
    const text = (values[f.name] ?? '').trim();
    if (text === '' && f.optional) continue;
    const parsed = parseField(f, text, dimensions);
    if (!parsed.ok) return parsed;
    setPath(body, f.name, parsed.value);
  }
  return { ok: true, value: body };
}

export function initialValues(spec: OperationSpec, l: LatticeContext): Record<string, string> {
  return Object.fromEntries(spec.fields.map((f) => [f.name, f.initial(l)]));
}
