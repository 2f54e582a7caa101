import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { gpuConfigFromEnv } from '../engine/backends/gpu-context.js';
import { DEFAULT_CALIBRATION_PATH } from '../engine/calibration-file.js';
import { runCalibration } from '../engine/calibration.js';
import type { CommandIo } from './lattice-command.js';

const processIo: CommandIo = { stdout: process.stdout, stderr: process.stderr };

export const CALIBRATE_USAGE = `Usage: catalytic bench calibrate [--output PATH] [--repeats N] [--quiet]

Measures every engine operation on every backend this machine has and writes
the cost-model constants as JSON to PATH (default ${DEFAULT_CALIBRATION_PATH}),
which the router loads at start-up. Takes about a minute.`;

/** Entry point of `catalytic bench calibrate`; returns the exit code. */
export async function runCalibrateCommand(argv: string[], io: CommandIo = processIo): Promise<number> {
  let values: { output?: string; repeats?: string; quiet?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { output: { type: 'string' }, repeats: { type: 'string' }, quiet: { type: 'boolean' }, help: { type: 'boolean' } },
      strict: true,
    }));
  } catch (error) {
    io.stderr.write(`catalytic bench calibrate: ${error instanceof Error ? error.message : String(error)}\n\n${CALIBRATE_USAGE}\n`);
    return 2;
  }
  if (values.help === true) {
    io.stdout.write(`${CALIBRATE_USAGE}\n`);
    return 0;
  }
  const repeats = values.repeats === undefined ? 5 : Number(values.repeats);
  if (!Number.isInteger(repeats) || repeats < 1 || repeats > 100) {
    io.stderr.write('catalytic bench calibrate: --repeats must be an integer in [1, 100]\n');
    return 2;
  }
  const output = values.output ?? DEFAULT_CALIBRATION_PATH;
  const calibration = await runCalibration({
    repeats,
    gpu: gpuConfigFromEnv(process.env),
    log: values.quiet === true ? undefined : (line) => io.stderr.write(`${line}\n`),
  });
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, `${JSON.stringify(calibration, null, 2)}\n`);
  io.stdout.write(
    `${JSON.stringify({ written: output, machine: calibration.machine, operations: Object.keys(calibration.constants.operations).length })}\n`,
  );
  return 0;
}
