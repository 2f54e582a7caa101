import { execFileSync } from 'node:child_process';
import os from 'node:os';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  locust: string;
  commit: string;
  /** Uncommitted changes in the checkout when the run started. */
  dirty: boolean;
  loadBefore: number[];
}

function run(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

/** What runs in a load scenario: the service, its migrations and dependencies, the scenarios and the stack scripts. */
const CODE_PATHS = ['src', 'bin', 'migrations', 'load', 'scripts', 'package.json', 'package-lock.json'];

/** Where a run happens and from which code, taken before the stack starts (so its load average is the machine's own). */
export function describeMachine(): Machine {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    // Debian's package reports no version through `locust --version`; dpkg does.
    locust: run('dpkg-query', ['-W', '-f=${Version}', 'python3-locust']) || run('locust', ['--version']) || 'unknown',
    commit: run('git', ['rev-parse', 'HEAD']) || 'unknown',
    // Changes to the code that runs, not to results and reports (a bench's JSON, an earlier report).
    dirty: run('git', ['status', '--porcelain', '--untracked-files=no', '--', ...CODE_PATHS]) !== '',
    loadBefore: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

/** A machine whose 1-minute load was over half its cores before the run is too busy for a baseline. */
export function busy(machine: Machine): boolean {
  return machine.loadBefore[0] > machine.cores / 2;
}
