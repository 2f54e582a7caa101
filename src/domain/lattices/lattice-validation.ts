import { isEngineError } from '../../engine/errors.js';
import { createLattice, MAX_DIMENSIONS, type Lattice, type ObstacleSpec } from '../../engine/lattice.js';
import { type FieldProblem, invalidFields, validationFailed } from '../errors.js';
import type { LatticeDefinition } from './lattice-repository.js';
import type { CreateLatticeInput, LegacyFields, UpdateLatticeInput } from './lattice-schemas.js';

/*
 * The rules a lattice request must meet beyond what its JSON schema can say:
 * the name's alphabet (Unicode letters), the metadata's serialised size, how
 * `shape`, `dimensions` and `size` combine, and obstacle coordinates checked
 * against the shape. Every problem found is reported at once, as one validation_failed.
 */

export const NAME_MAX_LENGTH = 100;
export const METADATA_MAX_BYTES = 16 * 1024;
export const MAX_OBSTACLE_COORDINATES = 10_000;
// Letters and digits of any script (with combining marks), spaces and _-.,:()#+
const NAME = /^[\p{L}\p{M}\p{N} _\-.,:()#+]+$/u;
const NAME_RULE = `must be 1–${NAME_MAX_LENGTH} characters of letters, digits, spaces and _-.,:()#+`;
// Reported once a list holds this many problems; more would only bloat the answer.
const MAX_PROBLEMS = 20;

type ObstacleInput = NonNullable<CreateLatticeInput['obstacles']>;

/** A lattice request resolved to what is stored. */
export interface LatticeSpec extends LatticeDefinition {
  /** Where a problem with the shape as a whole is reported: the field the client sent. */
  shapeField: string;
}

function checkName(name: string, problems: FieldProblem[]): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || [...trimmed].length > NAME_MAX_LENGTH || !NAME.test(trimmed)) {
    problems.push({ field: 'input.name', message: NAME_RULE });
  }
  return trimmed;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text PostgreSQL can store and JSON can carry: no NUL character, no lone surrogate. */
function checkDescription(description: string | undefined, problems: FieldProblem[]): string | null {
  if (description === undefined) return null;
  if (description.includes('\u0000') || LONE_SURROGATE.test(description)) {
    problems.push({ field: 'input.description', message: 'must be text without NUL characters or lone surrogates' });
  }
  return description;
}

function checkMetadata(metadata: Record<string, unknown>, problems: FieldProblem[]): void {
  const bytes = Buffer.byteLength(JSON.stringify(metadata), 'utf8');
  if (bytes > METADATA_MAX_BYTES) {
    problems.push({ field: 'input.metadata', message: `must be at most ${METADATA_MAX_BYTES} bytes as JSON (16 KB); it is ${bytes}` });
  }
}

const isSides = (value: unknown[]): value is number[] =>
  value.length >= 1 && value.length <= MAX_DIMENSIONS && value.every((v) => Number.isInteger(v) && (v as number) >= 2);

/** `dimensions` as a count, or as old clients' list of sides; null (with a problem) when it is neither. */
function readDimensions(value: unknown, problems: FieldProblem[]): { count?: number; sides?: number[] } | null {
  if (value === undefined) return {};
  if (Array.isArray(value)) {
    if (isSides(value)) return { sides: value };
    problems.push({ field: 'input.dimensions', message: `as a list of sides must hold 1 to ${MAX_DIMENSIONS} integers ≥ 2` });
    return null;
  }
  if (Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_DIMENSIONS) return { count: value as number };
  problems.push({ field: 'input.dimensions', message: `must be an integer from 1 to ${MAX_DIMENSIONS} (or a list of sides)` });
  return null;
}

function resolveShape(input: CreateLatticeInput, problems: FieldProblem[]): { shape: number[]; field: string } {
  const { size } = input;
  const dimensions = readDimensions(input.dimensions, problems);
  if (dimensions === null) return { shape: [], field: 'input.dimensions' };
  const sides = dimensions.sides;
  if (sides !== undefined && input.shape !== undefined && sides.join() !== input.shape.join()) {
    problems.push({ field: 'input.dimensions', message: 'as a list of sides must equal shape when both are given' });
  }
  const shape = input.shape ?? sides;
  if (shape !== undefined) {
    const count = dimensions.count;
    if (count !== undefined && count !== shape.length) {
      problems.push({ field: 'input.dimensions', message: `must equal the length of shape (${shape.length}) when both are given` });
    }
    if (size !== undefined && shape.some((side) => side !== size)) {
      problems.push({ field: 'input.size', message: 'must equal every side of shape when both are given' });
    }
    return { shape, field: input.shape !== undefined ? 'input.shape' : 'input.dimensions' };
  }
  if (dimensions.count === undefined || size === undefined) {
    const missing = dimensions.count === undefined ? 'input.dimensions' : 'input.size';
    problems.push({ field: missing, message: 'send shape, or dimensions and size' });
    return { shape: [], field: 'input.shape' };
  }
  return { shape: new Array<number>(dimensions.count).fill(size), field: 'input.size' };
}

