import { spawn } from 'node:child_process';
import { REPOSITORY_ROOT } from '../stack/catalytic-process.js';

/**
 * pass/fail: the check ran and this is its outcome. missing: the capability
 * does not exist yet (found by probing). pending: waiting on work named in the
 * line. not run: the check was skipped this time (--skip) or could not run
 * here. Only `pass` is ticked.
 */
export type Status = 'pass' | 'fail' | 'missing' | 'pending' | 'not run';

export interface Line {
  area: string;
  requirement: string;
  status: Status;
  /** What ran (a command), or how the capability was looked for. */
  command: string;
  /** What came out, in a sentence. */
  result: string;
  seconds: number;
  /** When it ran (ISO-8601 UTC). */
  at: string;
}

export interface CommandResult {
  code: number | null;
  output: string;
  seconds: number;
  at: string;
}

const OUTPUT_TAIL = 200_000;

/** Runs a command from the repository root, bounded by `timeoutMs`, keeping the end of its output. */
export function runCommand(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number; quiet?: boolean } = {},
): Promise<CommandResult> {
  const at = new Date().toISOString();
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: REPOSITORY_ROOT, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: string) => {
      output = (output + chunk).slice(-OUTPUT_TAIL);
      if (!options.quiet) process.stdout.write(chunk);
    };
    child.stdout.setEncoding('utf8').on('data', keep);
    child.stderr.setEncoding('utf8').on('data', keep);
    const timer = setTimeout(
      () => {
        keep(`\n[readiness: stopped after ${options.timeoutMs} ms]\n`);
        child.kill('SIGKILL');
      },
      options.timeoutMs ?? 30 * 60_000,
    );
    child.once('error', (err) => keep(`\n[readiness: ${err.message}]\n`));
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, seconds: (Date.now() - started) / 1000, at });
    });
  });
}

/** A line for a check that was not run, saying why. */
export function notRun(area: string, requirement: string, command: string, why: string): Line {
  return { area, requirement, status: 'not run', command, result: why, seconds: 0, at: new Date().toISOString() };
}

/** A line from a finished command: pass when it exited 0. */
export function fromCommand(area: string, requirement: string, command: string, r: CommandResult, result: string): Line {
  return { area, requirement, status: r.code === 0 ? 'pass' : 'fail', command, result, seconds: r.seconds, at: r.at };
}

/** The last non-empty lines of an output, for a failure's result. */
export function lastLines(output: string, n = 3): string {
  return output
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .slice(-n)
    .join(' / ')
    .slice(0, 400);
}
