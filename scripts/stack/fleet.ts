import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type CatalyticProcess, type Role, startCatalyticProcess, stopProcess, waitFor, waitForHttpOk } from './catalytic-process.js';
import { freePort } from './free-port.js';

export interface FleetOptions {
  databaseUrl: string;
  redisUrl: string;
  /** The fleet's own folder: DATA_DIR (mailbox, calibration), logs and the state file. */
  dir: string;
  apis?: number;
  workers?: number;
  /** Configuration on top of the fleet's defaults (e.g. raised per-IP limits, short job timeouts). */
  env?: Record<string, string>;
  /** Configuration for the workers only (e.g. where a worker serves its metrics). */
  workerEnv?: Record<string, string>;
  /** How long a process may take to become ready (tsx loads the sources at start: slow on a busy machine). */
  readyTimeoutMs?: number;
  /** The address users reach the service at (links in mail); default: the first API's URL. */
  publicUrl?: string;
}

export interface MemberState {
  name: string;
  role: Role;
  pid: number;
  /** How many times this member has been started (1 + restarts). */
  starts: number;
  ready: boolean;
  /** Base URL of an API member. */
  url?: string;
  log: string;
}

/** What the fleet writes to `fleet.json` after every change, for other processes (test files) to read. */
export interface FleetState {
  apis: string[];
  dataDir: string;
  mailbox: string;
  members: Record<string, MemberState>;
}

export const FLEET_STATE_FILE = 'fleet.json';

/** Reads a fleet's state file (written by the process that supervises it). */
export async function readFleetState(dir: string): Promise<FleetState> {
  return JSON.parse(await readFile(path.join(dir, FLEET_STATE_FILE), 'utf8')) as FleetState;
}

interface Member {
  state: MemberState;
  port?: number;
  proc: CatalyticProcess & { workerReady: Promise<void> };
}

const RESTART_DELAY_MS = 300;
const STOP_GRACE_MS = 15_000;

/**
 * `catalytic api` ×N and `catalytic worker` ×M on one PostgreSQL and Redis,
 * supervised like a process manager with a restart policy of "always": a
 * member that exits (killed, crashed, stopped by a test) is started again
 * with the same configuration and port. Its state file lets another process
 * find the members' pids and URLs.
 */
