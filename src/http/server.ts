import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import type { Lifecycle } from '../platform/lifecycle.js';
import type { Logger } from '../platform/logger.js';

export interface ServeOptions {
  host: string;
  port: number;
  graceMs: number;
  lifecycle: Lifecycle;
  logger: Logger;
  /** Closes everything else (database, store, worker) after the HTTP server. */
  onClose: () => Promise<void>;
}

/**
 * Listens, and on SIGINT/SIGTERM drains: readiness turns 503 so the load
 * balancer stops sending, in-flight requests finish, new connections get 503,
 * then dependencies close. A second signal or the grace period forces exit.
 */
export async function serve(app: FastifyInstance, o: ServeOptions): Promise<void> {
  closeWithGrace({ delay: o.graceMs, logger: { error: (m: unknown) => o.logger.error(m) } }, async ({ signal, err }) => {
    if (err) o.logger.error({ err }, 'shutting down after an error');
    o.logger.info({ signal }, 'draining');
    o.lifecycle.markDraining();
    await app.close();
    await o.onClose();
    o.logger.info('stopped');
  });
  await app.listen({ host: o.host, port: o.port });
  o.lifecycle.markStarted();
}
