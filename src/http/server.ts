import type { Server as TlsServer } from 'node:tls';
import { setTimeout as sleep } from 'node:timers/promises';
import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import type { Lifecycle } from '../platform/lifecycle.js';
import type { Logger } from '../platform/logger.js';
import { type TlsFiles, type TlsMaterial, watchTlsFiles } from '../platform/tls-certificate.js';

export interface ServeTls {
  files: TlsFiles;
  /** What the app was built with; told to `onCertificate` at start and after each reload. */
  material: TlsMaterial;
  onCertificate(material: TlsMaterial): void;
}

export interface ServeOptions {
  host: string;
  port: number;
  graceMs: number;
  /** How long readiness reports draining before the listener closes (the load balancer's time to notice). */
  drainDelayMs: number;
  lifecycle: Lifecycle;
  logger: Logger;
  tls?: ServeTls;
  /** Closes everything else (database, store, worker) after the HTTP server. */
  onClose: () => Promise<void>;
}

/** Serves a new certificate on new connections as soon as its files change, without a restart. */
function reloadOnChange(app: FastifyInstance, tls: ServeTls, logger: Logger) {
  tls.onCertificate(tls.material);
  return watchTlsFiles(
    tls.files,
    (material) => {
      (app.server as unknown as TlsServer).setSecureContext({ cert: material.cert, key: material.key });
      tls.onCertificate(material);
      logger.info({ subject: material.subject, expires_at: material.expiresAt.toISOString() }, 'TLS certificate reloaded');
    },
    (err) => logger.error({ err }, 'TLS certificate files changed but are not usable; still serving the previous certificate'),
  );
}

/**
 * Listens, and on SIGINT/SIGTERM drains: readiness turns 503 at once while
 * requests are still served for `drainDelayMs` (the load balancer's health
 * checks see it and stop routing here), then in-flight requests finish, new
 * connections get 503, then dependencies close. A second signal or the grace
 * period forces exit.
 */
export async function serve(app: FastifyInstance, o: ServeOptions): Promise<void> {
  const watcher = o.tls ? reloadOnChange(app, o.tls, o.logger) : null;
  closeWithGrace({ delay: o.drainDelayMs + o.graceMs, logger: { error: (m: unknown) => o.logger.error(m) } }, async ({ signal, err }) => {
    if (err) o.logger.error({ err }, 'shutting down after an error');
    o.logger.info({ signal, drain_delay_ms: o.drainDelayMs }, 'draining');
    o.lifecycle.markDraining();
    watcher?.close();
    if (o.drainDelayMs > 0) await sleep(o.drainDelayMs);
    await app.close();
    await o.onClose();
    o.logger.info('stopped');
  });
  await app.listen({ host: o.host, port: o.port });
  o.lifecycle.markStarted();
}
