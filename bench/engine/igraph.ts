import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/*
 * python3-igraph as a peer, in a child process: igraph-peer.py builds the
 * same lattices and times `distances(source)`. The bench's own set-up finds a
 * Python that imports igraph (Debian's python3-igraph lives under
 * /usr/bin/python3, which a python3 earlier on PATH may not see) and, when
 * there is none, installs the Debian package with apt-get and says so.
 */

export interface IgraphCase {
  key: string;
  shape: number[];
  /** Vertex indices (row-major) that are obstacles. */
  obstacles: number[];
  source: number;
}

export interface IgraphResult {
  key: string;
  median_ms: number;
  runs: number;
  build_ms: number;
  /** Vertices with a finite distance, and their distance sum: checked against the engine's. */
  reached: number;
  sum: number;
}

const PEER = fileURLToPath(new URL('./igraph-peer.py', import.meta.url));
const CANDIDATES = ['/usr/bin/python3', 'python3'];

function importsIgraph(python: string): string | null {
  try {
    return execFileSync(python, ['-c', 'import igraph; print(igraph.__version__)'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

/** A Python with igraph and its version; installs python3-igraph with apt-get when none has it (root only). */
export function igraphPython(log: (line: string) => void): { python: string; version: string } {
  for (const python of CANDIDATES) {
    const version = importsIgraph(python);
    if (version !== null) return { python, version };
  }
  if (process.getuid?.() !== 0) {
    throw new Error('python3-igraph is missing and this is not root: install it with `apt-get install -y python3-igraph`');
  }
  log('python3-igraph is missing: installing it with apt-get (bench set-up)');
  execFileSync('apt-get', ['update'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'python3-igraph'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  const version = importsIgraph('/usr/bin/python3');
  if (version === null) throw new Error('python3-igraph was installed but /usr/bin/python3 cannot import it');
  return { python: '/usr/bin/python3', version };
}

/** Runs the cases in one igraph child process; resolves with one result per case, in order. */
export function runIgraph(python: string, cases: IgraphCase[], runs: number): Promise<IgraphResult[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, [PEER], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`igraph peer exited with ${code}: ${err.trim()}`));
        return;
      }
      resolve(
        out
          .trim()
          .split('\n')
          .filter((line) => line !== '')
          .map((line) => JSON.parse(line) as IgraphResult),
      );
    });
    child.stdin.end(JSON.stringify({ runs, cases }));
  });
}