export class Fleet {
  readonly #members = new Map<string, Member>();
  readonly #options: Required<Omit<FleetOptions, 'env' | 'workerEnv' | 'publicUrl'>> & {
    env: Record<string, string>;
    workerEnv: Record<string, string>;
  };
  /** Ports are chosen before any API starts, so every process is told the same public URL. */
  readonly #ports = new Map<string, number>();
  #publicUrl = '';
  #stopping = false;
  // Production needs one ENCRYPTION_KEY shared by every member; a fresh one per fleet.
  readonly #encryptionKey = randomBytes(32).toString('base64');
  #writes: Promise<void> = Promise.resolve();

  private constructor(options: FleetOptions) {
    this.#options = { apis: 2, workers: 1, readyTimeoutMs: 90_000, env: {}, workerEnv: {}, ...options };
  }

  get dataDir(): string {
    return path.join(this.#options.dir, 'data');
  }

  get apis(): string[] {
    return [...this.#members.values()].flatMap((m) => (m.state.url ? [m.state.url] : []));
  }

  /** Starts every member and resolves once all are ready; stops what started when one fails. */
  static async start(options: FleetOptions): Promise<Fleet> {
    const fleet = new Fleet(options);
    await mkdir(fleet.dataDir, { recursive: true });
    for (let i = 1; i <= fleet.#options.apis; i++) fleet.#ports.set(`api-${i}`, await freePort());
    fleet.#publicUrl = options.publicUrl ?? `http://127.0.0.1:${fleet.#ports.get('api-1')}`;
    try {
      const names = [
        ...Array.from({ length: fleet.#options.apis }, (_, i) => ({ name: `api-${i + 1}`, role: 'api' as const })),
        ...Array.from({ length: fleet.#options.workers }, (_, i) => ({ name: `worker-${i + 1}`, role: 'worker' as const })),
      ];
      await Promise.all(names.map(({ name, role }) => fleet.#launch(name, role)));
      await fleet.#persist();
      return fleet;
    } catch (err) {
      await fleet.stop();
      throw err;
    }
  }

  state(): FleetState {
    return {
      apis: this.apis,
      dataDir: this.dataDir,
      mailbox: path.join(this.dataDir, 'mailbox.jsonl'),
      members: Object.fromEntries([...this.#members].map(([name, m]) => [name, { ...m.state }])),
    };
  }

  /**
   * What an operator's `catalytic` command (migrate, admin, backup) needs to act
   * on this fleet: its database, its Redis, its data folder and the encryption
   * key every member shares.
   */
  operatorEnv(): Record<string, string> {
    const { DATABASE_URL, REDIS_URL, ENCRYPTION_KEY, DATA_DIR } = this.#env('worker', undefined);
    return { DATABASE_URL, REDIS_URL, ENCRYPTION_KEY, DATA_DIR };
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    await Promise.all([...this.#members.values()].map((m) => stopProcess(m.proc, STOP_GRACE_MS)));
    await this.#writes;
  }

  #env(role: Role, port: number | undefined): Record<string, string> {
    const o = this.#options;
    return {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      ENCRYPTION_KEY: this.#encryptionKey,
      // The worker's start-up line is an info line; the APIs stay quiet unless something goes wrong.
      LOG_LEVEL: role === 'worker' ? 'info' : 'warn',
      DATABASE_URL: o.databaseUrl,
      REDIS_URL: o.redisUrl,
      DATA_DIR: this.dataDir,
      HOST: '127.0.0.1',
      ...(port === undefined ? {} : { PORT: String(port) }),
      PUBLIC_URL: this.#publicUrl,
      ...o.env,
      // Any free port for a worker's /metrics unless the caller names one: several workers share this host.
      ...(role === 'worker' ? { METRICS_PORT: '0', ...o.workerEnv } : {}),
    };
  }

  async #launch(name: string, role: Role, previous?: Member): Promise<void> {
    // A port that was free a moment ago can be taken before the API binds it: on a first start, try another.
    for (let attempt = 1; ; attempt++) {
      const port = role === 'api' ? (previous?.port ?? this.#ports.get(name)) : undefined;
      const proc = startCatalyticProcess({
        name,
        role,
        env: this.#env(role, port),
        cwd: this.#options.dir,
        logFile: path.join(this.#options.dir, `${name}.log`),
      });
      const member: Member = {
        port,
        proc,
        state: {
          name,
          role,
          pid: proc.child.pid ?? -1,
          starts: (previous?.state.starts ?? 0) + 1,
          ready: false,
          ...(port === undefined ? {} : { url: `http://127.0.0.1:${port}` }),
          log: proc.spec.logFile,
        },
      };
      this.#members.set(name, member);
      proc.exited
        .then(() => this.#onExit(member))
        .catch((err: Error) => process.stderr.write(`fleet: ${name} exited and its state was not recorded: ${err.message}\n`));
      try {
        await this.#ready(member);
        return;
      } catch (err) {
        if (previous || attempt >= 3 || !/EADDRINUSE/.test(proc.tail())) throw err;
        this.#ports.set(name, await freePort());
      }
    }
  }

  async #ready(member: Member): Promise<void> {
    const { proc, state } = member;
    const timeout = this.#options.readyTimeoutMs;
    if (state.role === 'api') await waitForHttpOk(proc, `${state.url}/health/ready`, timeout);
    else await waitFor(proc, proc.workerReady, 'taking jobs', timeout);
    state.ready = true;
    await this.#persist();
  }

  async #onExit(member: Member): Promise<void> {
    const current = () => !this.#stopping && this.#members.get(member.state.name) === member;
    if (!current()) return;
    member.state.ready = false;
    await this.#persist();
    await sleep(RESTART_DELAY_MS);
    if (!current()) return;
    await this.#launch(member.state.name, member.state.role, member).catch((err: Error) => {
      process.stderr.write(`fleet: could not restart ${member.state.name}: ${err.message}\n`);
    });
  }

  /** Writes the state file atomically (rename), one write after another. */
  #persist(): Promise<void> {
    const file = path.join(this.#options.dir, FLEET_STATE_FILE);
    const write = this.#writes.then(async () => {
      const partial = `${file}.${process.pid}.tmp`;
      await writeFile(partial, `${JSON.stringify(this.state(), null, 2)}\n`);
      await rename(partial, file);
    });
    // A failed write reaches its caller without stopping the writes after it.
    this.#writes = write.catch(() => undefined);
    return write;
  }
}
