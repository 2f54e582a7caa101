import defaults from './calibration-defaults.json' with { type: 'json' };
import { BACKENDS, CostModel, type CostConstants, type LinearCost } from './cost-model.js';
import { EngineError } from './errors.js';
import { Router } from './router.js';

/*
 * The calibration document written by `catalytic bench calibrate` and read by
 * the router. The file itself is read by the caller (CLI, service start-up),
 * which passes a reader in, so the engine stays free of I/O.
 */

export interface MachineDescription {
  cpu_model: string;
  cores: number;
  memory_gb: number;
  platform: string;
  arch: string;
  node: string;
  /** The adapter calibrated on, or why there was none. */
  gpu: string;
  /** 1-minute load average when calibration started: other work on the machine inflates the figures. */
  load_average?: number;
}

export interface Measurement {
  operation: string;
  backend: string;
  label: string;
  work: number;
  median_ms: number;
  runs: number;
}

export interface Calibration {
  version: 1;
  created_at: string;
  machine: MachineDescription;
  constants: CostConstants;
  /** Round trips measured on their own; the pool and GPU lines never start below them. */
  overheads?: { poolDispatchMs: number; gpuRoundTripMs: number };
  measurements: Measurement[];
}

export const DEFAULT_CALIBRATION_PATH = '.catalytic/calibration.json';

/** Reads a file's text, or null when it does not exist. The caller supplies it: the engine does no I/O. */
export type ReadText = (path: string) => string | null;

function fail(message: string): never {
  throw new EngineError('invalid_parameter', `calibration: ${message}`);
}

function nonNegative(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) fail(`${what} must be a non-negative number`);
  return value;
}

function parseLine(value: unknown, what: string): LinearCost {
  if (value === null || typeof value !== 'object') fail(`${what} must be an object`);
  const v = value as Record<string, unknown>;
  return { fixedMs: nonNegative(v.fixedMs, `${what}.fixedMs`), nsPerWork: nonNegative(v.nsPerWork, `${what}.nsPerWork`) };
}

/** Validates a parsed calibration document; throws invalid_parameter naming the first bad member. O(size). */
export function parseCalibration(doc: unknown): Calibration {
  if (doc === null || typeof doc !== 'object') fail('document must be an object');
  const d = doc as Record<string, unknown>;
  if (d.version !== 1) fail('version must be 1');
  const c = d.constants as Record<string, unknown> | undefined;
  if (c === undefined || c === null || typeof c !== 'object') fail('constants missing');
  const opsIn = c.operations;
  if (opsIn === null || typeof opsIn !== 'object') fail('constants.operations missing');
  const operations: CostConstants['operations'] = {};
  for (const [op, lines] of Object.entries(opsIn as Record<string, unknown>)) {
    if (lines === null || typeof lines !== 'object') fail(`operations.${op} must be an object`);
    operations[op] = {};
    for (const [backend, line] of Object.entries(lines as Record<string, unknown>)) {
      if (!(BACKENDS as readonly string[]).includes(backend)) fail(`operations.${op}: unknown backend ${backend}`);
      operations[op][backend as (typeof BACKENDS)[number]] = parseLine(line, `operations.${op}.${backend}`);
    }
  }
  const overheads = d.overheads as Calibration['overheads'];
  const constants: CostConstants = {
    operations,
    poolStartMs: nonNegative(c.poolStartMs, 'poolStartMs'),
    gpuInitMs: nonNegative(c.gpuInitMs, 'gpuInitMs'),
    gpuTransferNsPerByte: nonNegative(c.gpuTransferNsPerByte, 'gpuTransferNsPerByte'),
  };
  if (overheads?.poolDispatchMs !== undefined) constants.poolDispatchMs = nonNegative(overheads.poolDispatchMs, 'overheads.poolDispatchMs');
  return {
    version: 1,
    created_at: String(d.created_at ?? ''),
    machine: d.machine as MachineDescription,
    constants,
    overheads,
    measurements: Array.isArray(d.measurements) ? (d.measurements as Measurement[]) : [],
  };
}

/**
 * The largest CPU nanoseconds per work unit calibration measured for any
 * operation: on the calibrated machine, an operation's time is at most
 * about its estimated work times this. O(operations).
 */
export function nsPerWorkBound(calibration: Calibration): number {
  let bound = 0;
  for (const lines of Object.values(calibration.constants.operations)) bound = Math.max(bound, lines.cpu?.nsPerWork ?? 0);
  return bound;
}

/** The committed defaults, measured by `catalytic bench calibrate` on the machine they name. */
export function defaultCalibration(): Calibration {
  return parseCalibration(defaults);
}

/**
 * The calibration at `path` when that file exists, otherwise the committed
 * defaults; a file that exists but does not parse is an error, not a silent
 * fallback. O(file size).
 */
export function loadCalibration(read: ReadText, path: string = DEFAULT_CALIBRATION_PATH): { calibration: Calibration; source: string } {
  const text = read(path);
  if (text === null) return { calibration: defaultCalibration(), source: 'built-in defaults' };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    fail(`${path} is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  return { calibration: parseCalibration(doc), source: path };
}

/** A router over the calibration at `path` (or the defaults), for an engine created at start-up. */
export function routerFromCalibration(read: ReadText, path: string = DEFAULT_CALIBRATION_PATH): { router: Router; source: string } {
  const { calibration, source } = loadCalibration(read, path);
  return { router: new Router(new CostModel(calibration.constants)), source };
}