function checkCoordinates(list: number[][], shape: number[], field: string, problems: FieldProblem[]): void {
  for (let i = 0; i < list.length && problems.length < MAX_PROBLEMS; i++) {
    const coords = list[i];
    if (coords.length !== shape.length) {
      problems.push({
        field: `${field}.${i}`,
        message: `must have ${shape.length} coordinates, one per dimension; it has ${coords.length}`,
      });
      continue;
    }
    const k = coords.findIndex((c, dim) => c < 0 || c >= shape[dim]);
    if (k >= 0)
      problems.push({ field: `${field}.${i}.${k}`, message: `must be in [0, ${shape[k]}) for dimension ${k}; it is ${coords[k]}` });
  }
}

function resolveObstacles(input: ObstacleInput | null | undefined, shape: number[], problems: FieldProblem[]): ObstacleSpec | null {
  if (input === undefined || input === null) return null;
  if (Array.isArray(input) || 'coordinates' in input) {
    const list = Array.isArray(input) ? input : input.coordinates;
    const field = Array.isArray(input) ? 'input.obstacles' : 'input.obstacles.coordinates';
    // A shape that is itself invalid was reported already; coordinates cannot be judged against it.
    if (shape.length > 0) checkCoordinates(list, shape, field, problems);
    return { coordinates: list };
  }
  return { density: input.density, seed: input.seed ?? 0 };
}

function legacyOf(input: LegacyFields): LegacyFields {
  const legacy: LegacyFields = {};
  if (input.field_type !== undefined) legacy.field_type = input.field_type;
  if (input.geometry !== undefined) legacy.geometry = input.geometry;
  if (input.enable_gpu !== undefined) legacy.enable_gpu = input.enable_gpu;
  return legacy;
}

/** A readable default: "3D lattice 10x10x10", or "10D lattice" when the sides do not fit the name. */
function defaultName(shape: number[]): string {
  const long = `${shape.length}D lattice ${shape.join('x')}`;
  return long.length <= NAME_MAX_LENGTH ? long : `${shape.length}D lattice`;
}

/** Resolves a create request to a lattice spec, or throws validation_failed listing every problem found. */
export function resolveCreateInput(input: CreateLatticeInput): LatticeSpec {
  const problems: FieldProblem[] = [];
  const name = input.name === undefined ? undefined : checkName(input.name, problems);
  const metadata = input.metadata ?? {};
  checkMetadata(metadata, problems);
  const description = checkDescription(input.description, problems);
  const { shape, field } = resolveShape(input, problems);
  const obstacles = resolveObstacles(input.obstacles, shape, problems);
  if (problems.length > 0) throw invalidFields(problems, 'The lattice is not valid');
  return {
    name: name ?? defaultName(shape),
    shape,
    boundary: input.boundary ?? 'open',
    obstacles,
    metadata,
    description,
    allow_cpu_fallback: input.allow_cpu_fallback ?? true,
    legacy: legacyOf(input),
    shapeField: field,
  };
}

/** Checks a PATCH body; returns it with the name trimmed, or throws validation_failed. */
export function resolveUpdateInput(input: UpdateLatticeInput): UpdateLatticeInput {
  const problems: FieldProblem[] = [];
  const out: UpdateLatticeInput = {};
  if (input.name !== undefined) out.name = checkName(input.name, problems);
  if (input.metadata !== undefined) {
    checkMetadata(input.metadata, problems);
    out.metadata = input.metadata;
  }
  if (problems.length > 0) throw invalidFields(problems, 'The change is not valid');
  return out;
}

const MAX_SAFE = '2^53 − 1 (9007199254740991)';

/**
 * The engine's lattice for a spec, O(d) whatever its size. The engine's
 * refusals (a vertex or edge count past 2^53 − 1, a side that is not a safe
 * integer) become 422s at the field the client sent.
 */
export function buildLattice(spec: Pick<LatticeSpec, 'shape' | 'boundary' | 'obstacles' | 'shapeField'>): Lattice {
  try {
    return createLattice({ shape: spec.shape, boundary: spec.boundary, obstacles: spec.obstacles });
  } catch (err) {
    if (!isEngineError(err)) throw err;
    if (err.code === 'too_large') {
      // A float product is enough to tell which count overflowed: it only has to compare with 2^53.
      const what = spec.shape.reduce((v, side) => v * side, 1) > Number.MAX_SAFE_INTEGER ? 'vertices' : 'edges';
      throw validationFailed(
        [{ field: spec.shapeField, message: `the lattice would have more than ${MAX_SAFE} ${what}` }],
        `The lattice is too large: its vertex and edge counts must stay at or below ${MAX_SAFE}`,
      );
    }
    if (err.code === 'invalid_shape') {
      throw validationFailed([{ field: spec.shapeField, message: `every side must be an integer from 2 to ${MAX_SAFE}` }]);
    }
    throw validationFailed([{ field: 'input', message: err.message }]);
  }
}
