import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildConsole } from '../../../scripts/build-console.js';
import type { WorkerHandle } from '../../../src/worker/worker.js';
import { createTestApp, type TestApp, startAppWorker } from '../../support/test-app.js';

export interface ConsoleServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  t: TestApp;
  close(): Promise<void>;
}

/**
 * The real app (same factory as the server) with a worker in this process,
 * listening on a free port and serving a console built from the current
 * source into a temporary directory.
 */
export async function startConsoleServer(env: Record<string, string> = {}): Promise<ConsoleServer> {
  const dist = await mkdtemp(path.join(tmpdir(), 'catalytic-console-'));
  await buildConsole(dist);
  const t = await createTestApp({ env: { CONSOLE_DIR: dist, QUEUE_POLL_INTERVAL_SECONDS: '0.5', ...env } });
  let worker: WorkerHandle | undefined;
  try {
    worker = await startAppWorker(t);
    await t.app.listen({ host: '127.0.0.1', port: 0 });
  } catch (err) {
    await worker?.stop();
    await t.close();
    throw err;
  }
  const { port } = t.app.server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    t,
    async close() {
      await worker?.stop();
      await t.close();
      await rm(dist, { recursive: true, force: true });
    },
  };
}
